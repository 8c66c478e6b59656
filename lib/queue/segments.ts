/**
 * Segments: the compact form lines take in the queue. Ingest groups lines that share a source into
 * one segment (cheap to build and to serialise); the consumer expands a batch back into one record
 * per line (lib/classify/expand.ts), off the receive path.
 *
 * @module
 */
import type { BatchMessage, LineRecord, Segment, Source } from "../core/schemas.ts";

/** Lines in a batch. */
export function batchLines(msg: BatchMessage): number {
  let n = 0;
  for (const seg of msg.segments) n += seg.lines.length;
  return n;
}

function sameSource(a: Source, b: Source): boolean {
  return a.transport === b.transport && a.peer === b.peer && a.host === b.host &&
    a.app === b.app && a.name === b.name && a.path === b.path && a.parseError === b.parseError;
}

/**
 * Groups records into segments: consecutive records with the same source (and, for files,
 * consecutive line numbers) and the same receive time share one.
 */
export function segmentsOf(records: LineRecord[]): Segment[] {
  const out: Segment[] = [];
  let cur: Segment | undefined;
  for (const r of records) {
    const { invalidUtf8, truncated, lineNo, ...shared } = r.source;
    const next = cur && cur.receivedAt === r.receivedAt && sameSource(cur.source, shared) &&
      (lineNo === undefined
        ? cur.source.lineNo === undefined
        : cur.source.lineNo !== undefined && cur.source.lineNo + cur.lines.length === lineNo);
    if (!next) {
      cur = {
        source: lineNo === undefined ? shared : { ...shared, lineNo },
        receivedAt: r.receivedAt,
        lines: [],
      };
      out.push(cur);
    }
    const seg = cur!;
    if (invalidUtf8) (seg.invalidUtf8 ??= []).push(seg.lines.length);
    if (truncated) (seg.truncated ??= []).push(seg.lines.length);
    seg.lines.push(r.line);
  }
  return out;
}
