/**
 * Smoke test of `deno task train` on a tiny corpus: corpus -> vocab -> model -> ONNX ->
 * classifier.
 *
 * @module
 */
import assert from "node:assert/strict";
import { Classifier } from "../lib/classify/classifier.ts";
import { LABELS } from "../lib/core/taxonomy.ts";

Deno.test("train rebuilds a loadable model from a tiny corpus", async () => {
  const out = await Deno.makeTempDir({ prefix: "insyt-train-" });
  const run = await new Deno.Command("deno", {
    args: ["task", "--quiet", "train", "--n", "2500", "--epochs", "1", "--out", out],
    cwd: new URL("../", import.meta.url).pathname,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const log = new TextDecoder().decode(run.stderr);
  assert.equal(run.code, 0, log);
  assert.match(log, /\[3\/3\] ONNX export/);
  assert.match(log, /eta/); // the progress bar with its time estimate
  for (
    const f of [
      "config.json",
      "tokenizer.json",
      "tokenizer_config.json",
      "onnx/model.onnx",
      "onnx/model_quantized.onnx",
    ]
  ) {
    assert.ok((await Deno.stat(`${out}/${f}`)).size > 0, f);
  }
  const config = JSON.parse(await Deno.readTextFile(`${out}/config.json`));
  assert.equal(config.model_type, "distilbert");
  assert.deepEqual(Object.values(config.id2label), [...LABELS]);
  const c = await Classifier.load(new URL(`file://${out}/`));
  const [p] = await c.classify([
    "Mar  7 04:05:06 web sshd[1]: Failed password for root from 198.51.100.2 port 22 ssh2",
  ]);
  assert.ok(LABELS.includes(p.label));
  await Deno.remove(out, { recursive: true });
});
