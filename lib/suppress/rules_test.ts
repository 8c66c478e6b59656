/** @module Suppression rules: matching, expiry and CRUD on a real KV store. */
import assert from "node:assert/strict";
import {
  createSuppression,
  deleteSuppression,
  listSuppressions,
  SuppressionInputSchema,
  suppressor,
  updateSuppression,
} from "./rules.ts";

const NOW = Date.UTC(2026, 11, 1, 8);
const probe = {
  label: "web_scan" as const,
  entity: "10.0.0.9",
  host: "web",
  line: '10.0.0.9 - - [x] "GET /status?probe=17 HTTP/1.1" 404 0',
};

Deno.test("Suppression - class + entity, host or pattern must all hold", async () => {
  const kv = await Deno.openKv(":memory:");
  const a = await createSuppression(
    kv,
    { label: "web_scan", entity: "10.0.0.9", reason: "uptime probe" },
    "local",
    NOW,
  );
  const match = suppressor([a], NOW);
  assert.equal(match(probe), a.id);
  assert.equal(match({ ...probe, label: "web_exploit" }), undefined);
  assert.equal(match({ ...probe, entity: "10.0.0.10" }), undefined);
  const p = await createSuppression(
    kv,
    {
      label: "web_scan",
      host: "web",
      pattern: '* "GET /status?probe=# HTTP/#.#" # #',
      reason: "monitoring",
    },
    "local",
    NOW,
  );
  const byPattern = suppressor([p], NOW);
  assert.equal(byPattern({ ...probe, entity: "10.0.0.77" }), p.id);
  assert.equal(byPattern({ ...probe, host: "db" }), undefined);
  assert.equal(byPattern({ ...probe, line: probe.line.replace("/status", "/admin") }), undefined);
  kv.close();
});

Deno.test("Suppression - expired rules match nothing and are listed only on request", async () => {
  const kv = await Deno.openKv(":memory:");
  const s = await createSuppression(
    kv,
    {
      label: "web_scan",
      entity: "10.0.0.9",
      expiresInMs: 60_000,
      reason: "short",
    },
    "local",
    NOW,
  );
  assert.equal(suppressor([s], NOW + 61_000)(probe), undefined);
  assert.equal((await listSuppressions(kv, { now: NOW + 61_000 })).length, 0);
  assert.equal((await listSuppressions(kv, { now: NOW + 61_000, all: true })).length, 1);
  kv.close();
});

Deno.test("Suppression - rules are listed, edited and deleted", async () => {
  const kv = await Deno.openKv(":memory:");
  const s = await createSuppression(
    kv,
    { label: "recon_scan", host: "fw", reason: "scanner" },
    "ops",
    NOW,
  );
  assert.equal(s.createdBy, "ops");
  const u = await updateSuppression(
    kv,
    s.id,
    { host: null, entity: "192.0.2.1", reason: "ours" },
    NOW,
  );
  assert.equal(u?.host, undefined);
  assert.equal(u?.entity, "192.0.2.1");
  await assert.rejects(() => updateSuppression(kv, s.id, { entity: null }, NOW), /needs an entity/);
  const [listed] = await listSuppressions(kv, { now: NOW });
  assert.equal(listed.reason, "ours");
  assert.equal(listed.hits, 0);
  assert.equal(await deleteSuppression(kv, s.id), true);
  assert.equal(await deleteSuppression(kv, s.id), false);
  assert.equal(await updateSuppression(kv, s.id, { reason: "x" }), null);
  kv.close();
});

Deno.test("Suppression - a rule without entity, host or pattern is refused", () => {
  assert.equal(
    SuppressionInputSchema.safeParse({ label: "web_scan", reason: "all" }).success,
    false,
  );
});
