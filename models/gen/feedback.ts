/**
 * Appends operator feedback (`deno task export-feedback` JSONL: false positives and suppressed
 * lines, labelled benign) to a training corpus, each line `weight` times so a handful of
 * corrections is not drowned by 160,000 generated lines. Used by `deno task train --feedback`.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { modelText } from "../../lib/classify/line_text.ts";
import { isLabel } from "../../lib/core/taxonomy.ts";

/** Corpus records (the fields training reads, plus provenance) for the feedback in `jsonl`. */
export function feedbackRecords(jsonl: string, weight: number): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const raw of jsonl.split("\n")) {
    if (!raw.trim()) continue;
    const r = JSON.parse(raw);
    if (typeof r.line !== "string" || !isLabel(r.label)) {
      throw new Error(`not a feedback record: ${raw.slice(0, 200)}`);
    }
    const rec = {
      line: r.line,
      label: r.label,
      family: "feedback",
      scenario: "feedback",
      split: "train",
      text: modelText(r.line).text,
    };
    for (let i = 0; i < weight; i++) out.push(rec);
  }
  return out;
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: {
      corpus: { type: "string" },
      feedback: { type: "string" },
      weight: { type: "string", default: "10" },
    },
  });
  if (!values.corpus || !values.feedback) {
    throw new Error("usage: feedback.ts --corpus FILE --feedback FILE [--weight N]");
  }
  const recs = feedbackRecords(await Deno.readTextFile(values.feedback), Number(values.weight));
  await Deno.writeTextFile(values.corpus, recs.map((r) => JSON.stringify(r) + "\n").join(""), {
    append: true,
  });
  console.error(`appended ${recs.length} feedback records to ${values.corpus}`);
}
