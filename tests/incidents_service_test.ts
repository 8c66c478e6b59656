/**
 * @module Incidents end to end on the running service (real process, real sockets, the shipped
 * model): a brute force over TCP syslog is one incident; a dirb-like run over HTTP is a web_scan
 * incident through the behaviour rules; scan → exploit → sudo of one address is a chain of 3;
 * the SSE stream resumes with Last-Event-ID; the OpenAPI document lists every route.
 */
import assert from "node:assert/strict";
import { type Service, startService } from "./service_harness.ts";

interface Inc {
  id: string;
  label: string;
  entity: string;
  count: number;
  detectors: string[];
  rules: string[];
  chain: string[];
  severity: string;
}

async function incidentsOf(svc: Service, entity: string): Promise<Inc[]> {
  const res = await svc.api(`/api/incidents?limit=500&entity=${encodeURIComponent(entity)}`);
  assert.equal(res.status, 200);
  return (await res.json()).items;
}

const post = (svc: Service, records: { line: string; host: string; source?: string }[]) =>
  svc.api("/api/logs", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ records }),
  });

/** Waits until the service classified `n` lines in all. */
const classified = (svc: Service, n: number) =>
  svc.until(async () => ((await svc.totals()).classified ?? 0) >= n, 60_000);

const sshd = (i: number, ip: string) =>
  `<38>Dec  1 07:00:${String(i % 60).padStart(2, "0")} bastion sshd[${
    900 + i
  }]: Failed password for root from ${ip} port ${40000 + i} ssh2`;

Deno.test("Incidents service - brute force, dirb run, kill chain, SSE resume, OpenAPI", async (t) => {
  const svc = await startService();
  let lines = 0;
  try {
    await t.step("30 sshd failures from one address over TCP syslog are one incident", async () => {
      await svc.sendTcp(Array.from({ length: 30 }, (_, i) => sshd(i, "203.0.113.7")), 30);
      await classified(svc, lines += 30);
      const incs = await svc.until(async () => {
        const got = await incidentsOf(svc, "203.0.113.7");
        return got.length && got[0].count === 30 ? got : undefined;
      });
      assert.equal(incs.length, 1);
      assert.equal(incs[0].label, "credential_access");
      assert.equal(incs[0].count, 30);
      assert.ok(incs[0].detectors.includes("behaviour"), incs[0].detectors.join());
      const all = await (await svc.api("/api/incidents?label=credential_access")).json();
      assert.equal(all.items.length, 1, "no second incident for the account itself");
    });

    await t.step(
      "300 plain 404s from one client over HTTP become a behaviour web_scan incident",
      async () => {
        const records = Array.from({ length: 300 }, (_, i) => ({
          line: `198.51.100.9 - - [01/Dec/2026:07:10:00 +0000] "GET /${
            ["img", "old", "bak", "wp"][i % 4]
          }${i} HTTP/1.1" 404 196 "-" "Mozilla/5.0 (X11; Linux x86_64)"`,
          host: "web",
          source: "access.log",
        }));
        assert.equal((await post(svc, records)).status, 202);
        await classified(svc, lines += 300);
        const [inc, ...rest] = await svc.until(async () => {
          const got = await incidentsOf(svc, "198.51.100.9");
          return got.some((i) => i.rules.includes("web_distinct_404")) ? got : undefined;
        });
        assert.equal(rest.length, 0);
        assert.equal(inc.label, "web_scan");
        assert.ok(inc.detectors.includes("behaviour"));
        assert.ok(inc.count >= 261 && inc.count <= 300, `count ${inc.count}`);
      },
    );

    await t.step(
      "a scan, an exploit and a sudo abuse from one address are a chain of 3",
      async () => {
        const ip = "192.0.2.50";
        const records = [
          `${ip} - - [01/Dec/2026:07:20:00 +0000] "GET /robots.txt HTTP/1.1" 404 196 "-" "Mozilla/5.00 (Nikto/2.1.6) (Evasions:None) (Test:000003)"`,
          `${ip} - - [01/Dec/2026:07:21:00 +0000] "GET /index.php?id=1%27%20UNION%20SELECT%201,2,3--%20- HTTP/1.1" 200 512 "-" "sqlmap/1.7"`,
          `sshd[900]: Accepted password for bob from ${ip} port 50000 ssh2`,
          "sudo:      bob : TTY=pts/0 ; PWD=/home/bob ; USER=root ; COMMAND=/bin/cat /etc/shadow",
        ].map((line) => ({ line, host: "web" }));
        assert.equal((await post(svc, records)).status, 202);
        await classified(svc, lines += records.length);
        const incs = await svc.until(async () => {
          const got = await incidentsOf(svc, ip);
          return got.some((i) => i.label === "privilege_escalation") ? got : undefined;
        });
        const last = incs.find((i) => i.label === "privilege_escalation")!;
        const scan = incs.find((i) => i.label === "web_scan")!;
        const exploit = incs.find((i) => i.label === "web_exploit")!;
        assert.deepEqual(last.chain, [scan.id, exploit.id]);
        assert.deepEqual(exploit.chain, [scan.id]);
        assert.equal(last.severity, "critical");
        const detail = await (await svc.api(`/api/incidents/${scan.id}`)).json();
        assert.deepEqual(
          detail.links.followedBy.map((i: Inc) => i.id).sort(),
          [exploit.id, last.id].sort(),
        );
      },
    );

    await t.step(
      "SSE: an incident is announced; a reconnect with Last-Event-ID gets what it missed",
      async () => {
        const ac = new AbortController();
        const res = await svc.api("/api/events", { signal: ac.signal });
        assert.equal(res.headers.get("content-type"), "text/event-stream");
        const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
        await post(svc, [{ line: sshd(1, "198.18.0.77").replace(/^<38>/, ""), host: "bastion" }]);
        let text = "", lastId = 0;
        while (!lastId) {
          const { value, done } = await reader.read();
          if (done) throw new Error("stream ended");
          text += value;
          const frame = text.split("\n\n").find((f) =>
            f.includes("incident.created") && f.includes("198.18.0.77")
          );
          if (frame) lastId = Number(frame.match(/^id: (\d+)$/m)![1]);
        }
        ac.abort();
        // While disconnected: two more attackers.
        await post(
          svc,
          ["198.18.0.78", "198.18.0.79"].map((ip) => ({
            line: sshd(2, ip).slice(4),
            host: "bastion",
          })),
        );
        await classified(svc, lines += 3);
        await svc.until(async () => (await incidentsOf(svc, "198.18.0.79")).length > 0);
        const again = await svc.api("/api/events", {
          headers: { "last-event-id": String(lastId) },
        });
        const r2 = again.body!.pipeThrough(new TextDecoderStream()).getReader();
        let missed = "";
        while (!(missed.includes("198.18.0.78") && missed.includes("198.18.0.79"))) {
          const { value, done } = await r2.read();
          if (done) throw new Error("stream ended");
          missed += value;
        }
        await r2.cancel();
        const seqs = [...missed.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]));
        assert.equal(
          seqs[0],
          lastId + 1,
          "the first event after the reconnect follows the last one seen",
        );
        assert.deepEqual(seqs, seqs.map((_, i) => lastId + 1 + i), "no event lost or repeated");
      },
    );

    await t.step("the OpenAPI document lists every route and /docs renders", async () => {
      const doc = await (await svc.api("/api/openapi.json")).json();
      const ops = Object.entries(doc.paths).flatMap(([p, o]) =>
        Object.keys(o as object).map((m) => `${m} ${p}`)
      );
      for (
        const r of [
          "post /api/logs",
          "get /api/detections",
          "get /api/stats",
          "get /api/health",
          "get /metrics",
          "get /healthz",
          "get /api/incidents",
          "get /api/incidents/{id}",
          "patch /api/incidents/{id}",
          "get /api/suppressions",
          "post /api/suppressions",
          "get /api/suppressions/{id}",
          "patch /api/suppressions/{id}",
          "delete /api/suppressions/{id}",
          "get /api/events",
          "get /api/openapi.json",
          "get /docs",
        ]
      ) assert.ok(ops.includes(r), r);
      const docs = await svc.api("/docs");
      assert.equal(docs.status, 200);
      assert.match(await docs.text(), /<code>\/api\/incidents\/\{id\}<\/code>/);
    });
  } finally {
    await svc.stop();
  }
});

Deno.test("Incidents service - scan noise skips the model but an exploit in it does not", async () => {
  const svc = await startService();
  try {
    const ip = "198.51.100.200";
    const ua =
      "DirBuster-1.0-RC1 (http://www.owasp.org/index.php/Category:OWASP_DirBuster_Project)";
    const dirb = (i: number) =>
      `${ip} - - [01/Dec/2026:07:30:00 +0000] "GET /${
        ["admin", "backup", "img"][i % 3]
      }${i} HTTP/1.1" 404 196 "-" "${ua}"`;
    const exploit =
      `${ip} - - [01/Dec/2026:07:30:01 +0000] "GET /index.php?id=1%27%20UNION%20SELECT%201,2,3--%20- HTTP/1.1" 200 512 "-" "${ua}"`;
    const send = (lines: string[]) => post(svc, lines.map((line) => ({ line, host: "web" })));
    await send(Array.from({ length: 150 }, (_, i) => dirb(i)));
    await classified(svc, 150);
    await send([...Array.from({ length: 150 }, (_, i) => dirb(150 + i)), exploit]);
    await classified(svc, 301);
    const t = await svc.totals();
    assert.ok(t.shortcut >= 100, `only ${t.shortcut} lines took the shortcut`);
    const dets = await (await svc.api("/api/detections?label=web_exploit")).json();
    assert.deepEqual(dets.items.map((d: { line: string }) => d.line), [exploit]);
    const scan = (await incidentsOf(svc, ip)).find((i) => i.label === "web_scan")!;
    assert.ok(scan.count >= 290, `scan count ${scan.count}`);
  } finally {
    await svc.stop();
  }
});
