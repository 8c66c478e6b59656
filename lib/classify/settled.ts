/**
 * Settled templates: the classifier's second cache, keyed on a line's template (its model text
 * with digit runs and long hex runs masked, lib/formats/template.ts) instead of its exact text.
 * Real streams repeat by template: the same benign message with a fresh port, queue id or size
 * is a new text every time, and every new text costs a model run.
 *
 * A template settles after the model has judged `after` of its distinct texts benign, each
 * clearly: its attack probability at most `margin` times the most a benign verdict may have
 * (1 - the benign threshold, since a line is benign when P(benign) >= the threshold). Its further texts
 * are then answered benign without the model. A template any of whose texts the model judged
 * an attack, or benign only narrowly, never settles: attacks are always read line by line, so an
 * exploit that only changes numbers in a benign shape is still seen once its first line is. The
 * model text itself is unchanged (the model reads the numbers, as it was trained to).
 *
 * Texts of one template arrive together (a backlog's batches are classified many at once), so
 * the classifier claims each text before the model judges it: while enough of its template's
 * texts are being judged to settle it, further ones wait for their verdicts instead of all
 * going to the model ({@link SettledTemplates.claim}).
 *
 * @module
 */
import type { Prediction } from "./classifier.ts";
import { lineTemplate } from "../formats/template.ts";

/** Options for {@link SettledTemplates}. */
export interface SettleOptions {
  /** Clearly benign distinct texts after which a template settles (0: never). */
  after: number;
  /** The benign threshold the verdicts are decided with: benign when P(benign) >= it. */
  threshold: number;
  /**
   * Share of a benign verdict's largest attack probability (1 - `threshold`) that a clear
   * verdict's must stay under (default 0.5).
   */
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
  #judging = new Map<string, number>();

  /** An empty cache; `o.after` 0 makes it answer nothing. */
  constructor(o: SettleOptions) {
    this.#after = o.after;
    this.#cut = (1 - o.threshold) * (o.margin ?? 0.5);
    this.#size = o.size ?? 50_000;
  }

  /** The benign verdict for `text` if its template has settled. */
  answer(text: string): Prediction | undefined {
    if (this.#after <= 0) return undefined;
    const e = this.#seen.get(lineTemplate(text));
    if (e === undefined || e === "unsettled" || e.clear < this.#after) return undefined;
    return e.last;
  }

  /**
   * Whether the model should judge `text` now: false while as many texts of its template are
   * being judged as it still needs to settle (their verdicts may settle it). A true answer
   * must be followed by {@link release} once the verdict is learnt.
   */
  claim(text: string): boolean {
    if (this.#after <= 0) return true;
    const key = lineTemplate(text);
    const e = this.#seen.get(key);
    const judging = this.#judging.get(key) ?? 0;
    if (e !== "unsettled" && judging >= this.#after - (e?.clear ?? 0)) return false;
    this.#judging.set(key, judging + 1);
    return true;
  }

  /** Ends a {@link claim} that returned true. */
  release(text: string): void {
    if (this.#after <= 0) return;
    const key = lineTemplate(text);
    const n = (this.#judging.get(key) ?? 1) - 1;
    if (n > 0) this.#judging.set(key, n);
    else this.#judging.delete(key);
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
