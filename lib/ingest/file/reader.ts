/**
 * Reads a followed file's new bytes into lines from its remembered offset, holding a partial last
 * line back until its newline arrives (or its file is rotated away or truncated).
 *
 * @module
 */
import { LineBuffer, type RawLine } from "../../formats/line_reader.ts";
import type { FilePosition } from "./position.ts";

/** One line of a followed file. */
export interface FollowLine extends RawLine {
  /** 1-based line number (see `follow` for files joined at their end). */
  lineNo: number;
}

/** One open file being followed (keyed by its identity, not its path). */
export interface Tracker {
  /** The file's identity (`idOf(dev, ino)`). */
  id: string;
  /** Device number. */
  dev: number;
  /** Inode number. */
  ino: number;
  /** Birth time (epoch ms), null where the file system has none. */
  birth: number | null;
  /** The path it was opened at (it may have been renamed since). */
  path: string;
  /** The open file. */
  file: Deno.FsFile;
  /** Next byte to read. */
  readOff: number;
  /** Start of the line being accumulated (= the committed offset). */
  lineOff: number;
  /** Lines completed before `lineOff`. */
  lineNo: number;
  /** Bytes of the line being accumulated. */
  buf: LineBuffer;
}

/** Where `t` stands, to commit with its lines. */
export const positionOf = (t: Tracker): FilePosition => ({
  path: t.path,
  dev: t.dev,
  ino: t.ino,
  ...(t.birth === null ? {} : { birthtimeMs: t.birth }),
  offset: t.lineOff,
  lineNo: t.lineNo,
});

/**
 * Reads the next bytes of a file into lines. `atEnd`: the read found no more bytes.
 * `progressed`: bytes were consumed (a long line may complete no line in a batch).
 */
export async function readSome(
  t: Tracker,
  chunk: Uint8Array,
  maxLines: number,
  maxBytes: number,
): Promise<{ lines: FollowLine[]; atEnd: boolean; progressed: boolean }> {
  const lines: FollowLine[] = [];
  let bytes = 0;
  while (lines.length < maxLines && bytes < maxBytes) {
    await t.file.seek(t.readOff, Deno.SeekMode.Start);
    const n = await t.file.read(chunk.subarray(0, Math.min(chunk.length, maxBytes - bytes)));
    if (!n) return { lines, atEnd: true, progressed: bytes > 0 };
    const data = chunk.subarray(0, n);
    let start = 0;
    for (let i = data.indexOf(10); i !== -1; i = data.indexOf(10, start)) {
      t.buf.push(data.subarray(start, i));
      start = i + 1;
      t.lineOff = t.readOff + start;
      lines.push({ lineNo: ++t.lineNo, ...t.buf.take() });
      if (lines.length >= maxLines) break;
    }
    if (lines.length < maxLines && start < n) {
      t.buf.push(data.subarray(start));
      start = n;
    }
    t.readOff += start;
    bytes += start;
  }
  return { lines, atEnd: false, progressed: true };
}

/** The pending partial line, emitted because its file was rotated away or truncated. */
export function flushPartial(t: Tracker, lines: FollowLine[]) {
  if (!t.buf.empty) lines.push({ lineNo: ++t.lineNo, ...t.buf.take() });
  t.lineOff = t.readOff;
}
