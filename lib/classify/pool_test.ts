/**
 * The model worker pool: on the real worker host (workers/classify_worker.ts) behind a
 * Classifier, and on a stand-in worker (test_pool_worker.ts) that fails in each way a worker can.
 *
 * @module
 */
import assert from "node:assert/strict";
import { Classifier, DEFAULT_MODEL_DIR } from "./classifier.ts";
import { toBatch } from "./runs.ts";
import { ClassifyPool } from "./pool.ts";

const WORKER = new URL("../../workers/classify_worker.ts", import.meta.url);

function standIn(mode: string, extra: Record<string, string> = {}): URL {
  const url = new URL("./test_pool_worker.ts", import.meta.url);
  url.searchParams.set("mode", mode);
  for (const [k, v] of Object.entries(extra)) url.searchParams.set(k, v);
  return url;
}

/**
 * `p`, or a rejection naming `what` after `ms`: a hang fails the test instead of stalling it.
 * Bounds on starting a worker are generous: `deno test` type-checks each new worker URL first.
 */
async function within<T>(ms: number, what: string, p: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return await Promise.race([
    p,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

Deno.test("ClassifyPool - a Classifier on it gives the in-process labels; close waits for calls already sent", async () => {
  const pool = await ClassifyPool.create(2, WORKER, DEFAULT_MODEL_DIR);
  const onPool = await Classifier.load(DEFAULT_MODEL_DIR, { model: pool.logits, parallel: 4 });
  const here = await Classifier.load(DEFAULT_MODEL_DIR);
  const lines = Array.from({ length: 50 }, (_, i) => `sshd[${i}]: Invalid user u${i} from ipaddr`);
  lines.push('GET /index.php?id=1%27%20UNION%20SELECT%201,2-- HTTP/1.1" 200 512 "-" "sqlmap/1.7"');
  const calls = Promise.all([onPool.classify(lines), onPool.classify(["", ...lines.slice(0, 3)])]);
  await pool.close();
  const [a, b] = await within(10_000, "calls lost by close", calls);
  const want = await here.classify(lines);
  assert.deepEqual(a.map((p) => p.label), want.map((p) => p.label));
  assert.equal(a.at(-1)!.label, "web_exploit");
  assert.deepEqual(b.map((p) => p.score === 1 && p.label === "benign"), [
    true,
    false,
    false,
    false,
  ]);
});

Deno.test("ClassifyPool - rows come back from the worker in order, one per sequence", async () => {
  const pool = await ClassifyPool.create(2, standIn("ok"), DEFAULT_MODEL_DIR);
  const seqs = [[2, 7, 3], [2, 9, 9, 9, 3], [5]];
  const out = await Promise.all([pool.logits(toBatch(seqs)), pool.logits(toBatch([[8, 1]]))]);
  await pool.close();
  assert.deepEqual([0, 1, 2].map((r) => [...out[0].slice(r * 8, r * 8 + 2)]), [[3, 2], [5, 2], [
    1,
    5,
  ]]);
  assert.deepEqual([...out[1].slice(0, 2)], [2, 8]);
});

Deno.test("ClassifyPool - a worker that throws while loading makes create reject, never hang", async () => {
  await assert.rejects(
    within(30_000, "create", ClassifyPool.create(2, standIn("fail-load"), DEFAULT_MODEL_DIR)),
    /model file unreadable/,
  );
});

Deno.test("ClassifyPool - answers as soon as one worker is ready, while the other still loads", async () => {
  const dir = await Deno.makeTempDir();
  const pool = await within(
    30_000,
    "create",
    ClassifyPool.create(2, standIn("one-ready", { lock: `${dir}/lock` }), DEFAULT_MODEL_DIR),
  );
  const out = await within(10_000, "logits", pool.logits(toBatch([[2, 4, 3]])));
  assert.equal(out[0], 3);
  await within(10_000, "close", pool.close());
  await Deno.remove(dir, { recursive: true });
});

Deno.test("ClassifyPool - workers that keep crashing fail the pool after 2 crashes each: later calls reject", async () => {
  const pool = await ClassifyPool.create(1, standIn("crash-idle"), DEFAULT_MODEL_DIR);
  await assert.rejects(within(30_000, "failed", pool.failed()), /worker crashed idle/);
  await assert.rejects(within(1_000, "logits", pool.logits(toBatch([[2, 3]]))), /crashed idle/);
  await pool.close();
});

Deno.test("ClassifyPool - a run that crashes two workers rejects (it is the run)", async () => {
  const pool = await ClassifyPool.create(2, standIn("crash-on-call"), DEFAULT_MODEL_DIR);
  const calls = [pool.logits(toBatch([[2, 3]])), pool.logits(toBatch([[2, 5, 3]]))];
  for (const c of calls) await assert.rejects(within(30_000, "logits", c), /wasm abort/);
  await pool.close();
});

Deno.test("ClassifyPool - a worker that crashes on a run is replaced, and the run answered by another", async () => {
  const dir = await Deno.makeTempDir();
  const pool = await within(
    30_000,
    "create",
    ClassifyPool.create(
      2,
      standIn("crash-once-on-call", { lock: `${dir}/lock` }),
      DEFAULT_MODEL_DIR,
    ),
  );
  let failed: Error | undefined;
  pool.failed().catch((e) => failed = e);
  const runs = [[[2, 4, 3]], [[2, 5, 3]], [[7, 1]], [[9]]].map((s) => pool.logits(toBatch(s)));
  const out = await within(30_000, "runs", Promise.all(runs));
  assert.deepEqual(out.map((l) => [l[0], l[1]]), [[3, 2], [3, 2], [2, 7], [1, 9]]);
  // The replacement (or the other worker) keeps answering; the pool never gave up.
  const later = await within(30_000, "later run", pool.logits(toBatch([[6, 6]])));
  assert.deepEqual([later[0], later[1]], [2, 6]);
  assert.equal(failed, undefined);
  await within(10_000, "close", pool.close());
  await Deno.remove(dir, { recursive: true });
});

Deno.test("ClassifyPool - a crashed worker whose replacement cannot load fails the pool", async () => {
  const dir = await Deno.makeTempDir();
  const pool = await ClassifyPool.create(
    1,
    standIn("crash-then-unloadable", { lock: `${dir}/lock` }),
    DEFAULT_MODEL_DIR,
  );
  await assert.rejects(within(30_000, "failed", pool.failed()), /model file unreadable/);
  await assert.rejects(within(1_000, "logits", pool.logits(toBatch([[2, 3]]))), /unreadable/);
  await pool.close();
  await Deno.remove(dir, { recursive: true });
});
