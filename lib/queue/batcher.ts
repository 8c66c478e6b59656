/**
 * Groups received lines into queue batches (by count, bytes and a short time window), caps line
 * length so every message stays under Deno KV's 64 KiB value limit, and commits them.
 * `commitRecords` serves callers that must know the lines are durable (HTTP replies 202 only after
 * it resolves); `Batcher` serves streams (syslog).
 *
 * @module
 */
import { event } from "../core/log.ts";
import { timeId } from "../core/kv_keys.ts";
import { enqueueBatches } from "./queue.ts";
import type { BatchMessage, LineRecord, Segment } from "../core/schemas.ts";
import { segmentsOf } from "./segments.ts";

/** Batch limits. */
export interface BatchLimits {
  /** Most lines per batch (default 200: keeps the handler's commit within KV limits). */
  maxLines: number;
  /** Most serialized bytes per batch (default 56 KiB, under the 64 KiB message limit). */
  maxBytes: number;
}

/** The limits {@link Batcher} uses unless given others. */
export const DEFAULT_LIMITS: BatchLimits = { maxLines: 200, maxBytes: 56 * 1024 };

/** Longest stored line; longer lines keep their head and tail and are flagged truncated. */
export const MAX_LINE_CHARS = 8192;

/** A line capped at {@link MAX_LINE_CHARS} (head 6 KiB + tail 2 KiB), or the line itself. */
export function capLine(line: string): string {
  return line.length <= MAX_LINE_CHARS ? line : line.slice(0, 6144) + " ... " + line.slice(-2000);
}

/** Serialised bytes of a line at most: V8 stores one or two bytes per UTF-16 unit. */
const lineBytes = (line: string) => 2 * line.length + 8;

/**
 * Splits segments into batch messages within `limits`, keeping order. A segment that does
 * not fit is split (file line numbers and flag indexes follow); over-long lines are capped.
 */
export function toBatches(
  segments: Segment[],
  limits: BatchLimits = DEFAULT_LIMITS,
): BatchMessage[] {
  const out: BatchMessage[] = [];
  let cur: Segment[] = [], lines = 0, bytes = 0;
  const close = () => {
    if (cur.length) out.push({ kind: "batch", id: timeId(), segments: cur });
    cur = [];
    lines = bytes = 0;
  };
  for (const seg of segments) {
    const overhead = 2 * JSON.stringify(seg.source).length + 96;
    const invalid = new Set(seg.invalidUtf8), cut = new Set(seg.truncated);
    let piece: Segment | undefined;
    for (let i = 0; i < seg.lines.length; i++) {
      const line = capLine(seg.lines[i]);
      const size = lineBytes(line) + (piece ? 0 : overhead);
      if (lines && (lines >= limits.maxLines || bytes + size > limits.maxBytes)) {
        close();
        piece = undefined;
      }
      if (!piece) {
        const { invalidUtf8: _i, truncated: _t, lines: _l, ...rest } = seg;
        piece = { ...rest, lines: [] };
        if (seg.source.lineNo !== undefined) {
          piece.source = { ...seg.source, lineNo: seg.source.lineNo + i };
        }
        cur.push(piece);
        bytes += overhead;
      }
      if (invalid.has(i)) (piece.invalidUtf8 ??= []).push(piece.lines.length);
      if (cut.has(i) || line !== seg.lines[i]) (piece.truncated ??= []).push(piece.lines.length);
      piece.lines.push(line);
      lines++;
      bytes += lineBytes(line);
    }
  }
  close();
  return out;
}

/** Batches per atomic commit (KV limits a commit's total size). */
const BATCHES_PER_COMMIT = 10;

/** Commits records as batches; resolves once all are durable in the queue. */
export function commitRecords(
  kv: Deno.Kv,
  records: LineRecord[],
  limits = DEFAULT_LIMITS,
): Promise<number> {
  return commitSegments(kv, segmentsOf(records), limits);
}

/** Commits segments as batches; resolves once all are durable in the queue. */
export async function commitSegments(
  kv: Deno.Kv,
  segments: Segment[],
  limits = DEFAULT_LIMITS,
): Promise<number> {
  const batches = toBatches(segments, limits);
  const commits = [];
  for (let i = 0; i < batches.length; i += BATCHES_PER_COMMIT) {
    commits.push(enqueueBatches(kv, batches.slice(i, i + BATCHES_PER_COMMIT)));
  }
  await Promise.all(commits);
  return batches.length;
}

/**
 * Buffers streamed segments and commits them when a batch fills or `maxWaitMs` after the
 * first buffered line. A failed commit keeps the segments and retries.
 */
export class Batcher {
  #kv: Deno.Kv;
  #buf: Segment[] = [];
  #pending = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #waitMs: number;
  #limits: BatchLimits;
  #flushing: Promise<void> = Promise.resolve();
  /** Called when a commit fails (the segments are kept for the next try). */
  onError: (e: unknown) => void = (e) => event("commit_error", { error: String(e) });

  /** `maxWaitMs`: longest a buffered line waits for its batch to fill. */
  constructor(kv: Deno.Kv, maxWaitMs = 100, limits: BatchLimits = DEFAULT_LIMITS) {
    this.#kv = kv;
    this.#waitMs = maxWaitMs;
    this.#limits = limits;
  }

  /** Lines buffered and not yet committed. */
  get pending(): number {
    return this.#pending;
  }

  /** Buffers a segment; commits full batches right away and the rest after the time window. */
  add(segment: Segment) {
    this.#buf.push(segment);
    this.#pending += segment.lines.length;
    if (this.#pending >= this.#limits.maxLines) void this.flush();
    else this.#timer ??= setTimeout(() => void this.flush(), this.#waitMs);
  }

  /** Commits everything buffered; resolves when it is durable. */
  flush(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#flushing = this.#flushing.then(async () => {
      const segments = this.#buf, lines = this.#pending;
      this.#buf = [];
      this.#pending = 0;
      if (!segments.length) return;
      try {
        await commitSegments(this.#kv, segments, this.#limits);
      } catch (e) {
        this.#buf = segments.concat(this.#buf);
        this.#pending += lines;
        this.onError(e);
        this.#timer ??= setTimeout(() => void this.flush(), 1000);
      }
    });
    return this.#flushing;
  }
}
