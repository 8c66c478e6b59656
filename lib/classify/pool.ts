/**
 * A pool of model Web Workers: one single-threaded WASM session per core scales throughput
 * without multi-threaded WASM (which occasionally hung here). The workers run the model only
 * (workers/classify_worker.ts); the calling thread masks, caches and tokenises, with a Classifier
 * (lib/classify/classifier.ts) whose `model` is {@link ClassifyPool.logits}. It answers as soon as
 * one worker is ready, and fails as a whole when a worker fails (at load or later): every call
 * held or made then rejects with that error, so a caller never waits on a dead worker.
 *
 * @module
 */
import { startWorker, type WorkerHandle } from "../core/worker.ts";
import type { IdBatch } from "./runs.ts";

interface Call {
  id: number;
  batch: IdBatch;
  resolve: (logits: Float32Array) => void;
  reject: (e: Error) => void;
}

/** Options for {@link ClassifyPool.create}. */
export interface PoolOptions {
  /** Use the int8 model (default true). */
  quantized?: boolean;
  /** WASM threads per worker (default 1). */
  threads?: number;
  /** Nice value of each worker's thread (default: the caller's). */
  nice?: number;
}

/** Spreads model runs over N workers, each run to the least busy ready one. */
export class ClassifyPool {
  #ready: { w: WorkerHandle; held: Map<number, Call> }[] = [];
  #waiting: Call[] = [];
  #next = 0;
  #failure: Error | undefined;
  #closing = new AbortController();
  #onFail: ((e: Error) => void)[] = [];

  /**
   * Starts `size` workers hosting `workerUrl` (workers/classify_worker.ts) on the model in `dir`,
   * and resolves once the first has loaded it (the others join when ready). Rejects when a worker
   * fails before any is ready.
   * @example const pool = await ClassifyPool.create(2, classifyWorkerUrl, DEFAULT_MODEL_DIR); // from the caller
   */
  static create(
    size: number,
    workerUrl: URL,
    dir: URL,
    opts: PoolOptions = {},
  ): Promise<ClassifyPool> {
    const url = new URL(workerUrl);
    url.searchParams.set("dir", dir.href);
    url.searchParams.set("opts", JSON.stringify(opts));
    const pool = new ClassifyPool();
    return new Promise((resolve, reject) => {
      pool.#onFail.push(reject);
      for (let i = 0; i < size; i++) {
        const held = new Map<number, Call>();
        startWorker(url, {
          name: "classify",
          onMessage: (d) => pool.#answer(held, d),
          onFailure: (e) => pool.#fail(new Error(`classify worker: ${e}`)),
          signal: pool.#closing.signal,
        }).then((w) => {
          if (pool.#failure || pool.#closing.signal.aborted) return w.stop(0);
          pool.#ready.push({ w, held });
          resolve(pool);
          for (const c of pool.#waiting.splice(0)) pool.#send(c);
        }, (e: Error) => {
          if (!pool.#closing.signal.aborted) pool.#fail(e);
        });
      }
    });
  }

  /** Resolves never; rejects with the error of the first worker that fails. */
  failed(): Promise<never> {
    return new Promise((_, reject) => {
      if (this.#failure) reject(this.#failure);
      else this.#onFail.push(reject);
    });
  }

  #fail(e: Error) {
    if (this.#failure) return;
    this.#failure = e;
    const calls = [...this.#waiting.splice(0), ...this.#ready.flatMap((r) => [...r.held.values()])];
    for (const c of calls) c.reject(e);
    for (const r of this.#ready) r.held.clear();
    for (const f of this.#onFail.splice(0)) f(e);
    void this.close(0);
  }

  #answer(held: Map<number, Call>, data: unknown) {
    const d = data as { id: number; error?: string; logits: Float32Array };
    const c = held.get(d.id);
    if (!c) return;
    held.delete(d.id);
    if (d.error) c.reject(new Error(d.error));
    else c.resolve(d.logits);
  }

  #send(c: Call) {
    let best = this.#ready[0];
    for (const r of this.#ready) if (r.held.size < best.held.size) best = r;
    best.held.set(c.id, c);
    best.w.postMessage({ id: c.id, batch: c.batch });
  }

  /** Runs the model over one batch on the least busy worker (a Classifier's `model`). */
  logits = (batch: IdBatch): Promise<Float32Array> =>
    new Promise((resolve, reject) => {
      if (this.#failure) return reject(this.#failure);
      if (this.#closing.signal.aborted) return reject(new Error("classify pool closed"));
      const c = { id: this.#next++, batch, resolve, reject };
      if (this.#ready.length) this.#send(c);
      else this.#waiting.push(c);
    });

  /**
   * Stops every worker: a ready one finishes the runs it holds (for at most `timeoutMs`), one still
   * loading is terminated (calls waiting for a worker reject).
   */
  async close(timeoutMs = 1000): Promise<void> {
    this.#closing.abort();
    for (const c of this.#waiting.splice(0)) c.reject(new Error("classify pool closed"));
    await Promise.all(this.#ready.splice(0).map((r) => r.w.stop(timeoutMs)));
  }
}
