/**
 * Web Worker: opens the same KV store as the main thread, loads the classifier (sharing its
 * verdicts with the other classify workers over a BroadcastChannel) and consumes the
 * queue (lib/consumer.ts). Messages: posts `{ ready: true }` once listening; on `"stop"` finishes
 * in-flight batches, closes KV and posts `{ stopped: true }`.
 *
 * @module
 */
/// <reference lib="deno.worker" />
import { event } from "../lib/core/log.ts";
import { setPriority } from "node:os";
import { Classifier, type Learnt } from "../lib/classify/classifier.ts";
import { consumeQueue } from "../lib/classify/consumer.ts";
import { DEFAULT_WINDOW_MS, incidentExtension } from "../lib/incidents/extension.ts";
import { incidentShortcut } from "../lib/incidents/shortcut.ts";

const params = new URL(import.meta.url).searchParams;
// Lower this thread's CPU priority (Linux applies it per thread): receiving syslog must win
// the CPU over classification, whose lag the durable queue absorbs.
try {
  setPriority(0, Number(params.get("nice") ?? 0));
} catch (e) {
  event("worker_priority", { error: (e as Error).message });
}
const kv = await Deno.openKv(params.get("kv")!);
// The classify workers of one service share their verdicts: a text one worker's model judged is
// not judged again by another, and templates settle on the verdicts of all of them.
const verdicts = new BroadcastChannel(`insyt-verdicts:${params.get("kv")}`);
const classifier = await Classifier.load(undefined, {
  settleAfter: Number(params.get("settleAfter") ?? 0),
  onLearn: (learnt) => verdicts.postMessage(learnt),
});
verdicts.onmessage = (e: MessageEvent<Learnt[]>) => classifier.absorb(e.data);
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
    verdicts.close();
    kv.close();
    globalThis.postMessage({ stopped: true });
  } else if (e.data === "status") {
    globalThis.postMessage({ status: { handled: consumer.handled() } });
  }
};
globalThis.postMessage({ ready: true });
