/**
 * Web Worker hosting one {@link Classifier} (single-threaded WASM) for lib/classify/pool.ts. It
 * answers `{ id, lines }` messages with `{ id, predictions }`, posts `{ ready: true }` once
 * loaded, and `{ stopped: true }` on "stop" once every call it holds is answered.
 *
 * @module
 */
/// <reference lib="deno.worker" />
import { Classifier, type ClassifierOptions } from "../lib/classify/classifier.ts";

const opts: ClassifierOptions = JSON.parse(
  new URL(import.meta.url).searchParams.get("opts") ?? "{}",
);
const classifier = await Classifier.load(undefined, opts);
const running = new Set<Promise<void>>();
globalThis.onmessage = async (e: MessageEvent<{ id: number; lines: string[] } | "stop">) => {
  if (e.data === "stop") {
    await Promise.all(running);
    return globalThis.postMessage({ stopped: true });
  }
  const { id, lines } = e.data;
  const call = classifier.classify(lines).then(
    (predictions) => globalThis.postMessage({ id, predictions }),
    (err) => globalThis.postMessage({ id, error: (err as Error).stack ?? String(err) }),
  ).finally(() => running.delete(call));
  running.add(call);
  await call;
};
globalThis.postMessage({ ready: true });
