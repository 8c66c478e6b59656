/**
 * The started service under the abuse the internet sends it: connections reset before accept
 * (nmap -sT), a connect/close storm, random datagrams, random TCP frames (bad octet counts,
 * truncated frames, lone CR, NULs, 200 KB lines), idle partial-frame connections past the cap,
 * half-sent HTTP bodies, cross-origin and DNS-rebinding requests. The service stays up, valid
 * lines sent after the junk all arrive, memory returns near its idle figure, every refusal is
 * counted in /metrics. Every loop is bounded; all traffic stays on loopback.
 *
 * @module
 */
import assert from "node:assert/strict";
import { type Service, startService } from "./service_harness.ts";

let seed = 42;
/** Seeded random bytes (xorshift32), so a failure replays. */
function rnd(n: number): Uint8Array {
  return Uint8Array.from({ length: n }, () => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return seed & 0xff;
  });
}

async function rssKb(pid: number): Promise<number> {
  const status = await Deno.readTextFile(`/proc/${pid}/status`);
  return Number(status.match(/VmRSS:\s+(\d+)/)![1]);
}

async function metric(svc: Service, name: string): Promise<number> {
  const text = await (await svc.api("/metrics")).text();
  const m = text.match(new RegExp(`^${name.replace(/[{}"=]/g, "\\$&")} (\\d+)$`, "m"));
  return m ? Number(m[1]) : 0;
}

/** `n` connections that the client resets (SO_LINGER 0) right after connecting. */
async function resetStorm(port: number, n: number) {
  const py = `import socket,struct
for _ in range(${n}):
    s=socket.socket(); s.setsockopt(socket.SOL_SOCKET,socket.SO_LINGER,struct.pack("ii",1,0))
    s.connect(("127.0.0.1",${port})); s.close()`;
  const r = await new Deno.Command("/usr/bin/python3", { args: ["-c", py] }).output();
  assert.equal(r.code, 0, new TextDecoder().decode(r.stderr));
}

async function write(conn: Deno.Conn, bytes: Uint8Array) {
  let off = 0;
  while (off < bytes.length) off += await conn.write(bytes.subarray(off));
}

const enc = new TextEncoder();

Deno.test({
  name: "Abuse - scans, resets, junk and floods never stop the service, and nothing valid is lost",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const svc = await startService([
      "--max-connections",
      "200",
      "--max-connections-per-peer",
      "150",
      "--slow-timeout-s",
      "2",
      "--idle-timeout-s",
      "4",
    ]);
    try {
      const http = new URL(svc.http);
      // Idle is measured after a warm-up, so the model's WASM heap (which never shrinks) and
      // KV's caches have grown to their working size first. Each line comes from its own
      // address: the attack-storm shortcut would otherwise keep most of them from the model.
      const warm = Array.from(
        { length: 400 },
        (_, i) =>
          `Mar  7 04:05:06 web sshd[${i}]: Failed password for user${i} from 198.51.${
            100 + (i >> 8)
          }.${i & 255} port ${i} ssh2 ${"x".repeat(i % 4 ? 10 : 6000)}`,
      );
      const warmed = await svc.api("/api/logs", {
        method: "POST",
        headers: { "content-type": "text/plain" },
        body: warm.join("\n"),
      });
      await warmed.body?.cancel();
      await svc.until(async () => (await svc.totals()).classified >= 400);
      const idle = await rssKb(svc.child.pid);

      // 1. A port scan's connections: reset before accept, then a connect/close storm.
      await resetStorm(svc.tcpPort, 200);
      await resetStorm(Number(http.port), 100);
      for (let i = 0; i < 300; i++) {
        (await Deno.connect({ hostname: "127.0.0.1", port: svc.tcpPort })).close();
      }

      // 2. Random datagrams (bounded: 2,000 of up to 1,400 bytes).
      const udp = Deno.listenDatagram({ transport: "udp", hostname: "127.0.0.1", port: 0 });
      const to: Deno.NetAddr = { transport: "udp", hostname: "127.0.0.1", port: svc.udpPort };
      for (let i = 0; i < 2000; i++) await udp.send(rnd(1 + (i * 7) % 1400), to);

      // 3. Random and malformed TCP frames, one connection each.
      const frames = [
        enc.encode("99999999999999999999999 <13>too long a count\n"),
        enc.encode("12 <13>ab"), // truncated octet frame, then EOF
        enc.encode("5 <13>a5 <13>b0 x\n"), // a zero length after good frames
        enc.encode("line one\rline two\r\rno newline at all"),
        enc.encode("a\0b\0\0c\n"),
        enc.encode("x".repeat(200_000) + "\n"),
        rnd(50_000),
      ];
      for (const f of frames) {
        const c = await Deno.connect({ hostname: "127.0.0.1", port: svc.tcpPort });
        await write(c, f);
        c.close();
      }

      // 4. Idle partial-frame connections past the per-peer cap (150): 180 of them.
      const idleConns: Deno.Conn[] = [];
      for (let i = 0; i < 180; i++) {
        const c = await Deno.connect({ hostname: "127.0.0.1", port: svc.tcpPort });
        await write(c, enc.encode("65000 <13>partial frame that never ends"));
        idleConns.push(c);
      }
      // 5. Half-sent HTTP bodies (50), on raw sockets.
      const halfSent: Deno.Conn[] = [];
      for (let i = 0; i < 50; i++) {
        const c = await Deno.connect({ hostname: "127.0.0.1", port: Number(http.port) });
        await write(
          c,
          enc.encode(
            `POST /api/logs HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\nContent-Length: 100000\r\n\r\nhalf`,
          ),
        );
        halfSent.push(c);
      }
      const peak = await rssKb(svc.child.pid);

      // 6. The browser as a way in: cross-origin writes and DNS rebinding.
      const cross = await svc.api("/api/logs", {
        method: "POST",
        headers: { "content-type": "text/plain", origin: "https://evil.example" },
        body: "cross-origin line\n",
      });
      assert.equal(cross.status, 403);
      await cross.body?.cancel();
      // fetch() may not set Host: a raw request, as a rebinding browser would send it.
      const rebind = await Deno.connect({ hostname: "127.0.0.1", port: Number(http.port) });
      await write(
        rebind,
        enc.encode("GET /api/stats HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n"),
      );
      const answer = new Uint8Array(256);
      const got = await rebind.read(answer);
      rebind.close();
      assert.match(new TextDecoder().decode(answer.subarray(0, got ?? 0)), /^HTTP\/1.1 421/);

      // The caps refused the extra connections; the slow timeout closes the rest.
      await svc.until(async () =>
        await metric(svc, 'insyt_events_total{event="syslog_refused"}') >= 30
      );
      const timedOut = await svc.until(async () => {
        const n = await metric(svc, 'insyt_events_total{event="syslog_timeout"}');
        return n >= 140 ? n : undefined;
      }, 60_000);
      assert.ok(timedOut >= 140);
      const bodies = await Promise.all(halfSent.map(async (c) => {
        const buf = new Uint8Array(512);
        const n = await c.read(buf).catch(() => null);
        c.close();
        return n ? new TextDecoder().decode(buf.subarray(0, n)) : "";
      }));
      assert.ok(
        bodies.every((b) => b === "" || b.startsWith("HTTP/1.1 408")),
        bodies.find((b) => !b.startsWith("HTTP/1.1 408")) ?? "",
      );
      for (const c of idleConns) {
        try {
          c.close();
        } catch { /* closed by the server */ }
      }
      udp.close();

      // Still up, and valid lines sent after the junk all arrive on every transport.
      const before = await svc.totals();
      const marker = (t: string, i: number) =>
        `Mar  7 04:05:06 web app[1]: after-abuse ${t} line ${i}`;
      await svc.sendTcp(Array.from({ length: 50 }, (_, i) => marker("tcp", i)), 50);
      const sender = Deno.listenDatagram({ transport: "udp", hostname: "127.0.0.1", port: 0 });
      for (let i = 0; i < 50; i++) await sender.send(enc.encode(marker("udp", i)), to);
      sender.close();
      const posted = await svc.api("/api/logs", {
        method: "POST",
        headers: { "content-type": "text/plain" },
        body: Array.from({ length: 50 }, (_, i) => marker("http", i)).join("\n"),
      });
      assert.equal(posted.status, 202);
      await posted.body?.cancel();
      const after = await svc.until(async () => {
        const t = await svc.totals();
        return ["tcp", "udp", "http"].every((x) =>
            (t[`received:${x}`] ?? 0) - (before[`received:${x}`] ?? 0) >= 50
          )
          ? t
          : undefined;
      });
      assert.equal(after["received:http"] - (before["received:http"] ?? 0), 50);
      assert.ok((await svc.api("/healthz")).ok);

      // Junk is counted, never stored as attacks; accept errors and frame errors are counted.
      await svc.until(async () => (await svc.totals()).junk > 0);
      assert.ok(await metric(svc, 'insyt_events_total{event="syslog_frame_error"}') >= 1);
      assert.ok(await metric(svc, 'insyt_events_total{event="http_refused"}') >= 2);
      const dets = (await (await svc.api("/api/detections?limit=500")).json()).items as {
        line: string;
      }[];
      // deno-lint-ignore no-control-regex -- looking for the fuzz bytes on purpose
      const fuzz = /[\x00-\x08\ufffd]/;
      const junkStored = dets.filter((d) => fuzz.test(d.line)).length;
      assert.equal(
        junkStored,
        0,
        "random bytes stored as attack detections" +
          JSON.stringify(
            dets.filter((d) => fuzz.test(d.line)).slice(0, 4).map((d) => d.line),
          ),
      );

      // Memory returns within 20 % of idle once the connections are gone.
      const settled = await svc.until(async () => {
        const r = await rssKb(svc.child.pid);
        return r <= idle * 1.2 ? r : undefined;
      }, 20_000).catch(async () => await rssKb(svc.child.pid));
      assert.ok(
        settled <= idle * 1.2,
        `RSS idle ${idle} kB, peak ${peak} kB, after ${settled} kB (> 120 % of idle)`,
      );
      assert.equal(svc.child.pid > 0 && (await svc.api("/api/health")).ok, true);
    } finally {
      await svc.stop();
    }
  },
});
