/**
 * The shipped model's ONNX session on WASM (onnxruntime-web), without the tokenizer: framed token
 * ids in, logits out. The classifier (lib/classify/classifier.ts) runs it in-process, or each pool
 * worker (workers/classify_worker.ts) hosts one while the calling thread tokenises, so a worker
 * isolate holds onnxruntime alone (classifier.ts is imported for its types only).
 *
 * @module
 */
import * as ort from "onnxruntime-web";
import type { IdBatch, LogitsFn } from "./runs.ts";

let ortReady = false;
function setUpOrt(threads: number) {
  if (ortReady) return;
  // Local WASM binaries only: without this onnxruntime-web reaches for a CDN.
  ort.env.wasm.wasmPaths = new URL("./", import.meta.resolve("onnxruntime-web")).href;
  ort.env.wasm.numThreads = threads;
  ort.env.logLevel = "error";
  ortReady = true;
}

/** Loads `onnx/model_quantized.onnx` (or `onnx/model.onnx` when `quantized` is false). */
export async function loadModel(
  dir: URL,
  o: { quantized?: boolean; threads?: number } = {},
): Promise<LogitsFn> {
  setUpOrt(o.threads ?? 1);
  const file = o.quantized === false ? "onnx/model.onnx" : "onnx/model_quantized.onnx";
  // Creating the onnxruntime-web session replaces globalThis.Worker with Node's
  // worker_threads shim; put the web Worker back so callers can still start Web Workers.
  const webWorker = globalThis.Worker;
  const session = await Deno.readFile(new URL(file, dir)).then((bytes) =>
    ort.InferenceSession.create(bytes, {
      executionProviders: ["wasm"],
      graphOptimizationLevel: "all",
    })
  ).finally(() => globalThis.Worker = webWorker);
  // A WASM session must not run two batches at once: calls queue behind each other.
  let last: Promise<unknown> = Promise.resolve();
  return (b) => {
    const run = last.then(() => runBatch(session, b));
    last = run.catch(() => {});
    return run;
  };
}

async function runBatch(session: ort.InferenceSession, b: IdBatch): Promise<Float32Array> {
  const ids = BigInt64Array.from(b.ids, BigInt);
  const mask = new BigInt64Array(b.ids.length);
  b.lengths.forEach((n, r) => mask.fill(1n, r * b.width, r * b.width + n));
  const dims = [b.lengths.length, b.width];
  const out = await session.run({
    input_ids: new ort.Tensor("int64", ids, dims),
    attention_mask: new ort.Tensor("int64", mask, dims),
  });
  return out.logits.data as Float32Array;
}
