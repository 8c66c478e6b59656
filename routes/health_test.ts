/**
 * Pins the liveness route.
 *
 * @module
 */
import assert from "node:assert/strict";
import { health } from "./health.ts";

Deno.test("GET /healthz answers ok", async () => {
  const res = await health.request("/healthz");
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), { ok: true });
});
