/**
 * Pins detection listing (filters, cursor) and counter pruning on a real in-memory KV.
 *
 * @module
 */
import assert from "node:assert/strict";
import { K } from "../core/kv_keys.ts";
import { listDetections, minuteStats, pruneCounters } from "./detections.ts";
import type { Detection } from "../core/schemas.ts";

function det(id: string, label: Detection["label"], host: string): Detection {
  return {
    id,
    line: `line ${id}`,
    label,
    score: 0.9,
    scores: { benign: 0.1, [label]: 0.9 } as Detection["scores"],
    attack: { tactics: [], techniques: [] },
    source: { transport: "http", host },
    receivedAt: 0,
    classifiedAt: 0,
    context: [],
  };
}

Deno.test("listDetections pages newest first and filters by label and source", async () => {
  const kv = await Deno.openKv(":memory:");
  const ids = Array.from({ length: 7 }, (_, i) => `00000000${i}-x`);
  for (const [i, id] of ids.entries()) {
    const label = i % 2 ? "web_scan" : "credential_access";
    await kv.set(K.detection(id), det(id, label, i < 3 ? "alpha" : "beta"));
    await kv.set(K.byLabel(label, id), null);
  }
  const p1 = await listDetections(kv, { limit: 4 });
  assert.deepEqual(p1.items.map((d) => d.id), ids.slice(3).reverse());
  const p2 = await listDetections(kv, { limit: 4, cursor: p1.cursor! });
  assert.deepEqual(p2.items.map((d) => d.id), ids.slice(0, 3).reverse());
  assert.equal(p2.cursor, null);
  const scans = await listDetections(kv, { limit: 10, label: "web_scan" });
  assert.deepEqual(scans.items.map((d) => d.id), [ids[5], ids[3], ids[1]]);
  const alpha = await listDetections(kv, { limit: 10, source: "alpha" });
  assert.equal(alpha.items.length, 3);
  const found = await listDetections(kv, { limit: 10, search: "LINE 00000000" + "4" });
  assert.deepEqual(found.items.map((d) => d.id), [ids[4]]);
  kv.close();
});

Deno.test("pruneCounters drops minutes older than the cutoff only", async () => {
  const kv = await Deno.openKv(":memory:");
  for (const m of [60_000, 120_000, 180_000]) {
    await kv.atomic().sum(K.minute(m, "benign", "h"), 5n).commit();
  }
  assert.equal(await pruneCounters(kv, 150_000), 2);
  const left = await minuteStats(kv, 10 * 60_000, 240_000);
  assert.deepEqual(left.map((r) => [r.minute, r.counts.benign]), [[180_000, 5]]);
  kv.close();
});
