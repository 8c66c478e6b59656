/**
 * @module Web Worker hosting one {@link Classifier} (single-threaded WASM). It answers
 * `{ id, lines }` messages with `{ id, predictions }`; posts `{ ready: true }` once loaded.
 */
/// <reference lib="deno.worker" />
import { Classifier, type ClassifierOptions } from "../lib/classifier.ts";

const opts: ClassifierOptions = JSON.parse(
  new URL(import.meta.url).searchParams.get("opts") ?? "{}",
);
const classifier = await Classifier.load(undefined, opts);
self.onmessage = async (e: MessageEvent<{ id: number; lines: string[] }>) => {
  try {
    self.postMessage({ id: e.data.id, predictions: await classifier.classify(e.data.lines) });
  } catch (err) {
    self.postMessage({ id: e.data.id, error: String(err) });
  }
};
self.postMessage({ ready: true });
