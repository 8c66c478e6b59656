/**
 * Backpressure and floods: past the backlog bound HTTP answers 503 + Retry-After; nothing
 * acknowledged is lost.
 *
 * @module
 */
import assert from "node:assert/strict";
import { startService } from "./service_harness.ts";

Deno.test("a flood past the backlog bound gets 503 with Retry-After, and every acknowledged line is classified", async () => {
  const svc = await startService(["--max-backlog", "2"]);
  try {
    let accepted = 0, refused = 0, retryAfter = "";
    // Few distinct lines (the cache answers): the flood outruns the workers' KV commits, not
    // the model, and the test stays short. Flood until the service pushes back.
    const body = (r: number) =>
      Array.from({ length: 200 }, (_, i) => `flood line ${i % 20} GET /index.php?id=${r % 5}`)
        .join("\n");
    const end = Date.now() + 30_000;
    for (let round = 0; Date.now() < end && refused === 0; round++) {
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, k) =>
          svc.api("/api/logs", {
            method: "POST",
            headers: { "content-type": "text/plain" },
            body: body(round * 8 + k),
          })),
      );
      for (const res of results) {
        if (res.status === 202) accepted += (await res.json()).accepted;
        else {
          assert.equal(res.status, 503);
          retryAfter = res.headers.get("retry-after") ?? "";
          assert.match((await res.json()).error, /backlog/);
          refused++;
        }
      }
    }
    assert.ok(refused > 0, "the bound was reached");
    assert.equal(retryAfter, "5");
    const totals = await svc.until(async () => {
      const t = await svc.totals();
      return t.classified === accepted ? t : undefined;
    }, 120_000);
    assert.equal(totals["received:http"], accepted);
  } finally {
    await svc.stop();
  }
});

Deno.test("a UDP flood neither crashes the service nor blocks its API", async () => {
  const svc = await startService();
  try {
    const udp = Deno.listenDatagram({ transport: "udp", hostname: "127.0.0.1", port: 0 });
    const to = { transport: "udp" as const, hostname: "127.0.0.1", port: svc.udpPort };
    const enc = new TextEncoder();
    const sent = 20_000;
    for (let i = 0; i < sent; i++) {
      await udp.send(enc.encode(`<13>Mar  7 04:05:06 h app: flood ${i}`), to);
      if (i % 100 === 99) await new Promise((r) => setTimeout(r, 20)); // about 5k datagrams/s
    }
    udp.close();
    const live = await svc.api("/healthz");
    assert.equal(live.status, 200);
    await live.body?.cancel();
    const t = await svc.until(async () => {
      const t = await svc.totals();
      return t["received:udp"] > 0 && t.classified === t["received:udp"] ? t : undefined;
    }, 120_000);
    assert.ok(t["received:udp"] <= sent);
    // Loss rates are measured by `deno task bench`; here the service must keep most of a paced flood.
    assert.ok(t["received:udp"] >= sent * 0.5, `received ${t["received:udp"]} of ${sent}`);
  } finally {
    await svc.stop();
  }
});

Deno.test("a TCP sender faster than KV commits is slowed down, never dropped", async () => {
  const svc = await startService(["--max-backlog", "1000000"]);
  try {
    const n = 1_000_000;
    await svc.sendTcp(
      Array.from({ length: 1000 }, (_, i) => `<13>Mar  7 04:05:06 h app: fast ${i}`),
      n,
    );
    await svc.until(async () => (await svc.totals())["received:tcp"] === n, 120_000);
    const health = await (await svc.api("/api/health")).json();
    assert.equal(health.syslogDropped, 0);
    // The queue worker kept running through the flood: never failed, never restarted.
    assert.deepEqual(health.workers, [{ id: 0, alive: true, restarts: 0 }]);
  } finally {
    await svc.stop();
  }
});
