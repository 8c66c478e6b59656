/**
 * Raw syslog datagrams or TCP frames from one peer as a segment of lines (headers are parsed
 * later, by the queue consumer).
 *
 * @module
 */
import type { Segment } from "../../core/schemas.ts";

const lenient = new TextDecoder();
const strict = new TextDecoder("utf-8", { fatal: true });

/**
 * Datagrams or frames from one peer as a segment of raw syslog lines (headers are parsed by
 * the queue consumer). Invalid UTF-8 is decoded with U+FFFD and flagged, never dropped.
 */
export function syslogSegment(
  frames: Uint8Array[],
  transport: "udp" | "tcp",
  peer: string,
  receivedAt: number,
): Segment {
  const seg: Segment = { source: { transport, peer }, receivedAt, syslog: true, lines: [] };
  for (const f of frames) {
    try {
      seg.lines.push(strict.decode(f));
    } catch {
      (seg.invalidUtf8 ??= []).push(seg.lines.length);
      seg.lines.push(lenient.decode(f));
    }
  }
  return seg;
}
