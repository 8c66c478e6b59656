/**
 * @module A pool of classifier Web Workers: one single-threaded WASM classifier per core
 * scales throughput without multi-threaded WASM (which occasionally hung here).
 */
import type { ClassifierOptions, Prediction } from "./classifier.ts";

interface Pending {
  resolve: (p: Prediction[]) => void;
  reject: (e: Error) => void;
}

/** Spreads classify calls over N workers, each call to the least busy one. */
export class ClassifyPool {
  #workers: Worker[];
  #busy: number[];
  #pending = new Map<number, Pending>();
  #next = 0;

  private constructor(workers: Worker[]) {
    this.#workers = workers;
    this.#busy = workers.map(() => 0);
    workers.forEach((w, i) =>
      w.onmessage = (e) => {
        const p = this.#pending.get(e.data.id);
        if (!p) return;
        this.#pending.delete(e.data.id);
        this.#busy[i]--;
        if (e.data.error) p.reject(new Error(e.data.error));
        else p.resolve(e.data.predictions);
      }
    );
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
    const workers = Array.from({ length: size }, () => new Worker(url, { type: "module" }));
    await Promise.all(workers.map((w) =>
      new Promise<void>((resolve, reject) => {
        w.onmessage = (e) => e.data.ready && resolve();
        w.onerror = (e) => reject(new Error(e.message));
      })
    ));
    return new ClassifyPool(workers);
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

  /** Stops every worker. */
  close() {
    for (const w of this.#workers) w.terminate();
  }
}
