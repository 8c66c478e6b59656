/**
 * The contracts between the queue handler (lib/classify/handler.ts) and what it calls inside a
 * batch's commit: the attack-storm shortcut around classification (lib/incidents/shortcut.ts)
 * and the batch extensions that add incidents to the commit (lib/incidents/extension.ts). Types
 * only; the stored records they carry are in schemas.ts.
 *
 * @module
 */
import type { LineRecord } from "./schemas.ts";
import type { Label } from "./taxonomy.ts";

/** One line of a classified batch, as the queue handler hands it to a batch extension. */
export interface ClassifiedLine {
  /** The line as received, with its source. */
  record: LineRecord;
  /** The verdict ("benign" for harmless lines). */
  label: Label;
  /** ATT&CK technique ids of the verdict (empty for benign lines). */
  techniques: string[];
  /** Previous lines of the same source, oldest first. */
  context: string[];
  /** Set when the line was stored as a detection. */
  detectionId?: string;
  /** Counted into an active incident by its shape, without the model (see {@link Shortcut}). */
  shortcut?: boolean;
}

/** A verdict an active incident's entity already got for a line's shape (the attack-storm shortcut). */
export interface Shortcut {
  /** The verdict's label. */
  label: Label;
  /** The verdict's ATT&CK technique ids. */
  techniques: string[];
}

/** What the shortcut needs of a model verdict. */
export interface Verdict {
  /** The verdict's label. */
  label: Label;
  /** The verdict's ATT&CK mapping. */
  attack: { techniques: string[] };
}

/**
 * The attack-storm shortcut, wrapped around a batch's classification: decides which lines an
 * active incident already explains (`known`), sends the others to `classify` (`preds`, undefined
 * where `known` is set) and learns from the model's verdicts.
 */
export type ShortcutFn = <P extends Verdict>(
  records: LineRecord[],
  classify: (lines: string[]) => Promise<P[]>,
) => Promise<{ known: (Shortcut | undefined)[]; preds: (P | undefined)[] }>;

/**
 * Adds mutations to the atomic commit of one or more consecutive batches (incidents, behaviour
 * buckets, events). Called again when the commit fails a check it added, or with fewer batches
 * when they did not fit one commit, so it must read state afresh each time and may add `check`s
 * to guard what it read.
 */
export type BatchExtension = (
  /**
   * `ids`: the batches committed together; `lines`: all of their lines, in order; `budget`:
   * mutations the commit still has room for (KV allows 1,000 per commit).
   */
  batch: { ids: string[]; lines: ClassifiedLine[]; now: number; budget: number },
) => Promise<BatchAddition>;

/** What a {@link BatchExtension} adds to a commit. */
export interface BatchAddition {
  /** Mutations `apply` adds when the budget leaves room for all of them. */
  mutations: number;
  /** Adds them to `op`; past the budget it leaves out what can be lost (behaviour buckets). */
  apply: (op: Deno.AtomicOperation) => void;
}
