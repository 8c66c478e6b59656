/**
 * A pool of model Web Workers: one single-threaded WASM session per core scales throughput
 * without multi-threaded WASM (which occasionally hung here). The workers run the model only
 * (workers/classify_worker.ts); the calling thread masks, caches and tokenises, with a Classifier
 * (lib/classify/classifier.ts) whose `model` is {@link ClassifyPool.logits}. It answers as soon as
 * one worker is ready. A worker that crashes after it was ready is replaced while the others
 * keep serving, and the runs it held are sent once more to another worker (a run that crashes a
 * second worker rejects: it is the run, not the worker). The pool fails as a whole when a worker
 * fails to load, or when workers crash more than {@link RESTARTS_PER_WORKER} times per worker
 * within {@link RESTART_WINDOW_MS}: every call held or made then rejects with that error, so a
 * caller never waits on a dead pool, and its supervisor's backoff takes over.
 *
 * @module
 */
import { startWorker, type WorkerHandle } from "../core/worker.ts";
import { event } from "../core/log.ts";
import type { IdBatch } from "./runs.ts";

/** Crashes per worker of the pool tolerated within {@link RESTART_WINDOW_MS}. */
export const RESTARTS_PER_WORKER = 2;
/** The window over which crashes count towards giving up. */
export const RESTART_WINDOW_MS = 60_000;

interface Call {
  id: number;
  batch: IdBatch;
  /** Workers it was sent to so far. */
  sent: number;
  resolve: (logits: Float32Array) => void;
  reject: (e: Error) => void;
}

interface Ready {
  w: WorkerHandle;
  held: Map<number, Call>;
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
  #ready: Ready[] = [];
  #waiting: Call[] = [];
  #next = 0;
  #failure: Error | undefined;
  #closing = new AbortController();
  #onFail: ((e: Error) => void)[] = [];
  #onReady: ((p: ClassifyPool) => void)[] = [];
  #crashes: number[] = [];
  #size = 0;
  #url: URL;

  private constructor(url: URL) {
    this.#url = url;
  }

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
    const pool = new ClassifyPool(url);
    pool.#size = size;
    return new Promise((resolve, reject) => {
      pool.#onFail.push(reject);
      pool.#onReady.push(resolve);
      for (let i = 0; i < size; i++) pool.#start();
    });
  }

  /** Starts one worker; it joins the ready ones once loaded. */
  #start() {
    const r: Ready = { w: undefined as unknown as WorkerHandle, held: new Map() };
    startWorker(this.#url, {
      name: "classify",
      onMessage: (d) => this.#answer(r.held, d),
      onFailure: (e) => this.#crashed(r, new Error(`classify worker: ${e}`)),
      signal: this.#closing.signal,
    }).then((w) => {
      if (this.#failure || this.#closing.signal.aborted) return w.stop(0);
      r.w = w;
      this.#ready.push(r);
      for (const f of this.#onReady.splice(0)) f(this);
      for (const c of this.#waiting.splice(0)) this.#send(c);
    }, (e: Error) => {
      if (!this.#closing.signal.aborted) this.#fail(e);
    });
  }

  /**
   * A ready worker failed: it leaves the pool, a new one starts, and each run it held goes once
   * more to another worker (or rejects, when it already crashed one).
   */
  #crashed(r: Ready, e: Error) {
    if (this.#failure || this.#closing.signal.aborted) return;
    this.#ready = this.#ready.filter((x) => x !== r);
    void r.w.stop(0);
    const now = Date.now();
    this.#crashes = [...this.#crashes.filter((t) => now - t < RESTART_WINDOW_MS), now];
    const calls = [...r.held.values()];
    r.held.clear();
    for (const c of calls) {
      if (c.sent > 1) c.reject(e);
      else if (this.#ready.length) this.#send(c);
      else this.#waiting.push(c);
    }
    if (this.#crashes.length > RESTARTS_PER_WORKER * this.#size) return this.#fail(e);
    event("model_worker_restart", { error: e.message, crashes: this.#crashes.length });
    this.#start();
  }

  /** Resolves never; rejects with the error that made the pool give up. */
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
    c.sent++;
    best.w.postMessage({ id: c.id, batch: c.batch });
  }

  /** Runs the model over one batch on the least busy worker (a Classifier's `model`). */
  logits = (batch: IdBatch): Promise<Float32Array> =>
    new Promise((resolve, reject) => {
      if (this.#failure) return reject(this.#failure);
      if (this.#closing.signal.aborted) return reject(new Error("classify pool closed"));
      const c = { id: this.#next++, batch, sent: 0, resolve, reject };
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
