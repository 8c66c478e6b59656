/**
 * @module Web Worker: opens the same KV store as the main thread, loads the classifier and
 * consumes the queue (lib/consumer.ts). Messages: posts `{ ready: true }` once listening;
 * on `"stop"` finishes in-flight batches, closes KV and posts `{ stopped: true }`.
 */
/// <reference lib="deno.worker" />
import { Classifier } from "../lib/classifier.ts";
import { consumeQueue } from "../lib/consumer.ts";

const params = new URL(import.meta.url).searchParams;
const kv = await Deno.openKv(params.get("kv")!);
const classifier = await Classifier.load();
const consumer = consumeQueue(kv, (lines) => classifier.classify(lines), {
  retentionMs: Number(params.get("retentionMs")),
  contextLines: Number(params.get("contextLines")),
});
globalThis.onmessage = async (e) => {
  if (e.data === "stop") {
    await consumer.drain();
    kv.close();
    globalThis.postMessage({ stopped: true });
  } else if (e.data === "status") {
    globalThis.postMessage({ status: { handled: consumer.handled() } });
  }
};
globalThis.postMessage({ ready: true });
