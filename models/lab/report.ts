/**
 * The per-run report: line counts per class × family (plus evidence and run facts), printed
 * as a table and written as JSON beside the JSONL.
 *
 * @module
 */
import { LABELS } from "../../lib/core/taxonomy.ts";
import { modelText } from "../../lib/classify/line_text.ts";
import type { Labelled } from "./label.ts";

/** Counts and facts of one run. */
export interface Report {
  scenario: string;
  seed: number;
  lines: number;
  seconds: number;
  perClass: Record<string, number>;
  /** Distinct lines per class (a line counted once per class it has). */
  distinctPerClass: Record<string, number>;
  /** Distinct lines per class after the model's masking (times, addresses, PIDs). */
  distinctMaskedPerClass: Record<string, number>;
  /** Log families with at least one line. */
  families: number;
  perClassFamily: Record<string, Record<string, number>>;
  contextEvidence: Record<string, number>;
  steps: { name: string; label: string; start: string; seconds: number }[];
  teardownClean: boolean;
}

/** Builds the counts of a labelled run. */
export function countLines(
  rows: Labelled[],
): Pick<
  Report,
  | "perClass"
  | "distinctPerClass"
  | "distinctMaskedPerClass"
  | "families"
  | "perClassFamily"
  | "contextEvidence"
> {
  const perClass: Record<string, number> = Object.fromEntries(LABELS.map((l) => [l, 0]));
  const perClassFamily: Record<string, Record<string, number>> = {};
  const contextEvidence: Record<string, number> = {};
  const seen: Record<string, Set<string>> = Object.fromEntries(LABELS.map((l) => [l, new Set()]));
  const masked: Record<string, Set<string>> = Object.fromEntries(
    LABELS.map((l) => [l, new Set()]),
  );
  for (const r of rows) {
    perClass[r.label]++;
    seen[r.label].add(r.line);
    masked[r.label].add(modelText(r.line).text);
    (perClassFamily[r.label] ??= {})[r.family] = (perClassFamily[r.label][r.family] ?? 0) + 1;
    if (r.evidence === "context") contextEvidence[r.label] = (contextEvidence[r.label] ?? 0) + 1;
  }
  const distinctPerClass = Object.fromEntries(LABELS.map((l) => [l, seen[l].size]));
  const distinctMaskedPerClass = Object.fromEntries(LABELS.map((l) => [l, masked[l].size]));
  const families = new Set(rows.map((r) => r.family)).size;
  return {
    perClass,
    distinctPerClass,
    distinctMaskedPerClass,
    families,
    perClassFamily,
    contextEvidence,
  };
}

/** The report as a plain-text table: one row per class, one column per family. */
export function formatReport(r: Report): string {
  const fams = [...new Set(Object.values(r.perClassFamily).flatMap((x) => Object.keys(x)))].sort();
  const w = Math.max(8, ...fams.map((f) => f.length));
  const head = "class".padEnd(21) + fams.map((f) => f.padStart(w + 1)).join("") +
    "  total distinct masked";
  const rows = LABELS.map((l) =>
    l.padEnd(21) + fams.map((f) => String(r.perClassFamily[l]?.[f] ?? 0).padStart(w + 1)).join("") +
    String(r.perClass[l]).padStart(7) + String(r.distinctPerClass[l]).padStart(9) +
    String(r.distinctMaskedPerClass[l]).padStart(7)
  );
  return [
    `scenario ${r.scenario} seed ${r.seed}: ${r.lines} lines in ${r.seconds}s, teardown ${
      r.teardownClean ? "clean" : "NOT CLEAN"
    }, ${r.families} log families`,
    head,
    ...rows,
    `context-evidence lines: ${JSON.stringify(r.contextEvidence)}`,
  ].join("\n");
}
