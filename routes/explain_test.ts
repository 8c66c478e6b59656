/**
 * `GET /api/detections/:id/explain` through the composed app on an in-memory KV with the
 * shipped model: 400 / 404 / 401, computed once then read from KV.
 *
 * @module
 */
import assert from "node:assert/strict";
import { Classifier } from "../lib/classify/classifier.ts";
import { Explainer } from "../lib/classify/explanations.ts";
import { K, timeId } from "../lib/core/kv_keys.ts";
import { ExplanationSchema } from "../lib/core/schemas.ts";
import { testApp } from "./test_app.ts";
import { seedDetection } from "./test_seed.ts";

const classifier = await Classifier.load();
const LINE =
  `198.51.100.20 - - [01/Dec/2026:07:03:00 +0000] "GET /index.php?id=1%27%20UNION%20SELECT%201,2,3-- HTTP/1.1" 404 196 "-" "curl/8.5"`;

async function seeded(token?: string) {
  const kv = await Deno.openKv(":memory:");
  const det = await seedDetection(kv, classifier, LINE);
  let loads = 0;
  const explainer = new Explainer(kv, {
    retentionMs: 3_600_000,
    classifier: () => (loads++, Promise.resolve(classifier)),
  });
  return { kv, det, api: testApp(kv, { explainer, token }), loads: () => loads };
}

Deno.test("Explain API - computed on the first request, then read from KV without the model", async () => {
  const { kv, det, api, loads } = await seeded();
  const first = await api.request(`/api/detections/${det.id}/explain`);
  assert.equal(first.status, 200);
  assert.equal(first.headers.get("x-explanation-cache"), "miss");
  const body = ExplanationSchema.parse(await first.json());
  assert.equal(body.detectionId, det.id);
  assert.equal(body.label, det.label);
  const best = [...body.tokens].sort((a, b) => b.weight - a.weight)[0];
  assert.ok(["%27%20", "UNION", "SELECT"].includes(best.text), best.text);
  assert.deepEqual((await kv.get(K.explanation(det.id))).value, body);

  const second = await api.request(`/api/detections/${det.id}/explain`);
  assert.equal(second.headers.get("x-explanation-cache"), "hit");
  assert.deepEqual(await second.json(), body);
  assert.equal(loads(), 1);
  kv.close();
});

Deno.test("Explain API - concurrent first requests share one model run", async () => {
  const { kv, det, api, loads } = await seeded();
  const res = await Promise.all(
    [1, 2, 3].map(() => api.request(`/api/detections/${det.id}/explain`)),
  );
  const bodies = await Promise.all(res.map((r) => r.json()));
  assert.deepEqual(bodies[1], bodies[0]);
  assert.deepEqual(bodies[2], bodies[0]);
  assert.equal(loads(), 1);
  kv.close();
});

Deno.test("Explain API - a malformed id is a 400, an unknown one a 404", async () => {
  const { kv, api, loads } = await seeded();
  const bad = await api.request(`/api/detections/${encodeURIComponent("../x<y>")}/explain`);
  assert.equal(bad.status, 400);
  assert.deepEqual(await bad.json(), { error: "not a detection id" });
  const unknown = await api.request(`/api/detections/${timeId()}-0000/explain`);
  assert.equal(unknown.status, 404);
  assert.deepEqual(await unknown.json(), { error: "no such detection" });
  assert.equal(loads(), 0);
  kv.close();
});

Deno.test("Explain API - with a token, the bearer is required", async () => {
  const { kv, det, api } = await seeded("s3cret-token");
  const path = `/api/detections/${det.id}/explain`;
  const denied = await api.request(path);
  assert.equal(denied.status, 401);
  await denied.body?.cancel();
  const ok = await api.request(path, { headers: { authorization: "Bearer s3cret-token" } });
  assert.equal(ok.status, 200);
  await ok.body?.cancel();
  kv.close();
});
