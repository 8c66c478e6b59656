/**
 * Integration tests of the running service: real HTTP, UDP and TCP sockets, a real KV file and
 * watched files; detections read back through the API.
 *
 * @module
 */
import assert from "node:assert/strict";
import { type Service, startService } from "./service_harness.ts";

const ATTACK = (n: number) =>
  `Mar  7 04:05:06 web sshd[81${n}]: Failed password for invalid user oracle${n} from 203.0.113.${
    n % 250
  } port ${40000 + n} ssh2`;
const BENIGN =
  "Mar  7 04:05:07 web CRON[900]: (root) CMD (cd / && run-parts --report /etc/cron.hourly)";

interface Det {
  line: string;
  label: string;
  source: Record<string, unknown>;
  context: string[];
}

async function detections(svc: Service, query = ""): Promise<Det[]> {
  const res = await svc.api(`/api/detections?limit=500${query}`);
  assert.equal(res.status, 200);
  return (await res.json()).items;
}

Deno.test("HTTP batches are acknowledged after commit, classified, and read back", async () => {
  const svc = await startService();
  try {
    const res = await svc.api("/api/logs", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        records: [{ line: BENIGN, host: "web" }, {
          line: ATTACK(1),
          host: "web",
          source: "auth.log",
        }],
      }),
    });
    assert.equal(res.status, 202);
    assert.deepEqual(await res.json(), { accepted: 2 });
    const dets = await svc.until(async () => {
      const d = await detections(svc);
      return d.length ? d : undefined;
    });
    assert.equal(dets.length, 1);
    assert.equal(dets[0].line, ATTACK(1));
    assert.equal(dets[0].label, "credential_access");
    assert.deepEqual(dets[0].context, [BENIGN]);
    assert.equal(dets[0].source.transport, "http");
    const t = await svc.until(async () => {
      const t = await svc.totals();
      return t.classified === 2 ? t : undefined;
    });
    assert.equal(t["received:http"], 2);
    assert.equal(t["label:benign"], 1);
    const plain = await svc.api("/api/logs", {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: `${ATTACK(2)}\r\n${BENIGN}\n`,
    });
    assert.deepEqual(await plain.json(), { accepted: 2 });
    const nd = await svc.api("/api/logs", {
      method: "POST",
      headers: { "content-type": "application/x-ndjson" },
      body: JSON.stringify({ line: ATTACK(3), host: "h3" }) + "\n" + JSON.stringify(ATTACK(4)) +
        "\n",
    });
    assert.deepEqual(await nd.json(), { accepted: 2 });
    await svc.until(async () => (await detections(svc, "&label=credential_access")).length === 4);
    const h3 = await detections(svc, "&source=h3");
    assert.deepEqual(h3.map((d) => d.line), [ATTACK(3)]);
  } finally {
    await svc.stop();
  }
});

Deno.test("HTTP rejects bad bodies clearly and loses nothing else", async () => {
  const svc = await startService(["--max-body-mb", "1"]);
  try {
    const big = await svc.api("/api/logs", {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: "x".repeat(2 * 1024 * 1024),
    });
    assert.equal(big.status, 413);
    assert.match((await big.json()).error, /larger than/);
    const bad = await svc.api("/api/logs", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{not json",
    });
    assert.equal(bad.status, 400);
    await bad.body?.cancel();
    const wrong = await svc.api("/api/logs", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"lines": [1, 2]}',
    });
    assert.equal(wrong.status, 400);
    await wrong.body?.cancel();
    const bytes = new Uint8Array([...new TextEncoder().encode(ATTACK(7) + " "), 0xff, 0xfe, 0x0a]);
    const inv = await svc.api("/api/logs", {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: bytes,
    });
    assert.deepEqual(await inv.json(), { accepted: 1 });
    const longLine = ATTACK(8) + " " + "A".repeat(900 * 1024);
    const long = await svc.api("/api/logs", {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: longLine,
    });
    assert.deepEqual(await long.json(), { accepted: 1 });
    const t = await svc.until(async () => {
      const t = await svc.totals();
      return t.classified === 2 ? t : undefined;
    });
    assert.equal(t.invalid, 1);
  } finally {
    await svc.stop();
  }
});

Deno.test("syslog over UDP and TCP (octet-counting and newline framing) is classified with its source", async () => {
  const svc = await startService();
  try {
    const udp = Deno.listenDatagram({ transport: "udp", hostname: "127.0.0.1", port: 0 });
    const enc = new TextEncoder();
    const to = { transport: "udp" as const, hostname: "127.0.0.1", port: svc.udpPort };
    await udp.send(enc.encode(`<38>${ATTACK(11)}`), to);
    await udp.send(
      enc.encode(
        `<38>1 2024-03-07T04:05:06Z web5424 sshd 811 - - Failed password for invalid user admin from 198.51.100.9 port 4711 ssh2`,
      ),
      to,
    );
    await udp.send(enc.encode("<999>garbage that is not syslog"), to);
    udp.close();
    const octet = await Deno.connect({ hostname: "127.0.0.1", port: svc.tcpPort });
    const m1 = enc.encode(`<38>${ATTACK(12)}`), m2 = enc.encode(`<38>${BENIGN}`);
    await octet.write(
      new Uint8Array([
        ...enc.encode(`${m1.length} `),
        ...m1,
        ...enc.encode(`${m2.length} `),
        ...m2,
      ]),
    );
    octet.close();
    const nl = await Deno.connect({ hostname: "127.0.0.1", port: svc.tcpPort });
    await nl.write(enc.encode(`<38>${ATTACK(13)}\n<38>${BENIGN}\n`));
    nl.close();
    const t = await svc.until(async () => {
      const t = await svc.totals();
      return t.classified === 7 ? t : undefined;
    });
    assert.equal(t["received:udp"], 3);
    assert.equal(t["received:tcp"], 4);
    assert.equal(t.invalid, 1);
    const dets = await svc.until(async () => {
      const d = await detections(svc, "&label=credential_access");
      return d.length >= 4 ? d : undefined;
    });
    const byLine = new Map(dets.map((d) => [d.line, d]));
    assert.equal(byLine.get(ATTACK(11))?.source.transport, "udp");
    assert.equal(byLine.get(ATTACK(11))?.source.app, "sshd");
    assert.equal(byLine.get(ATTACK(12))?.source.transport, "tcp");
    assert.equal(byLine.get(ATTACK(13))?.source.transport, "tcp");
    assert.ok(dets.some((d) => d.source.host === "web5424"));
    // The socket got its own 4 MiB buffer (the kernel reports it doubled), and says what it lost.
    const { syslogUdp } = await (await svc.api("/api/health")).json();
    assert.deepEqual(syslogUdp, { receiving: true, receiveBufferBytes: 8 << 20, kernelDrops: 0 });
    assert.match(
      await (await svc.api("/metrics")).text(),
      /insyt_syslog_udp_dropped_total\{where="kernel"\} 0\n.*\{where="backlog"\} 0/,
    );
  } finally {
    await svc.stop();
  }
});

Deno.test("a watched directory: appends, rotation by rename and truncation arrive exactly once", async () => {
  const logs = await Deno.makeTempDir({ prefix: "insyt-watch-" });
  const file = `${logs}/auth.log`;
  await Deno.writeTextFile(file, "");
  const svc = await startService(["--watch", logs, "--from-start"]);
  try {
    const write = (n: number[]) =>
      Deno.writeTextFile(file, n.map(ATTACK).join("\n") + "\n", { append: true });
    const lines = async () => (await detections(svc, "&source=auth.log")).map((d) => d.line);
    await write([21, 22]);
    await svc.until(async () => (await lines()).length === 2);
    await Deno.rename(file, `${file}.1`);
    await Deno.writeTextFile(`${file}.1`, ATTACK(23) + "\n", { append: true }); // written just before rotation completes
    await write([24]);
    await svc.until(async () => (await lines()).length === 4);
    await Deno.truncate(file, 0); // copytruncate: the follower sees the size drop, then new lines
    await new Promise((r) => setTimeout(r, 1000));
    await write([25]);
    await svc.until(async () => (await lines()).length === 5);
    const got = (await lines()).sort();
    assert.deepEqual(got, [21, 22, 23, 24, 25].map(ATTACK).sort());
  } finally {
    await svc.stop();
    await Deno.remove(logs, { recursive: true });
  }
});

Deno.test("--no-workers runs the HTTP -> queue -> classify path in-process", async () => {
  const svc = await startService(["--no-workers", "--udp-buffer-mb", "1"]);
  try {
    const res = await svc.api("/api/logs", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ lines: [ATTACK(31), BENIGN] }),
    });
    assert.equal(res.status, 202);
    await res.body?.cancel();
    const dets = await svc.until(async () => {
      const d = await detections(svc);
      return d.length ? d : undefined;
    });
    assert.equal(dets[0].line, ATTACK(31));
    const health = await (await svc.api("/api/health")).json();
    assert.equal(health.mode, "in-process");
    assert.equal(health.queue.backlog, 0);
    assert.equal(
      health.syslogUdp.receiveBufferBytes,
      2 << 20,
      "UDP received in-process, tuned too",
    );
  } finally {
    await svc.stop();
  }
});

Deno.test("binding HTTP off loopback requires a token, then every API call needs it", async () => {
  const refused = new Deno.Command("deno", {
    args: [
      "run",
      "-A",
      "main.ts",
      "--host",
      "0.0.0.0",
      "--port",
      "0",
      "--syslog-port",
      "0",
      "--kv",
      ":memory:",
    ],
    cwd: new URL("../", import.meta.url).pathname,
    env: { INSYT_TOKEN: "" },
    stdout: "null",
    stderr: "piped",
  });
  const out = await refused.output();
  assert.equal(out.code, 2); // a usage error
  assert.match(new TextDecoder().decode(out.stderr), /requires INSYT_TOKEN/);
  const token = "t0ken-for-tests-0123456789";
  const svc = await startService(["--host", "0.0.0.0"], { env: { INSYT_TOKEN: token } });
  try {
    const anon = await svc.api("/api/detections");
    assert.equal(anon.status, 401);
    await anon.body?.cancel();
    const ok = await svc.api("/api/detections", { headers: { authorization: `Bearer ${token}` } });
    assert.equal(ok.status, 200);
    assert.equal(ok.headers.get("x-content-type-options"), "nosniff");
    await ok.body?.cancel();
    const live = await svc.api("/healthz");
    assert.equal(live.status, 200);
    await live.body?.cancel();
    const metrics = await svc.api("/metrics", { headers: { authorization: `Bearer ${token}` } });
    assert.match(await metrics.text(), /insyt_queue_backlog_batches 0/);
  } finally {
    await svc.stop();
  }
});

Deno.test("SIGTERM flushes buffered syslog lines before exit; a restart classifies them", async () => {
  const dir = await Deno.makeTempDir({ prefix: "insyt-term-" });
  let svc = await startService([], { dir });
  const conn = await Deno.connect({ hostname: "127.0.0.1", port: svc.tcpPort });
  await conn.write(
    new TextEncoder().encode([41, 42, 43].map((n) => `<38>${ATTACK(n)}\n`).join("")),
  );
  conn.close();
  await new Promise((r) => setTimeout(r, 30)); // inside the batcher's 100 ms window
  const status = await svc.stop("SIGTERM");
  assert.equal(status.code, 0);
  svc = await startService([], { dir });
  try {
    const dets = await svc.until(async () => {
      const d = await detections(svc);
      return d.length === 3 ? d : undefined;
    }, 90_000);
    assert.deepEqual(dets.map((d) => d.line).sort(), [41, 42, 43].map(ATTACK).sort());
  } finally {
    await svc.stop();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("syslog from a peer outside --syslog-allow is refused", async () => {
  const svc = await startService(["--syslog-allow", "10.0.0.0/8"]);
  try {
    const udp = Deno.listenDatagram({ transport: "udp", hostname: "127.0.0.1", port: 0 });
    await udp.send(new TextEncoder().encode(`<38>${ATTACK(51)}`), {
      transport: "udp",
      hostname: "127.0.0.1",
      port: svc.udpPort,
    });
    udp.close();
    const tcp = await Deno.connect({ hostname: "127.0.0.1", port: svc.tcpPort });
    await tcp.write(new TextEncoder().encode(`<38>${ATTACK(52)}\n`)).catch(() => 0);
    tcp.close();
    const res = await svc.api("/api/logs", {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: BENIGN,
    });
    assert.equal(res.status, 202); // HTTP still works and proves the pipeline is live
    await res.body?.cancel();
    const t = await svc.until(async () => {
      const t = await svc.totals();
      return t.classified === 1 ? t : undefined;
    });
    assert.equal(t["received:udp"], undefined);
    assert.equal(t["received:tcp"], undefined);
  } finally {
    await svc.stop();
  }
});

Deno.test("the queue and model workers run at a lower CPU priority than the receiving threads", async () => {
  const svc = await startService(["--workers", "2", "--worker-nice", "7"]);
  try {
    const nice = (task: string) => {
      const stat = Deno.readTextFileSync(`/proc/${svc.child.pid}/task/${task}/stat`);
      return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[16]);
    };
    const tasks = [...Deno.readDirSync(`/proc/${svc.child.pid}/task`)].map((t) => t.name);
    assert.equal(nice(String(svc.child.pid)), 0, "main thread");
    const comm = (t: string) =>
      Deno.readTextFileSync(`/proc/${svc.child.pid}/task/${t}/comm`).trim();
    const workers = tasks.filter((t) => /^worker-\d+$/.test(comm(t)));
    // The queue worker and its two model workers lowered; the UDP receiver and the advice worker
    // (which mostly waits on Ollama) keep the main thread's priority.
    assert.deepEqual(workers.map(nice).sort(), [0, 0, 7, 7, 7]);
  } finally {
    await svc.stop();
  }
});
