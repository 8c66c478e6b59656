/**
 * @module Segments: the compact form lines take in the queue. Ingest groups lines that share
 * a source into one segment (cheap to build and to serialise); the consumer expands a batch
 * back into one record per line and parses syslog headers there, off the receive path.
 */
import type { BatchMessage, LineRecord, Segment, Source } from "./schemas.ts";
import { parseSyslog } from "./syslog.ts";

/** The record of line `i` of `seg` (its syslog header parsed when the segment is syslog). */
function expand(seg: Segment, i: number, flagged: { invalid: Set<number>; cut: Set<number> }) {
  let line = seg.lines[i];
  const source: Source = { ...seg.source };
  if (source.lineNo !== undefined) source.lineNo += i;
  if (seg.syslog) {
    const rec = parseSyslog(line);
    line = rec.line;
    if (rec.host) source.host = rec.host;
    if (rec.app) source.app = rec.app;
    if (rec.parseError) source.parseError = rec.parseError;
  }
  if (flagged.invalid.has(i)) source.invalidUtf8 = true;
  if (flagged.cut.has(i)) source.truncated = true;
  return { line, source, receivedAt: seg.receivedAt };
}

/** One record per line of a batch, in order. */
export function batchRecords(msg: BatchMessage): LineRecord[] {
  const out: LineRecord[] = [];
  for (const seg of msg.segments) {
    const flagged = { invalid: new Set(seg.invalidUtf8), cut: new Set(seg.truncated) };
    for (let i = 0; i < seg.lines.length; i++) out.push(expand(seg, i, flagged));
  }
  return out;
}

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
