/** @module The API in-process (`app.request`), on an in-memory KV: ingest contract, limits, auth. */
import assert from "node:assert/strict";
import { queueState } from "../lib/queue/queue.ts";
import { totals } from "../lib/store/detections.ts";
import { type ApiDeps, createApi, parseWindow } from "./api.ts";

async function app(over: Partial<ApiDeps> = {}) {
  const kv = await Deno.openKv(":memory:");
  const deps: ApiDeps = {
    kv,
    maxBodyBytes: 1024 * 1024,
    maxBodyLines: 1000,
    backlog: () => 0,
    maxBacklog: 10,
    status: () => ({ mode: "test" }),
    ...over,
  };
  return { kv, api: createApi(deps) };
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
  assert.equal((await res.json()).error, "invalid body");
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
