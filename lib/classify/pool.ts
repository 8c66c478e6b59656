/**
 * A pool of classifier Web Workers: one single-threaded WASM classifier per core scales
 * throughput without multi-threaded WASM (which occasionally hung here).
 *
 * @module
 */
import { startWorker, type WorkerHandle } from "../core/worker.ts";
import type { ClassifierOptions, Prediction } from "./classifier.ts";

interface Pending {
  resolve: (p: Prediction[]) => void;
  reject: (e: Error) => void;
}

/** Spreads classify calls over N workers, each call to the least busy one. */
export class ClassifyPool {
  #workers: WorkerHandle[] = [];
  #busy: number[] = [];
  #pending = new Map<number, Pending>();
  #next = 0;

  #answer(i: number, data: unknown) {
    const d = data as { id: number; error?: string; predictions: Prediction[] };
    const p = this.#pending.get(d.id);
    if (!p) return;
    this.#pending.delete(d.id);
    this.#busy[i]--;
    if (d.error) p.reject(new Error(d.error));
    else p.resolve(d.predictions);
  }

  /**
   * Starts `size` workers hosting `workerUrl` (workers/classify_worker.ts) and waits until
   * each has loaded the model.
   * @example const pool = await ClassifyPool.create(2, classifyWorkerUrl); // from the caller
   */
  static async create(
    size: number,
    workerUrl: URL,
    opts: ClassifierOptions = {},
  ): Promise<ClassifyPool> {
    const url = new URL(workerUrl);
    url.searchParams.set("opts", JSON.stringify(opts));
    const pool = new ClassifyPool();
    pool.#workers = await Promise.all(
      Array.from({ length: size }, (_, i) =>
        startWorker(url, {
          name: "classify pool",
          onMessage: (d) => pool.#answer(i, d),
        })),
    );
    pool.#busy = pool.#workers.map(() => 0);
    return pool;
  }

  /** Classifies one batch of lines on the least busy worker. */
  classify(lines: string[]): Promise<Prediction[]> {
    let w = 0;
    for (let i = 1; i < this.#busy.length; i++) if (this.#busy[i] < this.#busy[w]) w = i;
    const id = this.#next++;
    this.#busy[w]++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#workers[w].postMessage({ id, lines });
    });
  }

  /** Stops every worker (each finishes the call it runs, for at most `timeoutMs`). */
  async close(timeoutMs = 1000): Promise<void> {
    await Promise.all(this.#workers.map((w) => w.stop(timeoutMs)));
  }
}
