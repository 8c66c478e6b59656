/**
 * Pins the classifier module on the shipped model: order, cache, bad input, framing.
 *
 * @module
 */
import assert from "node:assert/strict";
import { Classifier, decide, predict } from "./classifier.ts";
import { frameIds, lengthBuckets } from "./runs.ts";
import { LABELS } from "../core/taxonomy.ts";

const webWorker = globalThis.Worker;
const classifier = await Classifier.load();

Deno.test("loading the classifier leaves the web Worker constructor in place", () => {
  assert.equal(globalThis.Worker, webWorker); // creating the ONNX session swaps in a shim
});

Deno.test("loading the classifier maps no native add-on (sharp, onnxruntime-node)", () => {
  const maps = Deno.readTextFileSync("/proc/self/maps");
  assert.deepEqual(maps.match(/\S*(sharp|vips|onnxruntime-node|\.node$)\S*/gm) ?? [], []);
});

Deno.test("frameIds keeps short inputs whole and cuts long ones to head + tail", () => {
  assert.deepEqual(frameIds([7, 8], 128, 24), { ids: [2, 7, 8, 3], truncated: false });
  const long = Array.from({ length: 300 }, (_, i) => i + 10);
  const { ids, truncated } = frameIds(long, 128, 24);
  assert.equal(truncated, true);
  assert.equal(ids.length, 128);
  assert.deepEqual(ids.slice(0, 3), [2, 10, 11]);
  assert.deepEqual(ids.slice(-3), [308, 309, 3]);
});

Deno.test("classify answers every line in input order with a distribution over the 8 classes", async () => {
  const lines = [
    "Mar  7 04:05:06 web sshd[812]: Failed password for invalid user oracle from 203.0.113.7 port 52211 ssh2",
    "",
    "Mar  7 04:05:07 web CRON[900]: (root) CMD (cd / && run-parts --report /etc/cron.hourly)",
  ];
  const preds = await classifier.classify(lines);
  assert.equal(preds.length, 3);
  for (const p of preds) {
    const sum = LABELS.reduce((a, l) => a + p.scores[l], 0);
    assert.ok(Math.abs(sum - 1) < 1e-4, `scores sum to ${sum}`);
    assert.equal(p.score, p.scores[p.label]);
  }
  assert.equal(preds[0].label, "credential_access");
  assert.deepEqual(preds[0].attack.techniques, ["T1110"]);
  assert.deepEqual([preds[1].label, preds[1].score], ["benign", 1]);
  assert.equal(preds[2].label, "benign");
});

Deno.test("lines differing only in timestamp and PID are answered from the cache", async () => {
  const [a] = await classifier.classify([
    "Jan  1 00:00:01 h sshd[1]: Invalid user zz from 198.51.100.4 port 1",
  ]);
  const [b] = await classifier.classify([
    "Dec 31 23:59:59 h sshd[77]: Invalid user zz from 198.51.100.4 port 1",
  ]);
  assert.equal(a, b); // the same object: no second model run
});

Deno.test("junk, CRLF and a 10 MB line are classified and flagged, never thrown", async () => {
  const junk = String.fromCharCode(...Array.from({ length: 400 }, (_, i) => (i * 37) % 256));
  const huge = "GET /" + "A".repeat(10 * 1024 * 1024);
  const preds = await classifier.classify([junk, "line with crlf\r", huge, "\ufffd\ufffd"]);
  assert.equal(preds.length, 4);
  assert.ok(preds.every((p) => LABELS.includes(p.label)));
  assert.equal(preds[2].truncated, true);
  assert.equal(preds[1].truncated, false);
});

Deno.test("decide: benign only at or above the threshold, else the most likely attack class", () => {
  assert.equal(decide([0.6, 0.3, 0.1, 0, 0, 0, 0, 0], 0.5), 0);
  assert.equal(decide([0.6, 0.1, 0.3, 0, 0, 0, 0, 0], 0.7), 2);
  assert.equal(decide([0.45, 0.3, 0.25, 0, 0, 0, 0, 0], 0.5), 1); // not the argmax rule
});

Deno.test("predict divides the logits by the temperature before the softmax", () => {
  const logits = Float32Array.from([2, 0, 0, 0, 0, 0, 0, 0]);
  const cold = predict(logits, false, 0.5, 1);
  const warm = predict(logits, false, 0.5, 2);
  const e2 = Math.exp(2), e1 = Math.exp(1);
  assert.ok(Math.abs(cold.scores.benign - e2 / (e2 + 7)) < 1e-6);
  assert.ok(Math.abs(warm.scores.benign - e1 / (e1 + 7)) < 1e-6);
  // The threshold applies to the tempered probability: 0.53 at T=1 is benign at 0.5 ...
  assert.equal(cold.label, "benign");
  // ... and 0.28 at T=2 is not.
  assert.equal(warm.label, "recon_scan");
});

Deno.test("concurrent classify calls are run together and each answered in order", async () => {
  const lines = Array.from(
    { length: 300 },
    (_, i) =>
      `Mar  7 04:05:06 web sshd[1]: Invalid user u${i} from 198.51.100.${i % 250} port ${i}`,
  );
  const chunks = [0, 100, 200].map((i) => lines.slice(i, i + 100));
  const results = await Promise.all(chunks.map((c) => classifier.classify(c)));
  assert.deepEqual(results.map((r) => r.length), [100, 100, 100]);
  const fresh = await Classifier.load(undefined, { cacheSize: 0 });
  for (const [i, chunk] of chunks.entries()) {
    const alone = await fresh.classify(chunk);
    assert.deepEqual(results[i].map((p) => p.label), alone.map((p) => p.label));
    results[i].forEach((p, j) => assert.ok(Math.abs(p.score - alone[j].score) < 0.02));
  }
});

Deno.test("lengthBuckets caps rows and keeps padding within 10% (+8) of a run's first", () => {
  const lens = [5, 6, 7, 14, 15, 40, 43, 44, 45, 46, 100];
  const runs = lengthBuckets(lens, (x) => x, 3);
  assert.deepEqual(runs, [[5, 6, 7], [14, 15], [40, 43, 44], [45, 46], [100]]);
  assert.deepEqual(runs.flat(), lens);
});

Deno.test("classify merges a backlog of waiting calls in pieces of at most 2,000 lines", async () => {
  let rows = 0;
  const model = async (b: { lengths: Int32Array }) => {
    await new Promise((r) => setTimeout(r, 0)); // as a worker answers: after answered calls' callbacks
    rows += b.lengths.length;
    const out = new Float32Array(b.lengths.length * LABELS.length).fill(-10);
    for (let r = 0; r < b.lengths.length; r++) out[r * LABELS.length] = 10;
    return out;
  };
  const c = await Classifier.load(undefined, { model });
  const answeredAt: number[] = [];
  await Promise.all(
    Array.from(
      { length: 30 },
      (_, k) =>
        c.classify(Array.from({ length: 200 }, (_, i) => `app: job ${k}-${i} done`))
          .then(() => answeredAt.push(rows)),
    ),
  );
  // The first call runs alone; the 29 that waited are answered 10 calls (2,000 lines) at a time.
  assert.deepEqual([...new Set(answeredAt)], [200, 2200, 4200, 6000]);
});
