/**
 * Web Worker hosting one ONNX session (lib/classify/model.ts, single-threaded WASM) for
 * lib/classify/pool.ts; the calling thread tokenises, so this isolate never loads transformers.js.
 * It answers `{ id, batch }` messages with `{ id, logits }` (the buffer transferred), posts
 * `{ ready: true }` once loaded, and `{ stopped: true }` on "stop" once every call it holds is
 * answered. Parameters: `dir` (the model directory URL) and `opts` (JSON: quantized, threads,
 * nice).
 *
 * @module
 */
/// <reference lib="deno.worker" />
import type { IdBatch } from "../lib/classify/runs.ts";
import { loadModel } from "../lib/classify/model.ts";
import { setPriority } from "node:os";
import { event } from "../lib/core/log.ts";

/** Reports a failure as one message (lib/core/worker.ts), not an uncaught stack on stderr. */
function fail(e: unknown) {
  globalThis.postMessage({
    failed: `classify worker: ${e instanceof Error ? `${e.name}: ${e.message}` : e}`,
  });
}
globalThis.addEventListener("error", (e) => {
  e.preventDefault();
  fail(e.error ?? e.message);
});
globalThis.addEventListener("unhandledrejection", (e) => {
  e.preventDefault();
  fail(e.reason);
});

const params = new URL(import.meta.url).searchParams;
const opts: { quantized?: boolean; threads?: number; nice?: number } = JSON.parse(
  params.get("opts") ?? "{}",
);
// Linux applies a nice value per thread: the service's queue worker asks its model workers to
// yield the CPU to ingest as it does.
if (opts.nice !== undefined) {
  try {
    setPriority(0, opts.nice);
  } catch (e) {
    event("worker_priority", { error: (e as Error).message });
  }
}
const model = await loadModel(new URL(params.get("dir")!), opts)
  .catch((e) => {
    fail(e);
    return undefined;
  });
const running = new Set<Promise<void>>();
globalThis.onmessage = async (e: MessageEvent<{ id: number; batch: IdBatch } | "stop">) => {
  if (e.data === "stop") {
    await Promise.all(running);
    return globalThis.postMessage({ stopped: true });
  }
  const { id, batch } = e.data;
  const call = model!(batch).then(
    (logits) => globalThis.postMessage({ id, logits }, [logits.buffer]),
    (err) => globalThis.postMessage({ id, error: (err as Error).stack ?? String(err) }),
  ).finally(() => running.delete(call));
  running.add(call);
  await call;
};
if (model) globalThis.postMessage({ ready: true });
