/**
 * Pins batch limits: every queue message stays under KV's 64 KiB value limit.
 *
 * @module
 */
import assert from "node:assert/strict";
import { capLine, MAX_LINE_CHARS, toBatches } from "./batcher.ts";
import type { Segment } from "../core/schemas.ts";
import { batchRecords } from "../classify/expand.ts";

const seg = (lines: string[], extra: Partial<Segment> = {}): Segment => ({
  source: { transport: "http" },
  receivedAt: 1,
  lines,
  ...extra,
});

Deno.test("toBatches splits by line count and by bytes, keeping order", async () => {
  const lines = Array.from({ length: 450 }, (_, i) => `line ${i}`);
  const b = toBatches([seg(lines.slice(0, 100)), seg(lines.slice(100))]);
  assert.deepEqual(b.map((x) => batchRecords(x).length), [200, 200, 50]);
  assert.deepEqual(b.flatMap((x) => batchRecords(x).map((r) => r.line)), lines);
  assert.equal(new Set(b.map((x) => x.id)).size, 3);
  const wide = Array.from({ length: 40 }, (_, i) => `${i} ` + "é".repeat(5000));
  const kv = await Deno.openKv(":memory:");
  const batches = toBatches([seg(wide, { source: { transport: "tcp", peer: "[::1]:5" } })]);
  assert.ok(batches.length > 1);
  // KV itself refuses a message over 64 KiB.
  for (const batch of batches) assert.ok((await kv.enqueue(batch)).ok);
  kv.close();
});

Deno.test("a split segment keeps file line numbers and flags on the right lines", () => {
  const lines = Array.from({ length: 250 }, (_, i) => `l${i}`);
  const b = toBatches([
    seg(lines, {
      source: { transport: "file", path: "/var/log/x", lineNo: 11 },
      invalidUtf8: [3, 220],
      truncated: [249],
    }),
  ]);
  const recs = b.flatMap(batchRecords);
  assert.deepEqual(recs.map((r) => r.source.lineNo), lines.map((_, i) => 11 + i));
  assert.deepEqual(
    recs.flatMap((r, i) => r.source.invalidUtf8 ? [i] : []),
    [3, 220],
  );
  assert.deepEqual(recs.flatMap((r, i) => r.source.truncated ? [i] : []), [249]);
});

Deno.test("a 1 MB line is cut to head and tail and flagged", () => {
  const long = "HEAD" + "x".repeat(1024 * 1024) + "TAIL";
  assert.ok(capLine(long).length <= MAX_LINE_CHARS);
  const [r] = batchRecords(toBatches([seg([long])])[0]);
  assert.ok(r.line.length <= MAX_LINE_CHARS);
  assert.ok(r.line.startsWith("HEAD") && r.line.endsWith("TAIL"));
  assert.equal(r.source.truncated, true);
  assert.equal(batchRecords(toBatches([seg(["short"])])[0])[0].source.truncated, undefined);
});
