/**
 * `deno task start` as users type it: `-- --flag` (Deno 2.9 passes the `--` through),
 * `--help`, `--version`, one clear line and exit code 2 for usage errors, clear start-up
 * errors for a port in use or a missing --watch path; and Ctrl-C from a terminal (SIGINT to
 * the whole process group, so both `deno task` and the service get it) commits every line
 * received before it.
 *
 * @module
 */
import assert from "node:assert/strict";

const ROOT = new URL("../", import.meta.url).pathname;

/** Runs `deno task start -- ARGS` to completion. */
async function task(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const r = await new Deno.Command("deno", {
    args: ["task", "--quiet", "start", "--", ...args],
    cwd: ROOT,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const d = new TextDecoder();
  return { code: r.code, stdout: d.decode(r.stdout), stderr: d.decode(r.stderr) };
}

Deno.test("Start - --help lists the options and --version prints it, through `deno task start --`", async () => {
  const help = await task(["--help"]);
  assert.equal(help.code, 0, help.stderr);
  for (
    const flag of [
      "--port",
      "--syslog-allow",
      "--max-connections",
      "--slow-timeout-s",
      "INSYT_TOKEN",
    ]
  ) {
    assert.ok(help.stdout.includes(flag), flag);
  }
  const version = await task(["--version"]);
  assert.equal(version.code, 0);
  const { version: v } = JSON.parse(await Deno.readTextFile(`${ROOT}deno.json`));
  assert.equal(version.stdout.trim(), `insyt ${v}`);
});

Deno.test("Start - usage errors are one clear line naming the flag, exit code 2", async () => {
  const dir = await Deno.makeTempDir();
  const cases: [string[], RegExp][] = [
    [["--bogus"], /^insyt: Unknown option '--bogus'$/m],
    [["--port", "99999"], /^insyt: --port: /m],
    [
      ["--kv", `${dir}/k.kv`, "--watch", `${dir}/missing.log`],
      /^insyt: --watch .*missing\.log: no such file or directory$/m,
    ],
  ];
  for (const [args, re] of cases) {
    const r = await task(args);
    assert.equal(r.code, 2, `${args}: ${r.stderr}`);
    assert.match(r.stderr, re);
    assert.doesNotMatch(r.stderr, /at .*\.ts:\d+|httpPort|Uncaught/);
  }
  await Deno.remove(dir, { recursive: true });
});

Deno.test("Start - a port in use is one line naming the address and the flag", async () => {
  const dir = await Deno.makeTempDir();
  const tcp = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (tcp.addr as Deno.NetAddr).port;
  const udp = Deno.listenDatagram({ transport: "udp", hostname: "127.0.0.1", port });
  try {
    const syslog = await task([
      "--kv",
      `${dir}/a.kv`,
      "--port",
      "0",
      "--syslog-port",
      String(port),
    ]);
    assert.equal(syslog.code, 1);
    assert.match(
      syslog.stderr,
      new RegExp(
        `^insyt: syslog UDP 127.0.0.1:${port} \\(--syslog-host/--syslog-port\\): address already in use$`,
        "m",
      ),
    );
    const http = await task(["--kv", `${dir}/b.kv`, "--port", String(port), "--syslog-port", "0"]);
    assert.equal(http.code, 1);
    assert.match(
      http.stderr,
      new RegExp(
        `^insyt: HTTP 127.0.0.1:${port} \\(--host/--port\\): address already in use$`,
        "m",
      ),
    );
    for (const r of [syslog, http]) assert.doesNotMatch(r.stderr, /Uncaught|at .*\.ts:\d+/);
  } finally {
    tcp.close();
    udp.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test({
  name: "Start - Ctrl-C (SIGINT to the process group) commits every line received before it",
  sanitizeResources: false,
  async fn() {
    const dir = await Deno.makeTempDir();
    const lines = Array.from(
      { length: 150 },
      (_, i) => `Mar  7 04:05:06 web app[1]: line ${i} just before Ctrl-C`,
    );
    for (let round = 0; round < 3; round++) {
      const kv = `${dir}/r${round}.kv`;
      // setsid: the service gets a process group of its own, as a terminal gives a job.
      const child = new Deno.Command("setsid", {
        args: [
          "deno",
          "task",
          "--quiet",
          "start",
          "--",
          "--kv",
          kv,
          "--port",
          "0",
          "--syslog-port",
          "0",
          "--no-workers",
        ],
        cwd: ROOT,
        stdout: "piped",
        stderr: "piped",
      }).spawn();
      const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
      let out = "";
      while (!out.includes("\n")) out += (await reader.read()).value ?? "";
      const info = JSON.parse(out.split("\n")[0]);
      const tcpPort = Number(info.syslogTcp.split(":").pop());
      const conn = await Deno.connect({ hostname: "127.0.0.1", port: tcpPort });
      await conn.write(new TextEncoder().encode(lines.join("\n") + "\n"));
      const kill = await new Deno.Command("kill", { args: ["-INT", "--", `-${child.pid}`] })
        .output();
      assert.equal(kill.code, 0);
      const status = await child.status;
      const err = await new Response(child.stderr).text();
      await reader.cancel();
      conn.close();
      assert.equal(status.code, 0, `round ${round}: exit ${status.code}\n${err}`);
      assert.doesNotMatch(err, /BadResource|Uncaught/);
      const store = await Deno.openKv(kv);
      const received = (await store.get<Deno.KvU64>(["total", "received:tcp"])).value;
      store.close();
      assert.equal(Number(received?.value ?? 0), 150, `round ${round}: lines committed`);
    }
    await Deno.remove(dir, { recursive: true });
  },
});
