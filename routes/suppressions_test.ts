/** @module Suppression rules CRUD through `app.request`, including a rule made from an incident. */
import assert from "node:assert/strict";
import { hitOf, sshFail } from "../lib/incidents/test_hits.ts";
import { testApp } from "./test_app.ts";
import { seedIncidents } from "./test_seed.ts";

const json = (method: string, body: unknown) => ({
  method,
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});

Deno.test("Suppressions API - create, list, read, edit, delete", async () => {
  const kv = await Deno.openKv(":memory:");
  const app = testApp(kv);
  const created = await app.request(
    "/api/suppressions",
    json("POST", { label: "web_scan", host: "web", pattern: "* /status *", reason: "probe" }),
  );
  assert.equal(created.status, 201);
  const rule = await created.json();
  assert.equal(rule.createdBy, "local");
  const list = await (await app.request("/api/suppressions")).json();
  assert.deepEqual(list.items.map((r: { id: string; hits: number }) => [r.id, r.hits]), [[
    rule.id,
    0,
  ]]);
  assert.equal((await (await app.request(`/api/suppressions/${rule.id}`)).json()).reason, "probe");
  const edited = await app.request(
    `/api/suppressions/${rule.id}`,
    json("PATCH", { reason: "uptime" }),
  );
  assert.equal((await edited.json()).reason, "uptime");
  const emptied = await app.request(
    `/api/suppressions/${rule.id}`,
    json("PATCH", { host: null, pattern: null }),
  );
  assert.equal(emptied.status, 400);
  assert.equal(
    (await app.request(`/api/suppressions/${rule.id}`, { method: "DELETE" })).status,
    204,
  );
  assert.equal((await app.request(`/api/suppressions/${rule.id}`)).status, 404);
  const invalid = await app.request(
    "/api/suppressions",
    json("POST", { label: "web_scan", reason: "x" }),
  );
  assert.equal(invalid.status, 400);
  kv.close();
});

Deno.test("Suppressions API - a rule from an incident takes its class, entity and samples", async () => {
  const kv = await Deno.openKv(":memory:");
  const [inc] = await seedIncidents(kv, [
    hitOf("credential_access", sshFail(1), 1_000),
    hitOf("credential_access", sshFail(2), 2_000),
  ]);
  const app = testApp(kv);
  const res = await app.request(
    "/api/suppressions",
    json("POST", { incident: inc.id, reason: "our own hydra run", expiresInMs: 3_600_000 }),
  );
  assert.equal(res.status, 201);
  const rule = await res.json();
  assert.equal(rule.label, "credential_access");
  assert.equal(rule.entity, "203.0.113.7");
  assert.deepEqual(rule.examples, [sshFail(1), sshFail(2)]);
  assert.equal(rule.incident, inc.id);
  const missing = await app.request(
    "/api/suppressions",
    json("POST", { incident: "x", reason: "y" }),
  );
  assert.equal(missing.status, 404);
  kv.close();
});
