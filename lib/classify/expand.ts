/**
 * Expands a queued batch back into one record per line, parsing syslog headers here, in the
 * consumer, off the receive path.
 *
 * @module
 */
import type { BatchMessage, LineRecord, Segment, Source } from "../core/schemas.ts";
import { parseSyslog } from "../formats/syslog.ts";

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
