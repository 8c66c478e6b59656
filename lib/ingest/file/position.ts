/**
 * A followed file's identity and read position: (dev, ino) plus, where the system tells it, the
 * birth time, so a reused inode is not taken for the file it replaced.
 *
 * @module
 */

/** Where reading of one file stands: the caller stores it, keyed by `path`. */
export interface FilePosition {
  /** The path the file had when this position was made. */
  path: string;
  /** Device of the file (`Deno.FileInfo.dev`): with `ino`, the file's identity. */
  dev: number;
  /** Inode of the file (`Deno.FileInfo.ino`). */
  ino: number;
  /**
   * Creation time of the file in ms, where the system tells it. Optional; when both sides
   * have one, it must match too, so a deleted file's inode reused by a new file is not
   * mistaken for it.
   */
  birthtimeMs?: number;
  /** Byte offset where the next line starts (a held-back partial line starts here). */
  offset: number;
  /** Number of lines before `offset` (the next line is `lineNo + 1`). See `follow`. */
  lineNo: number;
}

/** The identity key of a file. */
export const idOf = (dev: number, ino: number): string => `${dev}:${ino}`;

/** A position made for another file that had the same (dev, ino) before (inode reuse). */
export const otherBirth = (pos: FilePosition, birth: number | null): boolean =>
  pos.birthtimeMs !== undefined && birth !== null && pos.birthtimeMs !== birth;

/** True when two positions say the same thing. */
export function samePosition(a: FilePosition | null | undefined, b: FilePosition): boolean {
  return !!a && a.path === b.path && a.dev === b.dev && a.ino === b.ino &&
    a.offset === b.offset && a.lineNo === b.lineNo;
}
