/**
 * @module Groups received lines into queue batches (by count, bytes and a short time
 * window), caps line length so every message stays under Deno KV's 64 KiB value limit,
 * and commits them. `commitRecords` serves callers that must know the lines are durable
 * (HTTP replies 202 only after it resolves); `Batcher` serves streams (syslog).
 */
import { timeId } from "./kv_keys.ts";
import { enqueueBatches } from "./queue.ts";
import type { BatchMessage, LineRecord } from "./schemas.ts";

/** Batch limits. */
export interface BatchLimits {
  /** Most lines per batch (default 200: keeps the handler's commit within KV limits). */
  maxLines: number;
  /** Most serialized bytes per batch (default 56 KiB, under the 64 KiB message limit). */
  maxBytes: number;
}

export const DEFAULT_LIMITS: BatchLimits = { maxLines: 200, maxBytes: 56 * 1024 };

/** Longest stored line; longer lines keep their head and tail and are flagged truncated. */
export const MAX_LINE_CHARS = 8192;

/** Caps a record's line at {@link MAX_LINE_CHARS} (head 6 KiB + tail 2 KiB). */
export function capRecord(r: LineRecord): LineRecord {
  if (r.line.length <= MAX_LINE_CHARS) return r;
  const line = r.line.slice(0, 6144) + " ... " + r.line.slice(-2000);
  return { ...r, line, source: { ...r.source, truncated: true } };
}

function size(r: LineRecord): number {
  // UTF-8 bytes of the JSON are at most 3 per UTF-16 unit; sources are small.
  return JSON.stringify(r).length * 3;
}

/** Splits records into batch messages within `limits`. */
export function toBatches(
  records: LineRecord[],
  limits: BatchLimits = DEFAULT_LIMITS,
): BatchMessage[] {
  const out: BatchMessage[] = [];
  let cur: LineRecord[] = [], bytes = 0;
  for (const raw of records) {
    const r = capRecord(raw);
    const s = size(r);
    if (cur.length && (cur.length >= limits.maxLines || bytes + s > limits.maxBytes)) {
      out.push({ kind: "batch", id: timeId(), records: cur });
      cur = [];
      bytes = 0;
    }
    cur.push(r);
    bytes += s;
  }
  if (cur.length) out.push({ kind: "batch", id: timeId(), records: cur });
  return out;
}

/** Batches per atomic commit (KV limits a commit's total size). */
const BATCHES_PER_COMMIT = 10;

/** Commits records as batches; resolves once all are durable in the queue. */
export async function commitRecords(
  kv: Deno.Kv,
  records: LineRecord[],
  limits = DEFAULT_LIMITS,
): Promise<number> {
  const batches = toBatches(records, limits);
  const commits = [];
  for (let i = 0; i < batches.length; i += BATCHES_PER_COMMIT) {
    commits.push(enqueueBatches(kv, batches.slice(i, i + BATCHES_PER_COMMIT)));
  }
  await Promise.all(commits);
  return batches.length;
}

/**
 * Buffers streamed records and commits them when a batch fills or `maxWaitMs` after the
 * first buffered record. A failed commit keeps the records and retries.
 */
export class Batcher {
  #kv: Deno.Kv;
  #buf: LineRecord[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;
  #waitMs: number;
  #limits: BatchLimits;
  #flushing: Promise<void> = Promise.resolve();
  /** Called when a commit fails (the records are kept for the next try). */
  onError: (e: unknown) => void = (e) => console.error("batch commit failed:", e);

  constructor(kv: Deno.Kv, maxWaitMs = 100, limits = DEFAULT_LIMITS) {
    this.#kv = kv;
    this.#waitMs = maxWaitMs;
    this.#limits = limits;
  }

  /** Records buffered and not yet committed. */
  get pending(): number {
    return this.#buf.length;
  }

  /** Buffers records; commits full batches right away and the rest after the time window. */
  add(records: LineRecord[]) {
    this.#buf.push(...records);
    if (this.#buf.length >= this.#limits.maxLines) void this.flush();
    else this.#timer ??= setTimeout(() => void this.flush(), this.#waitMs);
  }

  /** Commits everything buffered; resolves when it is durable. */
  flush(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#flushing = this.#flushing.then(async () => {
      const records = this.#buf;
      this.#buf = [];
      if (!records.length) return;
      try {
        await commitRecords(this.#kv, records, this.#limits);
      } catch (e) {
        this.#buf = records.concat(this.#buf);
        this.onError(e);
        this.#timer ??= setTimeout(() => void this.flush(), 1000);
      }
    });
    return this.#flushing;
  }
}
