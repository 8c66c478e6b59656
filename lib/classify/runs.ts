/**
 * Model runs as the classifier builds them: token ids framed as the model was trained, items
 * split into runs of similar length, and runs packed into one padded batch of ids.
 *
 * @module
 */

const CLS = 2, SEP = 3;

/** A batch of framed id sequences, padded to one width. */
export interface IdBatch {
  /** Token ids, row-major, `lengths.length` rows x `width`, 0 ([PAD]) after each sequence. */
  ids: Int32Array;
  /** Each sequence's length (its attention mask). */
  lengths: Int32Array;
  /** Longest sequence's length. */
  width: number;
}

/** Runs the model over one batch; resolves to one row of LABELS.length logits per sequence. */
export type LogitsFn = (batch: IdBatch) => Promise<Float32Array>;

/** Packs framed id sequences into one padded batch. */
export function toBatch(seqs: number[][]): IdBatch {
  const width = Math.max(...seqs.map((s) => s.length));
  const ids = new Int32Array(seqs.length * width);
  seqs.forEach((s, r) => ids.set(s, r * width));
  return { ids, lengths: Int32Array.from(seqs, (s) => s.length), width };
}

/**
 * Token ids framed as the model was trained: [CLS] ids [SEP], or for inputs longer than
 * `maxLen`, [CLS] head … last `tail` ids [SEP] (the end of a line often names the tool).
 */
export function frameIds(
  ids: number[],
  maxLen: number,
  tail: number,
): { ids: number[]; truncated: boolean } {
  const room = maxLen - 2;
  if (ids.length <= room) return { ids: [CLS, ...ids, SEP], truncated: false };
  return {
    ids: [CLS, ...ids.slice(0, room - tail), ...ids.slice(ids.length - tail), SEP],
    truncated: true,
  };
}

/**
 * Splits items sorted by length into ONNX runs of at most `rows`, starting a new run when a
 * line is more than 10% (+8 tokens) longer than the run's first: padding costs as much as
 * real tokens, and a few extra small runs cost less (1.7x faster on 100-line calls).
 */
export function lengthBuckets<T>(sorted: T[], len: (t: T) => number, rows: number): T[][] {
  const out: T[][] = [];
  let cur: T[] = [];
  for (const t of sorted) {
    if (cur.length && (cur.length >= rows || len(t) > len(cur[0]) * 1.1 + 8)) {
      out.push(cur);
      cur = [];
    }
    cur.push(t);
  }
  if (cur.length) out.push(cur);
  return out;
}
