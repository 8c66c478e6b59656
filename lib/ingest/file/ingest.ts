/**
 * Watched files into the queue: each batch of new lines is committed together with the file's new
 * read position (one atomic commit), so a restart neither loses nor repeats lines. Pauses (stops
 * pulling) while ingest must push back.
 *
 * @module
 */
import { event } from "../../core/log.ts";
import { toBatches } from "../../queue/batcher.ts";
import { follow } from "./follow.ts";
import type { FilePosition } from "./position.ts";
import { K } from "../../core/kv_keys.ts";
import { enqueueBatches } from "../../queue/queue.ts";
import type { LineRecord } from "../../core/schemas.ts";
import { segmentsOf } from "../../queue/segments.ts";

/** Options for {@link watchFiles}. */
export interface WatchOptions {
  /** Read files without a stored position from their start instead of their end. */
  fromStart: boolean;
  /** Stops following. */
  signal: AbortSignal;
  /** While it returns true, no further batch is read. */
  paused(): boolean;
  /** How often files are polled (ms, default 250). */
  pollMs?: number;
}

/**
 * Follows `targets` until `signal` aborts.
 * @example await watchFiles(kv, ["/var/log/auth.log"], { fromStart: false, signal, paused: () => false });
 */
export async function watchFiles(kv: Deno.Kv, targets: string[], o: WatchOptions): Promise<void> {
  const batches = follow(targets, {
    fromStart: o.fromStart,
    signal: o.signal,
    pollMs: o.pollMs,
    maxBatchBytes: 200 * 1024,
    loadPosition: async (path) => (await kv.get<FilePosition>(K.filePosition(path))).value,
    onError: (path, err) =>
      event("watch_error", { path, error: (err as Error).message ?? String(err) }),
  });
  for await (const b of batches) {
    const receivedAt = Date.now();
    const records: LineRecord[] = b.lines.map((l) => ({
      line: l.text,
      receivedAt,
      source: {
        transport: "file",
        path: b.path,
        lineNo: l.lineNo,
        ...(l.invalidUtf8 ? { invalidUtf8: true } : {}),
        ...(l.truncated ? { truncated: true } : {}),
      },
    }));
    for (;;) {
      try {
        await enqueueBatches(
          kv,
          toBatches(segmentsOf(records)),
          (op) => op.set(K.filePosition(b.position.path), b.position),
        );
        break;
      } catch (e) {
        if (o.signal.aborted) return;
        event("watch_error", {
          path: b.path,
          error: `commit failed, retrying: ${(e as Error).message}`,
        });
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
    while (o.paused() && !o.signal.aborted) await new Promise((r) => setTimeout(r, 100));
  }
}
