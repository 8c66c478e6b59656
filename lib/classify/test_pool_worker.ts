/**
 * A stand-in for workers/classify_worker.ts in pool tests, with the same messages: its "model"
 * answers each row's logits as [row length, first id, 0, ...]. `mode` in its URL picks how it
 * misbehaves: `fail-load` throws while loading, `crash-idle` throws 100 ms after it is ready,
 * `crash-on-call` throws instead of answering, `one-ready` lets only the worker that creates the
 * file `lock` get ready (the others load forever), `crash-then-unloadable` crashes idle when it
 * creates the file `lock` and fails to load when the file exists, `crash-once-on-call` crashes on
 * its first call when it creates the file `lock` (every other worker answers).
 *
 * @module
 */
/// <reference lib="deno.worker" />
import type { IdBatch } from "./runs.ts";
import { LABELS } from "../core/taxonomy.ts";

const params = new URL(import.meta.url).searchParams;
const mode = params.get("mode");
if (mode === "fail-load") throw new Error("model file unreadable");
if (mode === "crash-then-unloadable") {
  try {
    Deno.openSync(params.get("lock")!, { createNew: true, write: true }).close();
  } catch {
    throw new Error("model file unreadable");
  }
}
let crashOnCall = mode === "crash-on-call";
if (mode === "crash-once-on-call") {
  try {
    Deno.openSync(params.get("lock")!, { createNew: true, write: true }).close();
    crashOnCall = true;
  } catch {
    // another worker crashes
  }
}
if (mode === "one-ready") {
  try {
    Deno.openSync(params.get("lock")!, { createNew: true, write: true }).close();
  } catch {
    await new Promise(() => {}); // never ready
  }
}
globalThis.onmessage = (e: MessageEvent<{ id: number; batch: IdBatch } | "stop">) => {
  if (e.data === "stop") return globalThis.postMessage({ stopped: true });
  if (crashOnCall) throw new Error("wasm abort");
  const { id, batch } = e.data;
  const logits = new Float32Array(batch.lengths.length * LABELS.length);
  batch.lengths.forEach((n, r) => {
    logits[r * LABELS.length] = n;
    logits[r * LABELS.length + 1] = batch.ids[r * batch.width];
  });
  globalThis.postMessage({ id, logits }, [logits.buffer]);
};
globalThis.postMessage({ ready: true });
if (mode === "crash-idle" || mode === "crash-then-unloadable") {
  setTimeout(() => {
    throw new Error("worker crashed idle");
  }, 100);
}
