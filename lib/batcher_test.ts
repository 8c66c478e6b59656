/** @module Pins batch limits: every queue message stays under KV's 64 KiB value limit. */
import assert from "node:assert/strict";
import { capRecord, MAX_LINE_CHARS, toBatches } from "./batcher.ts";
import type { LineRecord } from "./schemas.ts";

const rec = (line: string): LineRecord => ({ line, receivedAt: 1, source: { transport: "http" } });

Deno.test("toBatches splits by line count and by bytes, keeping order", () => {
  const many = Array.from({ length: 450 }, (_, i) => rec(`line ${i}`));
  const b = toBatches(many);
  assert.deepEqual(b.map((x) => x.records.length), [200, 200, 50]);
  assert.deepEqual(b.flatMap((x) => x.records.map((r) => r.line)), many.map((r) => r.line));
  assert.equal(new Set(b.map((x) => x.id)).size, 3);
  const wide = Array.from({ length: 40 }, (_, i) => rec(`${i} ` + "é".repeat(5000)));
  for (const batch of toBatches(wide)) {
    const bytes = new TextEncoder().encode(JSON.stringify(batch)).length;
    assert.ok(bytes < 64 * 1024, `batch of ${bytes} bytes`);
  }
});

Deno.test("a 1 MB line is cut to head and tail and flagged", () => {
  const r = capRecord(rec("HEAD" + "x".repeat(1024 * 1024) + "TAIL"));
  assert.ok(r.line.length <= MAX_LINE_CHARS);
  assert.ok(r.line.startsWith("HEAD") && r.line.endsWith("TAIL"));
  assert.equal(r.source.truncated, true);
  assert.equal(capRecord(rec("short")).source.truncated, undefined);
});
