/**
 * Pins the settled-template cache: when a template settles, what unsettles it for good, and
 * the classifier answering a settled template's new lines without a model run.
 *
 * @module
 */
import assert from "node:assert/strict";
import { Classifier, predict } from "./classifier.ts";
import type { IdBatch } from "./runs.ts";
import { SettledTemplates } from "./settled.ts";
import { LABELS } from "../core/taxonomy.ts";

const THRESHOLD = 0.1;

/** A prediction whose attack probability is `attack`, all of it on credential_access. */
function verdict(attack: number) {
  const logits = new Float32Array(LABELS.length).fill(-30);
  logits[0] = Math.log(1 - attack);
  logits[LABELS.indexOf("credential_access")] = Math.log(attack);
  return predict(logits, false, THRESHOLD);
}

/** A fake model that judges every line clearly benign, counting the lines it reads. */
function benignModel() {
  const fake = {
    rows: 0,
    model: (batch: IdBatch) => {
      fake.rows += batch.lengths.length;
      const out = new Float32Array(batch.lengths.length * LABELS.length).fill(-10);
      for (let r = 0; r < batch.lengths.length; r++) out[r * LABELS.length] = 10;
      return Promise.resolve(out);
    },
  };
  return fake;
}

const raw = (port: number) =>
  `Mar  7 04:05:06 gw sshd[812]: Connection closed by 203.0.113.7 port ${port} [preauth]`;

const line = (port: number) => `gw sshd: Connection closed by ipaddr port ${port} [preauth]`;

Deno.test("settled templates - settle after N clear benign texts, then answer new numbers", () => {
  const s = new SettledTemplates({ after: 3, threshold: THRESHOLD });
  for (const port of [1001, 1002]) s.learn(line(port), verdict(0.01));
  assert.equal(s.answer(line(5555)), undefined, "two verdicts are not enough");
  s.learn(line(1003), verdict(0.01));
  assert.equal(s.answer(line(5555))?.label, "benign");
  assert.equal(s.answer("gw sshd: Connection closed by ipaddr port 5555 [auth]"), undefined);
});

Deno.test("settled templates - one attack or narrow verdict unsettles a template for good", () => {
  const s = new SettledTemplates({ after: 2, threshold: THRESHOLD });
  s.learn(line(1), verdict(0.01));
  s.learn(line(2), verdict(0.95)); // an attack: P(benign) 0.05 < 0.1
  for (let p = 3; p < 10; p++) s.learn(line(p), verdict(0.01));
  assert.equal(s.answer(line(99)), undefined);
  const narrow = new SettledTemplates({ after: 2, threshold: THRESHOLD });
  // Benign (P(benign) 0.4 >= the 0.1 threshold) but not clearly: an attack probability over
  // half of the 0.9 a benign verdict may have.
  for (const p of [1, 2, 3]) narrow.learn(line(p), verdict(0.6));
  assert.equal(narrow.answer(line(99)), undefined);
  // Under half of it (0.45) is clear.
  const clear = new SettledTemplates({ after: 2, threshold: THRESHOLD });
  for (const p of [1, 2]) clear.learn(line(p), verdict(0.4));
  assert.equal(clear.answer(line(99))?.label, "benign");
  assert.equal(narrow.answer(line(99)), undefined);
  const off = new SettledTemplates({ after: 0, threshold: THRESHOLD });
  for (const p of [1, 2, 3]) off.learn(line(p), verdict(0.01));
  assert.equal(off.answer(line(99)), undefined);
});

Deno.test("settled templates - the classifier skips the model for a settled template only", async () => {
  const fake = benignModel();
  const c = await Classifier.load(undefined, { model: fake.model, settleAfter: 3 });
  for (const port of [1001, 1002, 1003]) await c.classify([raw(port)]);
  assert.equal(fake.rows, 3);
  const later = await c.classify([raw(4001), raw(4002), "Mar  7 04:05:06 gw cron[1]: start"]);
  assert.equal(fake.rows, 4, "only the other template's line reached the model");
  assert.deepEqual(later.map((p) => p.label), ["benign", "benign", "benign"]);
  fake.rows = 0;
  const exact = await Classifier.load(undefined, { model: fake.model });
  for (const port of [1, 2, 3, 4, 5]) await exact.classify([raw(port)]);
  assert.equal(fake.rows, 5, "off by default: every distinct line reaches the model");
});

Deno.test("settled templates - one call's texts of a new template: only as many reach the model as settle it", async () => {
  const fake = benignModel();
  const c = await Classifier.load(undefined, { model: fake.model, settleAfter: 3, parallel: 2 });
  const ports = Array.from({ length: 40 }, (_, i) => 2000 + i);
  const preds = await c.classify(ports.map(raw));
  assert.equal(fake.rows, 3, "the other 37 waited for the first 3 verdicts, which settled it");
  assert.ok(preds.every((p) => p.label === "benign"));
  // Calls classified at once share the claims: the second's texts wait for the first's verdicts.
  const other = (port: number) => raw(port).replace("[preauth]", "[auth]");
  fake.rows = 0;
  await Promise.all([c.classify(ports.map(other)), c.classify(ports.map((p) => other(p + 100)))]);
  assert.equal(fake.rows, 3);
});

Deno.test("settled templates - a template judged an attack: every text still reaches the model", async () => {
  let rows = 0;
  const attack = (batch: IdBatch) => {
    rows += batch.lengths.length;
    const out = new Float32Array(batch.lengths.length * LABELS.length).fill(-10);
    for (let r = 0; r < batch.lengths.length; r++) {
      out[r * LABELS.length + LABELS.indexOf("credential_access")] = 10;
    }
    return Promise.resolve(out);
  };
  const c = await Classifier.load(undefined, { model: attack, settleAfter: 3 });
  const preds = await c.classify(Array.from({ length: 40 }, (_, i) => raw(3000 + i)));
  assert.equal(rows, 40);
  assert.ok(preds.every((p) => p.label === "credential_access"));
});
