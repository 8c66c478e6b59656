/**
 * A Web Worker that is started again when it fails: the service's queue worker (and with it its
 * model workers) must not stay down after one crash while lines keep arriving. Restarts wait 1 s,
 * then twice as long after each failure in a row, up to a minute; a worker that ran a minute
 * resets the wait. Batches the failed worker held are delivered again by the KV queue (after its
 * lease, about a minute), so nothing is lost.
 *
 * @example
 * ```ts
 * const w = await superviseWorker(new URL("../../workers/classify.ts", import.meta.url), { name: "classify" });
 * w.restarts(); // 0
 * await w.stop(10_000);
 * ```
 *
 * @module
 */
import { event } from "./log.ts";
import { startWorker, type WorkerHandle } from "./worker.ts";

/** How to supervise a worker. */
export interface SuperviseOptions {
  /** For errors and events ("classify"). */
  name: string;
  /** Wait before the `n`th restart in a row (ms; default 1 s doubling up to 60 s). */
  delayMs?: (n: number) => number;
  /** How long a worker must run for its next failure to count as the first in a row (ms). */
  stableMs?: number;
}

/** A supervised worker. */
export interface Supervised {
  /** True while a started worker runs (false between a failure and the restart). */
  alive(): boolean;
  /** The last failure, if any. */
  error(): string | undefined;
  /** Times it was started again. */
  restarts(): number;
  /** Stops the running worker (see {@link WorkerHandle.stop}) and any restart to come. */
  stop(timeoutMs: number): Promise<void>;
}

const defaultDelay = (n: number) => Math.min(60_000, 1000 * 2 ** (n - 1));

/** Starts `url` and resolves once it is ready; rejects when that first start fails. */
export async function superviseWorker(url: URL, o: SuperviseOptions): Promise<Supervised> {
  const delay = o.delayMs ?? defaultDelay;
  const stableMs = o.stableMs ?? 60_000;
  let current: WorkerHandle | undefined;
  let lastError: string | undefined;
  let restarts = 0, inRow = 0, startedAt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopping = false;
  let starting: Promise<void> | undefined;

  const start = () =>
    starting = startWorker(url, { name: o.name, onFailure: (e) => failed(e) }).then((w) => {
      startedAt = Date.now();
      current = w;
    });
  const failed = (e: string) => {
    lastError = e;
    current = undefined;
    if (stopping) return;
    inRow = Date.now() - startedAt >= stableMs ? 1 : inRow + 1;
    const wait = delay(inRow);
    event("worker_restart", { worker: o.name, error: e, inMs: wait, restarts });
    timer = setTimeout(() => {
      timer = undefined;
      if (stopping) return;
      restarts++;
      start().catch((err: Error) => {
        startedAt = Date.now(); // it never ran: the next wait is longer
        failed(err.message);
      });
    }, wait);
  };
  await start();
  return {
    alive: () => current?.alive() ?? false,
    error: () => lastError,
    restarts: () => restarts,
    async stop(timeoutMs) {
      stopping = true;
      clearTimeout(timer);
      await starting?.catch(() => {}); // a restart that is loading: stopped once ready
      await current?.stop(timeoutMs);
      current = undefined;
    },
  };
}
