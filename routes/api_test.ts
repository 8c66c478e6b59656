/**
 * The API in-process (`app.request`), on an in-memory KV: ingest contract, limits, auth, the
 * browser guard, idempotency and error answers.
 *
 * @module
 */
import assert from "node:assert/strict";
import { queueState } from "../lib/queue/queue.ts";
import { totals } from "../lib/store/detections.ts";
import type { ApiDeps } from "./api.ts";
import { testApp } from "./test_app.ts";
import { parseWindow } from "./stats.ts";

async function app(over: Partial<ApiDeps> = {}) {
  const kv = await Deno.openKv(":memory:");
  return { kv, api: testApp(kv, over) };
}

const post = (body: BodyInit, type: string, headers: Record<string, string> = {}) => ({
  method: "POST",
  headers: { "content-type": type, ...headers },
  body,
});

Deno.test("POST /api/logs commits every format before answering 202", async () => {
  const { kv, api } = await app();
  let res = await api.request(
    "/api/logs",
    post(JSON.stringify({ lines: ["a", "b"] }), "application/json"),
  );
  assert.equal(res.status, 202);
  assert.deepEqual(await res.json(), { accepted: 2 });
  res = await api.request(
    "/api/logs",
    post('{"line":"c","host":"h"}\n"d"\n', "application/x-ndjson"),
  );
  assert.deepEqual(await res.json(), { accepted: 2 });
  res = await api.request("/api/logs", post("e\r\nf\n", "text/plain"));
  assert.deepEqual(await res.json(), { accepted: 2 });
  const q = await queueState(kv);
  assert.equal(q.enqueued, 3);
  assert.equal((await totals(kv))["received:http"], 6);
  kv.close();
});

Deno.test("POST /api/logs answers 413, 400 and 503 with JSON errors", async () => {
  const { kv, api } = await app({ maxBodyBytes: 100, maxBodyLines: 3 });
  let res = await api.request("/api/logs", post("x".repeat(500), "text/plain"));
  assert.equal(res.status, 413);
  assert.match((await res.json()).error, /larger than 100 bytes/);
  res = await api.request("/api/logs", post("1\n2\n3\n4\n", "text/plain"));
  assert.equal(res.status, 413);
  assert.match((await res.json()).error, /more than 3 lines/);
  res = await api.request("/api/logs", post('{"nope": 1}', "application/json"));
  assert.equal(res.status, 400);
  assert.match((await res.json()).error, /^lines: .*expected array.*send \{"lines"/);
  assert.equal((await queueState(kv)).enqueued, 0);
  kv.close();
  const full = await app({ backlog: () => 11 });
  res = await full.api.request("/api/logs", post("a\n", "text/plain"));
  assert.equal(res.status, 503);
  assert.equal(res.headers.get("retry-after"), "5");
  await res.body?.cancel();
  full.kv.close();
});

Deno.test("with a token, the API and metrics need the bearer; queries are validated", async () => {
  const { kv, api } = await app({ token: "0123456789abcdef" });
  assert.equal((await api.request("/api/detections")).status, 401);
  assert.equal((await api.request("/metrics")).status, 401);
  const auth = { headers: { authorization: "Bearer 0123456789abcdef" } };
  const ok = await api.request("/api/detections?label=web_scan", auth);
  assert.deepEqual(await ok.json(), { items: [], cursor: null });
  const bad = await api.request("/api/detections?label=nope", auth);
  assert.equal(bad.status, 400);
  await bad.body?.cancel();
  const m = await api.request("/metrics", auth);
  assert.match(await m.text(), /# TYPE insyt_lines_classified_total counter/);
  kv.close();
});

Deno.test("parseWindow reads 90s, 15m, 6h, 7d and caps at 30 days", () => {
  assert.equal(parseWindow("90s"), 90_000);
  assert.equal(parseWindow("15m"), 900_000);
  assert.equal(parseWindow("7d"), 7 * 86_400_000);
  assert.equal(parseWindow("999d"), 30 * 86_400_000);
  assert.equal(parseWindow(undefined), 3_600_000);
  assert.equal(parseWindow("soon"), null);
});

const text = (r: Response) => r.text();

Deno.test("Guard - unknown Host names (DNS rebinding) get 421; loopback and allowed names pass", async () => {
  const { kv, api } = await app();
  for (
    const host of ["evil.example", "evil.example:5656", "0.0.0.0:5656", "127.0.0.1.evil.example"]
  ) {
    const r = await api.request("http://x/api/stats", { headers: { host } });
    assert.equal(r.status, 421, host);
    assert.match((await r.json()).error, /unknown Host/);
  }
  for (const host of ["127.0.0.1:5656", "localhost:5656", "[::1]:5656", "insyt.example"]) {
    const r = await api.request("http://x/api/stats", { headers: { host } });
    assert.equal(r.status, 200, host);
    await text(r);
  }
  kv.close();
});

Deno.test("Guard - cross-origin state changes are refused; same-origin and non-browser pass", async () => {
  const { kv, api } = await app();
  const send = (headers: Record<string, string>) =>
    api.request(
      "http://127.0.0.1:5656/api/logs",
      post("a\n", "text/plain", {
        host: "127.0.0.1:5656",
        ...headers,
      }),
    );
  for (
    const h of <Record<string, string>[]> [
      { origin: "https://evil.example" },
      { origin: "null" },
      { origin: "http://127.0.0.1:8080" },
      { "sec-fetch-site": "cross-site" },
      { "sec-fetch-site": "same-site" },
    ]
  ) {
    const r = await send(h);
    assert.equal(r.status, 403, JSON.stringify(h));
    await text(r);
  }
  const same: Record<string, string>[] = [
    { origin: "http://127.0.0.1:5656" },
    { "sec-fetch-site": "same-origin" },
    {},
  ];
  for (const h of same) {
    const r = await send(h);
    assert.equal(r.status, 202, JSON.stringify(h));
    await text(r);
  }
  assert.equal((await queueState(kv)).enqueued, 3);
  const pre = await api.request("/api/logs", {
    method: "OPTIONS",
    headers: { origin: "https://evil.example", "access-control-request-method": "POST" },
  });
  assert.equal(pre.status, 204);
  assert.equal(pre.headers.get("access-control-allow-origin"), null);
  kv.close();
});

Deno.test("Guard - every answer has the secure headers and a CSP; API answers are no-store", async () => {
  const { kv, api } = await app();
  for (const path of ["/healthz", "/api/health", "/api/stats", "/metrics", "/nope"]) {
    const r = await api.request(path);
    assert.match(r.headers.get("content-security-policy") ?? "", /script-src 'self'/, path);
    assert.equal(r.headers.get("x-content-type-options"), "nosniff", path);
    if (path !== "/nope") assert.equal(r.headers.get("cache-control"), "no-store", path);
    await text(r);
  }
  kv.close();
});

Deno.test("Logs - other content types get 415 naming the accepted ones", async () => {
  const { kv, api } = await app();
  for (const type of ["application/xml", "text/html", "application/x-www-form-urlencoded", ""]) {
    const r = await api.request("/api/logs", {
      method: "POST",
      headers: type ? { "content-type": type } : {},
      body: new TextEncoder().encode("a=1"),
    });
    assert.equal(r.status, 415, type);
    assert.match((await r.json()).error, /application\/json, application\/x-ndjson, text\/plain/);
  }
  assert.equal((await queueState(kv)).enqueued, 0);
  kv.close();
});

Deno.test("Logs - NDJSON errors name the line and the field briefly", async () => {
  const { kv, api } = await app();
  let r = await api.request("/api/logs", post('"a"\n\n{"line": 5}\n', "application/x-ndjson"));
  assert.equal(r.status, 400);
  assert.equal(
    (await r.json()).error,
    "line 3: line: Invalid input: expected string, received number",
  );
  r = await api.request("/api/logs", post('"a"\n{oops\n', "application/x-ndjson"));
  assert.match((await r.json()).error, /^line 2: invalid JSON/);
  assert.equal((await queueState(kv)).enqueued, 0);
  kv.close();
});

Deno.test("Logs - a retried batch with the same Idempotency-Key is acknowledged once", async () => {
  const { kv, api } = await app();
  const send = (key: string) =>
    api.request("/api/logs", post("a\nb\n", "text/plain", { "idempotency-key": key }));
  let r = await send("batch-1");
  assert.deepEqual(await r.json(), { accepted: 2 });
  r = await send("batch-1");
  assert.equal(r.status, 202);
  assert.deepEqual(await r.json(), { accepted: 2, replayed: true });
  r = await send("batch-2");
  assert.deepEqual(await r.json(), { accepted: 2 });
  assert.equal((await totals(kv))["received:http"], 4);
  r = await send("bad key with spaces");
  assert.equal(r.status, 400);
  await text(r);
  kv.close();
});

Deno.test("Logs - a body still incomplete after the slow timeout gets 408 and commits nothing", async () => {
  const { kv, api } = await app({ slowTimeoutMs: 200 });
  const stalled = new ReadableStream<Uint8Array>({
    start(c) {
      c.enqueue(new TextEncoder().encode("half a line"));
    },
  });
  const r = await api.request("/api/logs", {
    method: "POST",
    headers: { "content-type": "text/plain" },
    body: stalled,
  });
  assert.equal(r.status, 408);
  assert.match((await r.json()).error, /not complete within 0.2 s/);
  assert.equal((await queueState(kv)).enqueued, 0);
  kv.close();
});

Deno.test("Detections - a cursor that is not ours is a 400 with a clear error, not a 500", async () => {
  const { kv, api } = await app();
  for (const cursor of ["garbage", "%00%ff", "a+b/c", "x".repeat(2000)]) {
    const r = await api.request(`/api/detections?cursor=${cursor}`);
    assert.equal(r.status, 400, cursor);
    assert.match((await r.json()).error, /cursor/);
  }
  kv.close();
});
