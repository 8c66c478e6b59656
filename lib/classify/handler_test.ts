/**
 * Pins the queue handler: idempotent under redelivery, context per source, counters.
 *
 * @module
 */
import assert from "node:assert/strict";
import type { Prediction } from "./classifier.ts";
import { handleBatch } from "./handler.ts";
import { totals } from "../store/detections.ts";
import { K } from "../core/kv_keys.ts";
import type { BatchMessage, Detection } from "../core/schemas.ts";
import { LABELS } from "../core/taxonomy.ts";

/** A stand-in model: lines containing "evil" are web_exploit, the rest benign. */
async function fakeClassify(lines: string[]): Promise<Prediction[]> {
  await Promise.resolve();
  return lines.map((l) => {
    const label = l.includes("evil") ? "web_exploit" : "benign";
    const scores = Object.fromEntries(
      LABELS.map((x) => [x, x === label ? 1 : 0]),
    ) as Prediction["scores"];
    return {
      label,
      score: 1,
      scores,
      attack: { tactics: [], techniques: ["T1190"] },
      truncated: false,
    };
  });
}

const msg = (id: string, lines: [string, string][]): BatchMessage => ({
  kind: "batch",
  id,
  segments: lines.map(([line, host]) => ({
    lines: [line],
    receivedAt: 120_000,
    source: { transport: "udp", host },
  })),
});

const opts = { retentionMs: 60_000, contextLines: 2 };

Deno.test("a redelivered batch is not counted twice", async () => {
  const kv = await Deno.openKv(":memory:");
  const m = msg("b1", [["ok 1", "a"], ["evil 1", "a"]]);
  assert.equal(await handleBatch(kv, fakeClassify, m, opts), "done");
  assert.equal(await handleBatch(kv, fakeClassify, m, opts), "duplicate");
  const t = await totals(kv);
  assert.equal(t.classified, 2);
  assert.equal(t["label:web_exploit"], 1);
  assert.equal(t.done, 1);
  kv.close();
});

Deno.test("detections carry the previous lines of their own source as context", async () => {
  const kv = await Deno.openKv(":memory:");
  await handleBatch(kv, fakeClassify, msg("b1", [["a1", "a"], ["b1", "b"], ["a2", "a"]]), opts);
  await handleBatch(
    kv,
    fakeClassify,
    msg("b2", [["a3", "a"], ["evil a", "a"], ["evil b", "b"]]),
    opts,
  );
  const dets: Detection[] = [];
  for await (const e of kv.list<Detection>({ prefix: K.detectionPrefix })) dets.push(e.value);
  const byLine = new Map(dets.map((d) => [d.line, d]));
  assert.deepEqual(byLine.get("evil a")?.context, ["a2", "a3"]);
  assert.deepEqual(byLine.get("evil b")?.context, ["b1"]);
  assert.equal(dets.length, 2);
  kv.close();
});

Deno.test("Handler - an extension over KV's commit limits leaves the detections committed", async () => {
  const kv = await Deno.openKv(":memory:");
  let calls = 0;
  const extend = () => {
    calls++;
    return Promise.resolve((op: Deno.AtomicOperation) => {
      for (let i = 0; i < 1200; i++) op.set(["x", i], i);
    });
  };
  const m = msg("b1", [["ok 1", "a"], ["evil 1", "a"]]);
  assert.equal(await handleBatch(kv, fakeClassify, m, { ...opts, extend }), "done");
  const t = await totals(kv);
  assert.equal(t["label:web_exploit"], 1);
  assert.equal(t.ungrouped_batches, 1);
  assert.equal((await kv.get(["x", 0])).versionstamp, null);
  assert.equal(calls, 1);
  kv.close();
});

Deno.test("Handler - an extension whose check fails runs again on fresh state", async () => {
  const kv = await Deno.openKv(":memory:");
  const seen: (number | null)[] = [];
  const extend = async () => {
    const cur = await kv.get<number>(["n"]);
    seen.push(cur.value);
    if (seen.length === 1) await kv.set(["n"], 1); // a concurrent writer sneaks in
    return (op: Deno.AtomicOperation) => op.check(cur).set(["n"], (cur.value ?? 0) + 10);
  };
  assert.equal(
    await handleBatch(kv, fakeClassify, msg("b1", [["evil", "a"]]), { ...opts, extend }),
    "done",
  );
  assert.deepEqual(seen, [null, 1]);
  assert.equal((await kv.get(["n"])).value, 11);
  assert.equal((await totals(kv)).done, 1);
  kv.close();
});
