/**
 * Runs the queue handler on a KV handle: validates each message, classifies it, tracks in-flight
 * work so shutdown can wait for it. The same function runs inside a Web Worker
 * (workers/classify.ts) or in-process (`--no-workers`, edge-style).
 *
 * @module
 */
import { event } from "../core/log.ts";
import { type ClassifyFn, handleBatch, type HandlerOptions } from "./handler.ts";
import { BatchMessageSchema } from "../core/schemas.ts";

/** A running consumer. */
export interface Consumer {
  /** Batches handled (including duplicates skipped). */
  handled(): number;
  /** Waits for in-flight batches; call before closing the KV handle. */
  drain(): Promise<void>;
}

/**
 * Starts listening to the queue. A message that fails validation is logged and dropped
 * (retrying cannot fix it); a handler error is thrown so KV redelivers the batch.
 * @example const c = consumeQueue(kv, (lines) => classifier.classify(lines), { retentionMs, contextLines: 3 });
 */
export function consumeQueue(kv: Deno.Kv, classify: ClassifyFn, opts: HandlerOptions): Consumer {
  const inflight = new Set<Promise<unknown>>();
  let handled = 0;
  void kv.listenQueue(async (raw) => {
    const msg = BatchMessageSchema.safeParse(raw);
    if (!msg.success) {
      event("queue_invalid_message", { error: msg.error.issues[0]?.message });
      return;
    }
    const p = handleBatch(kv, classify, msg.data, opts);
    inflight.add(p);
    try {
      await p;
      handled++;
    } finally {
      inflight.delete(p);
    }
  });
  return {
    handled: () => handled,
    async drain() {
      while (inflight.size) await Promise.allSettled([...inflight]);
    },
  };
}
