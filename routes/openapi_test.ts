/** @module The OpenAPI document covers every route the service mounts; /docs renders it offline. */
import assert from "node:assert/strict";
import { testApp } from "./test_app.ts";
import { openApiPath } from "./openapi.ts";

Deno.test("OpenAPI - every mounted route is in the document, and nothing else", async () => {
  const kv = await Deno.openKv(":memory:");
  const app = testApp(kv);
  const mounted = new Set(
    app.routes.filter((r) => r.method !== "ALL").map((r) =>
      `${r.method.toLowerCase()} ${openApiPath(r.path)}`
    ),
  );
  const doc = await (await app.request("/api/openapi.json")).json();
  assert.equal(doc.openapi, "3.1.0");
  const documented = new Set(
    Object.entries(doc.paths).flatMap(([p, ops]) =>
      Object.keys(ops as object).map((m) => `${m} ${p}`)
    ),
  );
  assert.deepEqual([...mounted].sort(), [...documented].sort());
  assert.ok(mounted.size >= 16, `only ${mounted.size} routes`);
  const list = doc.paths["/api/incidents"].get;
  assert.deepEqual(list.parameters.map((p: { name: string }) => p.name), [
    "status",
    "label",
    "entity",
    "severity",
    "limit",
    "cursor",
  ]);
  const item = list.responses["200"].content["application/json"].schema.properties.items.items;
  assert.ok(item.required.includes("chain") && item.properties.severity.enum.includes("critical"));
  kv.close();
});

Deno.test("OpenAPI - /docs is server-rendered HTML with every path and no script", async () => {
  const kv = await Deno.openKv(":memory:");
  const app = testApp(kv);
  const res = await app.request("/docs");
  assert.equal(res.status, 200);
  const page = await res.text();
  const doc = await (await app.request("/api/openapi.json")).json();
  for (const p of Object.keys(doc.paths)) assert.ok(page.includes(`<code>${p}</code>`), p);
  assert.equal(/<script|<link|\bsrc=|@import/i.test(page), false); // nothing fetched, nothing run
  assert.ok(
    page.includes("invalid transition") || page.includes("triage") || page.includes("Triage"),
  );
  kv.close();
});
