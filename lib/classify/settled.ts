/**
 * Settled templates: the classifier's second cache, keyed on a line's template (its model text
 * with digit runs and long hex runs masked, lib/formats/template.ts) instead of its exact text.
 * Real streams repeat by template: the same benign message with a fresh port, queue id or size
 * is a new text every time, and every new text costs a model run.
 *
 * A template settles after the model has judged `after` of its distinct texts benign, each
 * clearly (attack probability at most `margin` times the benign threshold). Its further texts
 * are then answered benign without the model. A template any of whose texts the model judged
 * an attack, or benign only narrowly, never settles: attacks are always read line by line, so an
 * exploit that only changes numbers in a benign shape is still seen once its first line is. The
 * model text itself is unchanged (the model reads the numbers, as it was trained to).
 *
 * @module
 */
import type { Prediction } from "./classifier.ts";
import { lineTemplate } from "../formats/template.ts";

/** Options for {@link SettledTemplates}. */
export interface SettleOptions {
  /** Clearly benign distinct texts after which a template settles (0: never). */
  after: number;
  /** The benign threshold the verdicts are decided with (attack probability above it). */
  threshold: number;
  /** Share of `threshold` a verdict's attack probability must stay under (default 0.5). */
  margin?: number;
  /** Most templates remembered (default 50,000; the oldest is forgotten first). */
  size?: number;
}

type Entry = { clear: number; last: Prediction } | "unsettled";

/** Templates judged benign often and clearly enough to skip the model. */
export class SettledTemplates {
  #after: number;
  #cut: number;
  #size: number;
  #seen = new Map<string, Entry>();

  /** An empty cache; `o.after` 0 makes it answer nothing. */
  constructor(o: SettleOptions) {
    this.#after = o.after;
    this.#cut = o.threshold * (o.margin ?? 0.5);
    this.#size = o.size ?? 50_000;
  }

  /** The benign verdict for `text` if its template has settled. */
  answer(text: string): Prediction | undefined {
    if (this.#after <= 0) return undefined;
    const e = this.#seen.get(lineTemplate(text));
    if (e === undefined || e === "unsettled" || e.clear < this.#after) return undefined;
    return e.last;
  }

  /** Records the model's verdict on a distinct `text`. */
  learn(text: string, p: Prediction): void {
    if (this.#after <= 0 || p.junk) return;
    const key = lineTemplate(text);
    const e = this.#seen.get(key);
    if (e === "unsettled") return;
    const clear = p.label === "benign" && 1 - p.scores.benign <= this.#cut;
    this.#seen.delete(key); // refresh its position
    this.#seen.set(key, clear ? { clear: (e?.clear ?? 0) + 1, last: p } : "unsettled");
    if (this.#seen.size > this.#size) this.#seen.delete(this.#seen.keys().next().value!);
  }
}
