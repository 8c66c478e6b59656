/**
 * Replays labelled captures (lab runs, the hand-written set) through the classifier the way the
 * service feeds it, in 200-line `Classifier.classify` calls, and prints per file: lines, the
 * distinct-template share (distinct model texts / lines), model runs per line (what the cache
 * and in-call de-duplication did not answer; one fresh classifier per file) and per-line
 * detection scores: attack recall at benign FPR 0.01 / 0.02 and recall / FPR at the model's own
 * labels. Scores count every line, repeats included, as a stream would; `deno task eval` scores
 * distinct texts instead, whose sets differ between maskings.
 *
 * With `--before DIR` (a checkout of other code, e.g. the previous release, with its shipped
 * model), the same is printed for that code and model in the same process, side by side: each
 * model reads the text of the masking it was trained with.
 *
 * Labels follow models/train/real.py: lines whose attack shows only in context are replayed but
 * not scored, and a benign user's failed login counts as credential_access.
 *
 * Usage: deno run --allow-read --allow-env --allow-ffi models/replay.ts [--before DIR]
 *          [--model DIR] FILE.jsonl...
 *
 * @module
 */
import { parseArgs } from "node:util";
import type { Prediction } from "../lib/classify/classifier.ts";

const CALL_LINES = 200;
const FPRS = [0.01, 0.02];
const AUTH_FAILURE =
  /Failed password|authentication failure|auth failed|FAIL LOGIN|Connection closed by authenticating user/;

interface Rec {
  line: string;
  label: string;
  /** False for lines whose attack shows only in context: replayed, never scored. */
  scored: boolean;
}

interface Side {
  name: string;
  modelText: (line: string) => { text: string };
  load: () => Promise<{
    classify(lines: string[]): Promise<Prediction[]>;
    logits(seqs: number[][]): Promise<Float32Array[]>;
  }>;
}

/** Every record of a capture, labelled as real.py labels them. */
function records(path: string): Rec[] {
  const out: Rec[] = [];
  for (const l of Deno.readTextFileSync(path).split("\n")) {
    if (!l.trim()) continue;
    const r = JSON.parse(l);
    const userFailure = r.label === "benign" && String(r.actor ?? "").startsWith("user:") &&
      AUTH_FAILURE.test(r.line);
    const label = userFailure ? "credential_access" : r.label;
    out.push({ line: r.line, label, scored: r.evidence !== "context" });
  }
  return out;
}

/** Attack recall at the cut that flags at most `fpr` of benign lines (ties unflagged). */
export function recallAtFpr(attack: boolean[], score: number[], fpr: number): number {
  const benign = score.filter((_, i) => !attack[i]).sort((a, b) => b - a);
  const k = Math.floor(fpr * benign.length);
  const cut = k < benign.length ? benign[k] : -Infinity;
  const hits = score.filter((s, i) => attack[i] && s > cut).length;
  return hits / attack.filter(Boolean).length;
}

interface Run {
  texts: string[];
  runs: number;
  /** Per scored line: */
  attack: boolean[];
  score: number[];
  flagged: boolean[];
}

async function replay(side: Side, recs: Rec[]): Promise<Run> {
  const c = await side.load();
  let runs = 0;
  const logits = c.logits.bind(c);
  c.logits = (seqs) => {
    runs += seqs.length;
    return logits(seqs);
  };
  const preds: Prediction[] = [];
  for (let i = 0; i < recs.length; i += CALL_LINES) {
    preds.push(...await c.classify(recs.slice(i, i + CALL_LINES).map((r) => r.line)));
  }
  const scored = recs.flatMap((r, i) => r.scored ? [i] : []);
  return {
    texts: recs.map((r) => side.modelText(r.line).text),
    runs,
    attack: scored.map((i) => recs[i].label !== "benign"),
    score: scored.map((i) => 1 - preds[i].scores.benign),
    flagged: scored.map((i) => preds[i].label !== "benign"),
  };
}

/** Runs of several files as one (distinct texts counted per file, as each replay's cache). */
function pool(runs: Run[]): Run {
  return {
    texts: runs.flatMap((r, i) => r.texts.map((t) => `${i}\0${t}`)),
    runs: runs.reduce((n, r) => n + r.runs, 0),
    attack: runs.flatMap((r) => r.attack),
    score: runs.flatMap((r) => r.score),
    flagged: runs.flatMap((r) => r.flagged),
  };
}

const f3 = (x: number) => x.toFixed(3);

function row(file: string, code: string, r: Run): string {
  const lines = r.texts.length, n = r.attack.length, nAttack = r.attack.filter(Boolean).length;
  const own = (attack: boolean) => r.flagged.filter((f, i) => f && r.attack[i] === attack).length;
  return `| ${file} | ${code} | ${lines} | ${nAttack} / ${n - nAttack} | ` +
    `${f3(new Set(r.texts).size / lines)} | ${f3(r.runs / lines)} | ` +
    `${FPRS.map((f) => f3(recallAtFpr(r.attack, r.score, f))).join(" | ")} | ` +
    `${f3(own(true) / nAttack)} | ${f3(own(false) / (n - nAttack))} |`;
}

async function side(name: string, root: URL, model?: string): Promise<Side> {
  const cls = await import(new URL("lib/classify/classifier.ts", root).href);
  const lt = await import(new URL("lib/classify/line_text.ts", root).href);
  const dir = model ? new URL(`file://${Deno.realPathSync(model)}/`) : cls.SHIPPED_MODEL_DIR;
  return { name, modelText: lt.modelText, load: () => cls.Classifier.load(dir) };
}

const { values, positionals } = parseArgs({
  args: Deno.args,
  options: { before: { type: "string" }, model: { type: "string" } },
  allowPositionals: true,
});
const sides = [await side("after", new URL("../", import.meta.url), values.model)];
if (values.before) {
  sides.unshift(await side("before", new URL(`file://${Deno.realPathSync(values.before)}/`)));
}
console.log(
  "| file | code | lines | scored attack / benign | distinct texts / lines | model runs / line | " +
    "recall @FPR 0.01 | @0.02 | own recall | own FPR |\n|---|---|---|---|---|---|---|---|---|---|",
);
const heldOut = new Map<string, Run[]>(sides.map((s) => [s.name, []]));
const heldNames: string[] = [];
for (const path of positionals) {
  const recs = records(path);
  const file = path.split("/").pop()!;
  if (/^s[5-8]-/.test(file)) heldNames.push(file);
  for (const s of sides) {
    const r = await replay(s, recs);
    console.log(row(file, s.name, r));
    if (/^s[5-8]-/.test(file)) heldOut.get(s.name)!.push(r);
  }
}
if (heldNames.length > 1) {
  for (const s of sides) {
    console.log(row(heldNames.join(" + "), s.name, pool(heldOut.get(s.name)!)));
  }
}
