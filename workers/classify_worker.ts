/**
 * Web Worker hosting one {@link Classifier} (single-threaded WASM) for lib/classify/pool.ts. It
 * answers `{ id, lines }` messages with `{ id, predictions }`, posts `{ ready: true }` once
 * loaded, and `{ stopped: true }` on "stop" (calls run in order, so earlier ones are answered).
 *
 * @module
 */
/// <reference lib="deno.worker" />
import { Classifier, type ClassifierOptions } from "../lib/classify/classifier.ts";

const opts: ClassifierOptions = JSON.parse(
  new URL(import.meta.url).searchParams.get("opts") ?? "{}",
);
const classifier = await Classifier.load(undefined, opts);
globalThis.onmessage = async (e: MessageEvent<{ id: number; lines: string[] } | "stop">) => {
  if (e.data === "stop") return globalThis.postMessage({ stopped: true });
  try {
    globalThis.postMessage({ id: e.data.id, predictions: await classifier.classify(e.data.lines) });
  } catch (err) {
    globalThis.postMessage({ id: e.data.id, error: (err as Error).stack ?? String(err) });
  }
};
globalThis.postMessage({ ready: true });
