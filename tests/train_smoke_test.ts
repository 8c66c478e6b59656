/**
 * Smoke test of `deno task train` on a tiny corpus: corpus -> vocab -> model -> ONNX ->
 * classifier.
 *
 * @module
 */
import assert from "node:assert/strict";
import { Classifier } from "../lib/classify/classifier.ts";
import { LABELS } from "../lib/core/taxonomy.ts";

/** A tiny lab directory in the layout `deno task lab` writes: a training and a validation
 * scenario, one context-evidence line (left out), and fixtures of two daemons. */
async function tinyLab(dir: string) {
  const rec = (line: string, label: string, family: string, scenario: string, evidence = "line") =>
    JSON.stringify({ line, label, family, scenario, evidence, confidence: 0.9 });
  const lines = (scenario: string, host: string) =>
    Array.from({ length: 30 }, (_, i) =>
      [
        rec(
          `Dec  1 07:42:${
            i % 60
          } ${host} sshd[${i}]: Accepted password for u${i} from 198.18.0.${i} port ${i} ssh2`,
          "benign",
          "sshd",
          scenario,
        ),
        rec(
          `Dec  1 07:42:${
            i % 60
          } ${host} sshd[${i}]: Failed password for root from 198.18.1.${i} port ${i} ssh2`,
          "credential_access",
          "sshd",
          scenario,
        ),
        rec(
          `Dec  1 07:42:${i % 60} ${host} dnsmasq[9]: query[A] www${i}.example from 198.18.1.9`,
          "recon_scan",
          "dnsmasq",
          scenario,
          "context",
        ),
      ].join("\n")).join("\n") + "\n";
  await Deno.writeTextFile(`${dir}/s1-1.jsonl`, lines("s1", "web"));
  await Deno.writeTextFile(`${dir}/s4-4.jsonl`, lines("s4", "gw"));
  const fx = (line: string, label: string, source: string) =>
    JSON.stringify({
      line,
      label,
      family: source,
      scenario: "fixtures",
      source: `fail2ban:${source}`,
    });
  await Deno.writeTextFile(
    `${dir}/fixtures.jsonl`,
    [
      fx(
        "Jan 1 00:00:01 h dropbear[1]: Bad password attempt for 'root' from 198.18.2.1:22",
        "credential_access",
        "dropbear",
      ),
      fx(
        "Jan 1 00:00:01 h named[1]: client 198.18.2.2#53: query (cache) 'x/A/IN' denied",
        "recon_scan",
        "named",
      ),
    ].join("\n") + "\n",
  );
}

/** Two daemon messages as models/train/formats.py's harvest writes them. */
async function tinyFormats(dir: string) {
  const row = (message: string) =>
    JSON.stringify({ message, program: "exim4", package: "exim4-daemon-light", family: "exim" });
  await Deno.writeTextFile(
    `${dir}/messages.jsonl`,
    [row("Spool file %s is locked by another process"), row("retry time not reached for %s")]
      .join("\n") + "\n",
  );
}

Deno.test("train rebuilds a loadable model from a tiny corpus and tiny lab data", async () => {
  const out = await Deno.makeTempDir({ prefix: "insyt-train-" });
  const lab = await Deno.makeTempDir({ prefix: "insyt-lab-" });
  const formats = await Deno.makeTempDir({ prefix: "insyt-formats-" });
  await tinyLab(lab);
  await tinyFormats(formats);
  const run = await new Deno.Command("deno", {
    // With the "--" the README writes: Deno 2.9 passes it through to the script.
    args: [
      "task",
      "--quiet",
      "train",
      "--",
      "--n",
      "2500",
      "--epochs",
      "1",
      "--out",
      out,
      "--lab",
      lab,
      "--formats-dir",
      formats,
    ],
    cwd: new URL("../", import.meta.url).pathname,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const log = new TextDecoder().decode(run.stderr);
  assert.equal(run.code, 0, log);
  assert.match(log, /\[3\/3\] ONNX export/);
  assert.match(log, /eta/); // the progress bar with its time estimate
  assert.match(log, /pretraining on \d+ distinct lines \(1 epochs\)/);
  assert.match(log, /pretrain \(masked tokens\) \[#+\] 100\.0%/);
  assert.match(log, /"real_distinct": 61/); // 30 + 30 lab s1 lines (no context line) + 1 fixture
  assert.match(log, /"daemon_messages": 2/);
  assert.match(log, /operating point on real validation \(lab s4\) \(60 lines\)/);
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
  assert.ok(config.insyt_temperature > 0 && config.insyt_benign_threshold > 0);
  const c = await Classifier.load(new URL(`file://${out}/`));
  const [p] = await c.classify([
    "Mar  7 04:05:06 web sshd[1]: Failed password for root from 198.51.100.2 port 22 ssh2",
  ]);
  assert.ok(LABELS.includes(p.label));
  await Deno.remove(out, { recursive: true });
  await Deno.remove(lab, { recursive: true });
  await Deno.remove(formats, { recursive: true });
});

Deno.test("eval takes its flags after `deno task eval --` and names an unknown one", async () => {
  const run = await new Deno.Command("deno", {
    args: ["task", "--quiet", "eval", "--", "--bogus"],
    cwd: new URL("../", import.meta.url).pathname,
    stdout: "null",
    stderr: "piped",
  }).output();
  assert.equal(run.code, 2);
  assert.match(new TextDecoder().decode(run.stderr), /unknown flag --bogus/);
});
