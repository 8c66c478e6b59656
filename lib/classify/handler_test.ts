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
    return Promise.resolve({
      mutations: 1200,
      apply: (op: Deno.AtomicOperation) => {
        for (let i = 0; i < 1200; i++) op.set(["x", i], i);
      },
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
    return {
      mutations: 1,
      apply: (op: Deno.AtomicOperation) => op.check(cur).set(["n"], (cur.value ?? 0) + 10),
    };
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

/** An extension that records the batch ids of each call and claims `perBatch` mutations each. */
function recordingExtension(perBatch = 1) {
  const calls: string[][] = [];
  const extend = (b: { ids: string[] }) => {
    calls.push(b.ids);
    return Promise.resolve({
      mutations: perBatch * b.ids.length,
      apply: (op: Deno.AtomicOperation) => op.sum(["calls"], 1n),
    });
  };
  return { calls, extend };
}

const many = (n: number, prefix = "g") =>
  Array.from({ length: n }, (_, b) => msg(`${prefix}${b}`, [[`ok ${b}`, "a"], [`evil ${b}`, "b"]]));

Deno.test("Handler - batches that wait while a commit runs commit together, each counted once", async () => {
  const kv = await Deno.openKv(":memory:");
  const { calls, extend } = recordingExtension();
  const batches = many(20);
  const out = await Promise.all(
    batches.map((m) => handleBatch(kv, fakeClassify, m, { ...opts, extend })),
  );
  assert.deepEqual(out, batches.map(() => "done"));
  assert.ok(calls.length < 20 && calls.length >= 2, `${calls.length} commits for 20 batches`);
  assert.deepEqual(calls.flat().sort(), batches.map((m) => m.id).sort());
  const t = await totals(kv);
  assert.equal(t.done, 20);
  assert.equal(t.classified, 40);
  assert.equal(t["label:web_exploit"], 20);
  const dets = [];
  for await (const e of kv.list({ prefix: K.detectionPrefix })) dets.push(e.key);
  assert.equal(dets.length, 20);
  kv.close();
});

Deno.test("Handler - a redelivery beside its first delivery is committed once", async () => {
  const kv = await Deno.openKv(":memory:");
  const { extend } = recordingExtension();
  const batches = many(6);
  const out = await Promise.all(
    [...batches, batches[2], batches[4]].map((m) =>
      handleBatch(kv, fakeClassify, m, { ...opts, extend })
    ),
  );
  assert.equal(out.filter((o) => o === "duplicate").length, 2);
  const t = await totals(kv);
  assert.equal(t.done, 6);
  assert.equal(t.classified, 12);
  assert.equal(t["label:web_exploit"], 6);
  kv.close();
});

Deno.test("Handler - a group whose grouping does not fit one commit is split, nothing left ungrouped", async () => {
  const kv = await Deno.openKv(":memory:");
  const { calls, extend } = recordingExtension(300); // 300 mutations a batch: 3 fit one commit
  const batches = many(12);
  await Promise.all(batches.map((m) => handleBatch(kv, fakeClassify, m, { ...opts, extend })));
  const t = await totals(kv);
  assert.equal(t.done, 12);
  assert.equal(t.ungrouped_batches, undefined);
  const committed = Number((await kv.get<Deno.KvU64>(["calls"])).value!.value);
  assert.ok(committed < 12, `${committed} commits`);
  assert.ok(calls.some((ids) => ids.length > 3), "no group was too big to split");
  kv.close();
});

Deno.test("Handler - a batch another worker committed drops out of its group; the rest commit", async () => {
  const dir = await Deno.makeTempDir();
  const [kv, other] = await Promise.all([Deno.openKv(`${dir}/kv`), Deno.openKv(`${dir}/kv`)]);
  const batches = many(8);
  let first = true;
  const extend = async (b: { ids: string[] }) => {
    // While this worker groups, the other worker commits one of the waiting batches.
    if (first && b.ids.length > 1) {
      first = false;
      assert.equal(await handleBatch(other, fakeClassify, batches[5], opts), "done");
    }
    return { mutations: 0, apply: () => {} };
  };
  const out = await Promise.all(
    batches.map((m) => handleBatch(kv, fakeClassify, m, { ...opts, extend })),
  );
  assert.equal(first, false);
  assert.equal(out[5], "duplicate");
  assert.equal(out.filter((o) => o === "done").length, 7);
  const t = await totals(kv);
  assert.equal(t.done, 8);
  assert.equal(t.classified, 16);
  kv.close();
  other.close();
  await Deno.remove(dir, { recursive: true });
});
