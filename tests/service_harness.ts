/**
 * Test helper: starts the real service (`main.ts`) as a subprocess on free ports with a temp KV
 * file.
 *
 * @module
 */

/** A started service. */
export interface Service {
  http: string;
  udpPort: number;
  tcpPort: number;
  dir: string;
  child: Deno.ChildProcess;
  /** fetch against the service's HTTP address. */
  api(path: string, init?: RequestInit): Promise<Response>;
  /** Posts `lines` as records of `source` from host "web1" to `/api/logs`; throws unless 202. */
  ingest(lines: string[], source: string): Promise<void>;
  /** The service's running totals (`GET /api/stats`): "classified", "received:udp", ... */
  totals(): Promise<Record<string, number>>;
  /** Sends `n` newline-framed lines over one syslog TCP connection: `block`, repeated. */
  sendTcp(block: string[], n: number): Promise<void>;
  /** Polls `f` until it returns a truthy value (or fails after `ms`). */
  until<T>(f: () => Promise<T | undefined | false>, ms?: number): Promise<T>;
  stop(signal?: Deno.Signal): Promise<Deno.CommandStatus>;
  stderr(): string;
}

const ROOT = new URL("../", import.meta.url).pathname;

/** The permission flags of `deno task start`, so tests run with exactly what users grant. */
const START_FLAGS: string[] = JSON.parse(await Deno.readTextFile(`${ROOT}deno.json`)).tasks.start
  .split(" ").filter((a: string) => a.startsWith("--allow-"));

/** Starts main.ts with `args` (plus --kv in `dir`, ports 0); resolves once it prints its addresses. */
export async function startService(
  args: string[] = [],
  opts: { dir?: string; env?: Record<string, string> } = {},
): Promise<Service> {
  const dir = opts.dir ?? await Deno.makeTempDir({ prefix: "insyt-svc-" });
  const child = new Deno.Command("deno", {
    args: [
      "run",
      ...START_FLAGS,
      `${ROOT}main.ts`,
      "--kv",
      `${dir}/insyt.kv`,
      "--port",
      "0",
      "--syslog-port",
      "0",
      ...args,
    ],
    cwd: ROOT,
    stdout: "piped",
    stderr: "piped",
    env: opts.env,
  }).spawn();
  let err = "";
  (async () => {
    for await (const c of child.stderr.pipeThrough(new TextDecoderStream())) err += c;
  })();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let out = "";
  while (!out.includes("\n")) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`service exited before listening:\n${err}`);
    out += value;
  }
  (async () => {
    while (!(await reader.read()).done);
  })();
  const info = JSON.parse(out.split("\n")[0]);
  // A wildcard bind is reached on loopback (0.0.0.0 is not a Host name the service answers).
  const http = `http://${info.http.replace(/^0\.0\.0\.0:/, "127.0.0.1:")}`;
  const tcpPort = Number(info.syslogTcp.split(":").pop());
  return {
    http,
    udpPort: Number(info.syslogUdp.split(":").pop()),
    tcpPort,
    dir,
    child,
    api: (path, init) => fetch(http + path, init),
    async ingest(lines, source) {
      const res = await fetch(`${http}/api/logs`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ records: lines.map((line) => ({ line, source, host: "web1" })) }),
      });
      await res.body?.cancel();
      if (res.status !== 202) throw new Error(`POST /api/logs answered ${res.status}`);
    },
    totals: async () => (await (await fetch(`${http}/api/stats?window=1h`)).json()).totals,
    async sendTcp(block, n) {
      const bytes = new TextEncoder().encode(block.join("\n") + "\n");
      const conn = await Deno.connect({ hostname: "127.0.0.1", port: tcpPort });
      for (let sent = 0; sent < n; sent += block.length) {
        let off = 0;
        while (off < bytes.length) off += await conn.write(bytes.subarray(off));
      }
      conn.close();
    },
    async until(f, ms = 30_000) {
      const end = Date.now() + ms;
      for (;;) {
        const v = await f();
        if (v) return v;
        if (Date.now() > end) {
          throw new Error(`condition not met within ${ms} ms\n${err.slice(-2000)}`);
        }
        await new Promise((r) => setTimeout(r, 200));
      }
    },
    async stop(signal: Deno.Signal = "SIGTERM") {
      child.kill(signal);
      return await child.status;
    },
    stderr: () => err,
  };
}
