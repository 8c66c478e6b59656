/**
 * Path discovery for `--watch`: the files a target names now (a file, or the regular files of a
 * directory, compressed archives left out).
 *
 * @module
 */

const COMPRESSED = /\.(gz|tgz|bz2|xz|zst|lz4|lzma|lz|z|zip|7z)$/i;

/**
 * Default directory filter: every regular file except compressed archives (`.gz`, `.xz`,
 * `.zst`, ...), which logrotate writes beside the live log and which are not text lines.
 */
export function defaultInclude(path: string): boolean {
  return !COMPRESSED.test(path);
}

/** A file found at a watched path. */
export interface Entry {
  /** The path it was found at. */
  path: string;
  /** Device number (with `ino`, the file's identity). */
  dev: number;
  /** Inode number. */
  ino: number;
  /** Birth time (epoch ms), null where the file system has none. */
  birth: number | null;
  /** Size in bytes. */
  size: number;
}

/** Where per-path outcomes go: `ok` clears a reported error, `fail` reports one. */
export interface PathReport {
  /** `path` was read fine. */
  ok(path: string): void;
  /** `path` failed with `err` (permission denied, I/O error; a missing file is no failure). */
  fail(path: string, err: unknown): void;
}

/** The file info of `path`, or null when it is missing or unreadable (reported). */
export async function statOrNull(
  path: string,
  seen: PathReport,
): Promise<Deno.FileInfo | null> {
  try {
    const info = await Deno.stat(path);
    seen.ok(path);
    return info;
  } catch (err) {
    if (!(err instanceof Deno.errors.NotFound)) seen.fail(path, err);
    return null;
  }
}

/** Every followed file now: the file targets, and the included files of directory targets. */
export async function listTargets(
  targets: string[],
  include: (path: string) => boolean,
  seen: PathReport,
): Promise<Entry[]> {
  const out: Entry[] = [];
  const add = (path: string, info: Deno.FileInfo) =>
    out.push({
      path,
      dev: info.dev ?? 0,
      ino: info.ino ?? 0,
      birth: info.birthtime?.getTime() ?? null,
      size: info.size,
    });
  for (const target of targets) {
    const info = await statOrNull(target, seen);
    if (!info) continue;
    if (info.isFile) {
      add(target, info);
    } else if (info.isDirectory) {
      const names: string[] = [];
      try {
        for await (const e of Deno.readDir(target)) {
          if (e.isFile || e.isSymlink) names.push(e.name);
        }
      } catch (err) {
        if (!(err instanceof Deno.errors.NotFound)) seen.fail(target, err);
        continue;
      }
      names.sort();
      const dir = target.endsWith("/") ? target : target + "/";
      for (const name of names) {
        const path = dir + name;
        if (!include(path)) continue;
        const s = await statOrNull(path, seen);
        if (s?.isFile) add(path, s);
      }
    }
  }
  return out;
}
