/**
 * Web Worker: the service's queue worker. Opens the same KV store as the main thread and
 * consumes the queue (lib/consumer.ts) with one classifier that masks, caches and tokenises here
 * while a pool of model workers (workers/classify_worker.ts, `modelWorkers` of them) runs the
 * model: WASM runs never block this thread's KV reads and commits, and one cache and one set of
 * settled templates see every line. Messages: posts `{ ready: true }` once listening, `{ failed }`
 * when the model worker pool gives up (a model worker cannot load, or they crash again and
 * again); on `"stop"` finishes in-flight batches, stops the model workers, closes KV and posts
 * `{ stopped: true }`.
 *
 * @module
 */
/// <reference lib="deno.worker" />
import { event } from "../lib/core/log.ts";
import { setPriority } from "node:os";
import { Classifier, DEFAULT_MODEL_DIR } from "../lib/classify/classifier.ts";
import { ClassifyPool } from "../lib/classify/pool.ts";
import { consumeQueue } from "../lib/classify/consumer.ts";
import { DEFAULT_WINDOW_MS, incidentExtension } from "../lib/incidents/extension.ts";
import { incidentShortcut } from "../lib/incidents/shortcut.ts";

const params = new URL(import.meta.url).searchParams;
const nice = Number(params.get("nice") ?? 0);
// Lower this thread's CPU priority (Linux applies it per thread; the model workers lower
// theirs): receiving syslog must win the CPU over classification, whose lag the durable queue
// absorbs.
try {
  setPriority(0, nice);
} catch (e) {
  event("worker_priority", { error: (e as Error).message });
}
const modelWorkers = Number(params.get("modelWorkers") ?? 1);
const pool = await ClassifyPool.create(
  modelWorkers,
  new URL("./classify_worker.ts", import.meta.url),
  DEFAULT_MODEL_DIR,
  { nice },
);
pool.failed().catch((e: Error) => globalThis.postMessage({ failed: e.message }));
const kv = await Deno.openKv(params.get("kv")!);
const classifier = await Classifier.load(undefined, {
  model: pool.logits,
  // Two runs in flight per model worker: one runs while the next is prepared.
  parallel: 2 * modelWorkers,
  settleAfter: Number(params.get("settleAfter") ?? 0),
});
const retentionMs = Number(params.get("retentionMs"));
const windowMs = Number(params.get("incidentWindowMs") ?? DEFAULT_WINDOW_MS);
const sampleEvery = Number(params.get("stormSampleEvery") ?? 0);
const consumer = consumeQueue(kv, (lines) => classifier.classify(lines), {
  retentionMs,
  contextLines: Number(params.get("contextLines")),
  extend: incidentExtension(kv, { windowMs, retentionMs }),
  ...(sampleEvery ? { shortcut: incidentShortcut(kv, { windowMs, sampleEvery }) } : {}),
});
globalThis.onmessage = async (e) => {
  if (e.data === "stop") {
    await consumer.drain();
    await pool.close();
    kv.close();
    globalThis.postMessage({ stopped: true });
  } else if (e.data === "status") {
    globalThis.postMessage({ status: { handled: consumer.handled() } });
  }
};
globalThis.postMessage({ ready: true });
