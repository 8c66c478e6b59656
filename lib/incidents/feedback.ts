/**
 * The feedback loop: every false-positive mark and every suppression rule becomes labelled
 * lines (`{line, label: "benign", source: "feedback", reason, incident}`) that training can
 * take in, so an operator's click reaches the next model.
 *
 * @module
 */
import { K } from "../core/kv_keys.ts";
import type { Incident } from "../core/schemas.ts";
import { storedSuppressions } from "../suppress/rules.ts";

/** One labelled feedback line. */
export interface FeedbackRecord {
  /** The raw log line. */
  line: string;
  /** Always benign: the operator said the line is not an attack. */
  label: "benign";
  /** Marks the line as operator feedback in the training data. */
  source: "feedback";
  /** The operator's reason (empty when none was given). */
  reason: string;
  /** The incident it came from (null for a suppression made without one). */
  incident: string | null;
  /** The suppression rule it came from; absent for false-positive marks. */
  suppression?: string;
}

/** Every feedback record: false-positive incidents' samples, then suppressions' examples. */
export async function* feedbackRecords(kv: Deno.Kv): AsyncGenerator<FeedbackRecord> {
  const seen = new Set<string>();
  const fresh = (line: string) => !seen.has(line) && !!seen.add(line);
  for await (const { value: inc } of kv.list<Incident>({ prefix: K.incidentPrefix })) {
    if (inc.status !== "false_positive") continue;
    const mark = inc.audit.findLast((a) => a.to === "false_positive");
    for (const s of inc.samples) {
      if (!fresh(s.line)) continue;
      yield {
        line: s.line,
        label: "benign",
        source: "feedback",
        reason: mark?.reason ?? "",
        incident: inc.id,
      };
    }
  }
  for (const rule of await storedSuppressions(kv, { all: true })) {
    for (const line of rule.examples) {
      if (!fresh(line)) continue;
      yield {
        line,
        label: "benign",
        source: "feedback",
        reason: rule.reason,
        incident: rule.incident ?? null,
        suppression: rule.id,
      };
    }
  }
}
