/**
 * Parity between training (Python tokenizer, PyTorch) and inference (transformers.js tokenizer,
 * ONNX on WASM) for the shipped model, on tricky and on generated lines.
 *
 * @module
 */
import assert from "node:assert/strict";
import { Classifier, DEFAULT_MODEL_DIR } from "../lib/classify/classifier.ts";
import { modelText } from "../lib/classify/line_text.ts";
import { generate } from "../models/gen/corpus.ts";
import { ALL_TEMPLATES } from "../models/gen/families/mod.ts";
import { pythonReference, TRICKY_LINES } from "./python_reference.ts";

const generated = [...generate({ n: 400, seed: 99, templates: ALL_TEMPLATES })].map((s) => s.line);
const lines = [...TRICKY_LINES, ...generated];
const reference = await pythonReference(DEFAULT_MODEL_DIR, lines.map((l) => modelText(l).text));
const fp32 = await Classifier.load(DEFAULT_MODEL_DIR, { quantized: false });
const int8 = await Classifier.load(DEFAULT_MODEL_DIR, { quantized: true });

Deno.test("token ids match the Python tokenizer on tricky and generated lines", () => {
  let same = 0;
  lines.forEach((line, i) => {
    const ts = fp32.encode(line).ids;
    if (JSON.stringify(ts) === JSON.stringify(reference[i].ids)) same++;
    else {assert.deepEqual(
        ts,
        reference[i].ids,
        `ids differ for ${JSON.stringify(line.slice(0, 80))}`,
      );}
  });
  assert.equal(same, lines.length);
});

Deno.test("ONNX fp32 logits match PyTorch within 1e-4", async () => {
  const logits = await fp32.logits(reference.map((r) => r.ids));
  let worst = 0;
  reference.forEach((r, i) =>
    r.logits.forEach((x, k) => worst = Math.max(worst, Math.abs(x - logits[i][k])))
  );
  assert.ok(worst < 1e-4, `max |onnx - torch| = ${worst}`);
});

Deno.test("the int8 model agrees with fp32 on at least 97% of generated lines", async () => {
  const [a, b] = await Promise.all([fp32.classify(generated), int8.classify(generated)]);
  const agree = a.filter((p, i) => p.label === b[i].label).length / a.length;
  assert.ok(agree >= 0.97, `argmax agreement ${agree}`);
});

Deno.test("an int8 line's logits do not depend on the lines batched with it", async () => {
  const targets = [
    "Dec  1 12:00:00 mx1 sshd[812]: Failed password for invalid user admin from 198.51.100.7 port 52113 ssh2",
    'web1 nginx: 203.0.113.9 - - [01/Dec/2026:12:00:00 +0000] "GET /index.html HTTP/1.1" 200 512 "-" "Mozilla/5.0"',
  ].map((l) => int8.encode(l).ids);
  // Attacker-chosen neighbours: a longer line (more padding) and lines of other activations.
  // With one quantisation scale per batch these moved the targets' logits by up to 0.034.
  const neighbours = [
    "GET /cgi-bin/../../../../etc/passwd?x=%27%20OR%201=1--%20 HTTP/1.1",
    "A".repeat(400),
    "mx1 snoopy[1071]: [login:gbrown ssh:(198.19.77.122 46213 198.19.77.77 22) sid:1071 tty:/dev/pts/0 (0/root) uid:root(0)/root(0) cwd:/root filename:/usr/bin/tail]: tail -n 50 /var/log/mail.log",
  ].map((l) => int8.encode(l).ids);
  const alone = await Promise.all(targets.map(async (t) => (await int8.logits([t]))[0]));
  let worst = 0;
  for (const n of neighbours) {
    const [a, , b] = await int8.logits([targets[0], n, targets[1]]);
    [a, b].forEach((row, k) =>
      row.forEach((x, j) => worst = Math.max(worst, Math.abs(x - alone[k][j])))
    );
  }
  assert.ok(worst < 1e-4, `a neighbour moved a logit by ${worst}`);
});
