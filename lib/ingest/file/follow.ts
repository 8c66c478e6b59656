/**
 * Follows log files and directories like `tail -F` for `insyt --watch`: reads only new bytes from
 * a remembered offset, survives rotation by rename and copytruncate, picks up files created later
 * in a watched directory, and resumes after a restart from the position the caller committed
 * together with the lines (no line lost, none repeated).
 *
 * @module
 */
import { LineBuffer } from "../../formats/line_reader.ts";
import { defaultInclude, listTargets, type PathReport } from "./paths.ts";
import { type FilePosition, idOf, otherBirth, samePosition } from "./position.ts";
import { flushPartial, type FollowLine, positionOf, readSome, type Tracker } from "./reader.ts";

/** Lines read from one file, and the position to commit together with them. */
export interface FollowBatch {
  /** The file's current path (a file renamed inside a watched directory changes path). */
  path: string;
  /**
   * Lines completed since the last batch of this file, in order. May be empty: the batch
   * then only moves the stored position (new file, rotation, truncation, rename) and must
   * be committed all the same.
   */
  lines: FollowLine[];
  /** Where the next batch starts; commit it together with the lines, under `position.path`. */
  position: FilePosition;
}

/** Options of {@link follow}. */
export interface FollowOptions {
  /** How often to look for new bytes, new files and rotations, in ms. Default 250. */
  pollMs?: number;
  /** Read files present at the first scan without a stored position from offset 0 instead of their end. */
  fromStart?: boolean;
  /** Most lines in one batch. Default 1000. */
  maxBatchLines?: number;
  /** Most bytes read for one batch. Default 256 KiB. */
  maxBatchBytes?: number;
  /** The stored position of a path (from the last run), or null. Called once per path and run. */
  loadPosition(path: string): Promise<FilePosition | null>;
  /** Told once per path about a problem (permission denied, I/O error); the path is retried. */
  onError?(path: string, err: unknown): void;
  /** Which regular files of a watched directory to follow. Default {@link defaultInclude}. */
  include?(path: string): boolean;
  /** Ends the generator. */
  signal?: AbortSignal;
}

/** Default poll interval, in ms. */
export const DEFAULT_POLL_MS = 250;
/** Default most lines per batch. */
export const DEFAULT_BATCH_LINES = 1000;
/** Default most bytes read per batch. */
export const DEFAULT_BATCH_BYTES = 256 * 1024;

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done);
  });
}

/**
 * Follows files and directories with `tail -F` semantics, yielding batches of new lines.
 *
 * - Reading: polling every `pollMs`; only bytes past the remembered offset are read. A
 *   partial last line is held back until its newline arrives. Lines are split by
 *   `line_reader.ts`'s rules (LF or CRLF, invalid UTF-8 flagged, over-long lines bounded).
 * - Identity: files are tracked by (dev, ino). When the file at a target path changes
 *   identity (rotation by rename) or disappears, the old file is read through its open
 *   handle to its end, its partial last line is emitted, and then the new file is read
 *   from offset 0. When a file shrinks below the offset (copytruncate), the partial line is
 *   emitted and reading restarts at 0 (line numbers restart at 1).
 * - Directories: their regular files (see `include`) are followed, also files created
 *   later (from 0). A file renamed inside the directory keeps being followed under its new
 *   path, from where it was (no re-read).
 * - Start: a file with a stored position of the same identity resumes there (offset 0 if
 *   the file is now smaller); a stored position of another identity at any watched path is
 *   matched too (a file renamed while we were down). A path whose stored position names
 *   another file starts at 0 (rotated while down). A file found at the first scan without
 *   any stored position starts at its end (unless `fromStart`): its `lineNo`s then count
 *   from that point, since the skipped lines are not read. Files appearing later start at 0.
 * - Backpressure: nothing is read while the consumer holds a batch. Commit `lines` and
 *   `position` together, then ask for the next batch; positions of batches never asked for
 *   are simply read again after a restart.
 * - Errors: a missing path is waited for; other per-path errors go to `onError` once and
 *   the path is retried at each poll. The generator does not throw for per-file problems.
 *
 * @example
 * for await (const b of follow(["/var/log/auth.log", "/var/log/nginx/"], { loadPosition })) {
 *   await store.commit(b.lines, b.position);
 * }
 */
export async function* follow(
  targets: string[],
  opts: FollowOptions,
): AsyncGenerator<FollowBatch> {
  const pollMs = Math.max(1, opts.pollMs ?? DEFAULT_POLL_MS);
  const maxLines = Math.max(1, opts.maxBatchLines ?? DEFAULT_BATCH_LINES);
  const maxBytes = Math.max(1, opts.maxBatchBytes ?? DEFAULT_BATCH_BYTES);
  const include = opts.include ?? defaultInclude;
  const signal = opts.signal;
  const chunk = new Uint8Array(Math.min(64 * 1024, maxBytes));

  /** Open files by identity. */
  const trackers = new Map<string, Tracker>();
  /** Files being finished after rotation: read to end, then closed. */
  const detached: Tracker[] = [];
  /** Stored positions already asked for, by path. */
  const loaded = new Map<string, FilePosition | null>();
  /** What the caller holds per path: loaded, or the last position yielded. */
  const committed = new Map<string, FilePosition | null>();
  /** Start positions by identity: loaded from the store, pinned at first sight, or left by a closed file. */
  const known = new Map<string, FilePosition>();
  /** Paths whose error was already reported. */
  const reported = new Set<string>();
  let firstScan = true;

  const report = (path: string, err: unknown) => {
    if (reported.has(path)) return;
    reported.add(path);
    try {
      opts.onError?.(path, err);
    } catch { /* a failing callback must not stop following */ }
  };
  const paths: PathReport = { ok: (path) => void reported.delete(path), fail: report };

  const batchOf = (t: Tracker, lines: FollowLine[]): FollowBatch => {
    const position = positionOf(t);
    committed.set(t.path, position);
    return { path: t.path, lines, position };
  };

  /** Looks at every target: new files, renamed files, rotated or vanished files. */
  async function scan() {
    const entries = await listTargets(targets, include, paths);
    for (const e of entries) {
      if (loaded.has(e.path)) continue;
      let pos: FilePosition | null = null;
      try {
        pos = await opts.loadPosition(e.path);
      } catch (err) {
        report(e.path, err);
        continue;
      }
      loaded.set(e.path, pos);
      if (!committed.has(e.path)) committed.set(e.path, pos);
      if (pos) {
        const id = idOf(pos.dev, pos.ino);
        if (!known.has(id)) known.set(id, pos);
      }
    }
    const seen = new Set<string>();
    for (const e of entries) {
      const id = idOf(e.dev, e.ino);
      if (seen.has(id) || !loaded.has(e.path)) continue;
      seen.add(id);
      const t = trackers.get(id);
      if (t) {
        t.path = e.path;
        continue;
      }
      let start = known.get(id);
      if (start && otherBirth(start, e.birth)) start = undefined;
      if (!start) {
        const atEnd = firstScan && !opts.fromStart && loaded.get(e.path) === null;
        start = {
          path: e.path,
          dev: e.dev,
          ino: e.ino,
          ...(e.birth === null ? {} : { birthtimeMs: e.birth }),
          offset: atEnd ? e.size : 0,
          lineNo: 0,
        };
        known.set(id, start);
      }
      let file: Deno.FsFile;
      try {
        file = await Deno.open(e.path, { read: true });
      } catch (err) {
        if (!(err instanceof Deno.errors.NotFound)) report(e.path, err);
        continue;
      }
      try {
        const info = await file.stat();
        if (idOf(info.dev ?? 0, info.ino ?? 0) !== id) {
          file.close(); // replaced between stat and open: next scan
          seen.delete(id);
          continue;
        }
        const truncated = info.size < start.offset;
        const offset = truncated ? 0 : start.offset;
        const lineNo = truncated ? 0 : start.lineNo;
        trackers.set(id, {
          id,
          dev: e.dev,
          ino: e.ino,
          birth: e.birth,
          path: e.path,
          file,
          readOff: offset,
          lineOff: offset,
          lineNo,
          buf: new LineBuffer(),
        });
        known.delete(id);
        reported.delete(e.path);
      } catch (err) {
        file.close();
        report(e.path, err);
      }
    }
    for (const [id, t] of trackers) {
      if (seen.has(id)) continue;
      trackers.delete(id);
      detached.push(t);
    }
    firstScan = false;
  }

  /** Stops following a file, remembering where it stood should it come back. */
  function retire(t: Tracker) {
    trackers.delete(t.id);
    try {
      t.file.close();
    } catch { /* already closed */ }
    known.set(t.id, positionOf(t));
  }

  /** One batch of a followed file, or null; `busy` when more bytes are waiting. */
  async function step(t: Tracker): Promise<{ batch: FollowBatch | null; busy: boolean }> {
    const { lines, atEnd, progressed } = await readSome(t, chunk, maxLines, maxBytes);
    if (atEnd && !lines.length) {
      const info = await t.file.stat();
      if (info.size < t.readOff) {
        flushPartial(t, lines);
        t.readOff = t.lineOff = t.lineNo = 0;
        t.buf = new LineBuffer();
        return { batch: batchOf(t, lines), busy: true };
      }
    }
    if (lines.length || !samePosition(committed.get(t.path), positionOf(t))) {
      return { batch: batchOf(t, lines), busy: !atEnd };
    }
    return { batch: null, busy: progressed && !atEnd };
  }

  /** One batch of a rotated-away file; closes it once it is read to its end. */
  async function drain(t: Tracker): Promise<FollowBatch | null> {
    let lines: FollowLine[] = [];
    let atEnd = true;
    try {
      ({ lines, atEnd } = await readSome(t, chunk, maxLines, maxBytes));
      if (atEnd) flushPartial(t, lines);
    } catch (err) {
      report(t.path, err);
    }
    if (atEnd) {
      retire(t);
      detached.splice(detached.indexOf(t), 1);
    }
    return lines.length ? batchOf(t, lines) : null;
  }

  let lastScan = -Infinity;
  try {
    while (!signal?.aborted) {
      if (Date.now() - lastScan >= pollMs) {
        lastScan = Date.now();
        await scan();
      }
      while (detached.length) {
        const batch = await drain(detached[0]);
        if (signal?.aborted) return;
        if (batch) yield batch;
      }
      let busy = false;
      for (const t of [...trackers.values()]) {
        if (trackers.get(t.id) !== t) continue;
        let r: { batch: FollowBatch | null; busy: boolean };
        try {
          r = await step(t);
        } catch (err) {
          report(t.path, err);
          retire(t); // reopened and resumed at the next scan
          continue;
        }
        if (r.busy) busy = true;
        if (signal?.aborted) return;
        if (r.batch) yield r.batch;
      }
      if (!busy) await sleep(Math.max(0, lastScan + pollMs - Date.now()), signal);
    }
  } finally {
    for (const t of [...trackers.values(), ...detached]) {
      try {
        t.file.close();
      } catch { /* already closed */ }
    }
    trackers.clear();
    detached.length = 0;
  }
}
