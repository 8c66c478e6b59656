/**
 * Draws a labelled corpus: label by class share, template by weight, scenario and time at random,
 * all seeded.
 *
 * @module
 */
import { type Label, LABELS } from "../../lib/core/taxonomy.ts";
import { wrapInContainer } from "./containers.ts";
import { Rng } from "./rng.ts";
import { SCENARIOS } from "./scenario.ts";
import type { Sample, Template } from "./types.ts";

/** Share of each class in the corpus (benign is the largest, as on real hosts, but not overwhelming). */
export const CLASS_SHARE: Record<Label, number> = {
  benign: 0.37,
  recon_scan: 0.09,
  web_scan: 0.09,
  web_exploit: 0.1,
  credential_access: 0.09,
  privilege_escalation: 0.08,
  command_and_control: 0.09,
  exfiltration: 0.09,
};

/** Share of lines wrapped by a log shipper (Docker, journald JSON, Filebeat, GELF, CRI, relay). */
export const CONTAINER_SHARE = 0.08;

/** Options for {@link generate}. */
export interface GenerateOptions {
  /** How many lines to draw before de-duplication. */
  n: number;
  seed: number;
  templates: Template[];
}

/**
 * Draws `n` samples and yields the distinct ones (an exact duplicate line is kept once,
 * under its first label, so the same text never sits in two folds).
 * @example for (const s of generate({ n: 1000, seed: 1, templates: ALL_TEMPLATES })) console.log(s.line);
 */
export function* generate({ n, seed, templates }: GenerateOptions): Generator<Sample> {
  const rng = new Rng(seed);
  const byLabel = new Map<Label, [Template, number][]>();
  for (const t of templates) {
    const list = byLabel.get(t.label) ?? [];
    list.push([t, t.weight ?? 1]);
    byLabel.set(t.label, list);
  }
  const missing = LABELS.filter((l) => !byLabel.has(l));
  if (missing.length) throw new Error(`no templates for: ${missing.join(", ")}`);
  const shares = LABELS.map((l) => [l, CLASS_SHARE[l]] as const);
  const seen = new Set<string>();
  for (let i = 0; i < n; i++) {
    const label = rng.weighted(shares);
    const tpl = rng.weighted(byLabel.get(label)!);
    const sc = rng.pick(SCENARIOS);
    const now = new Date(sc.start + rng.int(0, 6 * 86400) * 1000 + rng.int(0, 999));
    const ctx = { rng, sc, now };
    const made = tpl.make(ctx);
    const line = rng.chance(CONTAINER_SHARE) ? wrapInContainer(ctx, made) : made;
    if (line.includes("\n")) throw new Error(`template ${tpl.family}/${label} wrote a newline`);
    if (seen.has(line)) continue;
    seen.add(line);
    yield { line, label, family: tpl.family, scenario: sc.name };
  }
}
