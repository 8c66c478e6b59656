/**
 * The one start/ready/stop handshake of INSyT's Web Workers. A worker posts a ready message
 * once it can work (`{ ready: true }`, or any message the caller's `ready` test accepts), or
 * `{ failed: "why" }` when it cannot start or can no longer work (no uncaught stack on the
 * console; it is terminated then); on `"stop"` it finishes what it holds and posts
 * `{ stopped: true }`. A failure after start is recorded (for /api/health) and never takes the
 * service down; a wedged worker is terminated after the stop timeout.
 *
 * @example
 * ```ts
 * const w = await startWorker(new URL("../../workers/classify.ts", import.meta.url), { name: "classify" });
 * await w.stop(10_000);
 * ```
 *
 * @module
 */
import { event } from "./log.ts";

/** How to start a worker. */
export interface StartOptions<R> {
  /** For errors and events ("classify", "udp receiver"). */
  name: string;
  /** Recognises the ready message and returns what the caller needs of it (default `{ready}`). */
  ready?: (data: unknown) => R | undefined;
  /** Every other message the worker posts. */
  onMessage?: (data: unknown) => void;
  /** Told once when the worker fails after it started (default: a `worker_error` event). */
  onFailure?: (error: string) => void;
  /** Aborting it before the worker is ready terminates the worker and rejects. */
  signal?: AbortSignal;
}

/** A started worker. */
export interface WorkerHandle<R = true> {
  /** What the ready message carried. */
  info: R;
  /** False once it has failed (see `error()`). */
  alive(): boolean;
  /** The failure that stopped it, if any. */
  error(): string | undefined;
  /** Posts to the worker (transferring `transfer`). */
  postMessage(msg: unknown, transfer?: Transferable[]): void;
  /** Asks it to stop and waits up to `timeoutMs` for `{ stopped: true }`, then terminates it. */
  stop(timeoutMs: number): Promise<void>;
}

const defaultReady = (d: unknown) =>
  (d as { ready?: boolean } | null)?.ready === true ? true : undefined;

/** Starts a module worker and resolves once it is ready (rejects if it fails first). */
export function startWorker<R = true>(url: URL, o: StartOptions<R>): Promise<WorkerHandle<R>> {
  const w = new Worker(url, { type: "module" });
  const ready = o.ready ?? (defaultReady as (d: unknown) => R | undefined);
  let failure: string | undefined;
  let started = false;
  let stopped: (() => void) | undefined;
  return new Promise((resolve, reject) => {
    o.signal?.addEventListener("abort", () => {
      if (started) return;
      w.terminate();
      reject(new Error(`${o.name} worker: stopped before it was ready`));
    }, { once: true });
    const failedAfterStart = (why: string) => {
      failure = why;
      if (o.onFailure) o.onFailure(why);
      else event("worker_error", { worker: o.name, error: why });
      stopped?.();
    };
    w.onerror = (e) => {
      e.preventDefault(); // the service keeps running; /api/health shows the failure
      if (!started) {
        failure = e.message;
        reject(new Error(`${o.name} worker: ${e.message}`));
      } else failedAfterStart(e.message);
    };
    w.onmessage = (e) => {
      const failed = (e.data as { failed?: string } | null)?.failed;
      if (failed !== undefined) {
        w.terminate();
        if (started) return failedAfterStart(failed);
        failure = failed;
        return reject(new Error(failed));
      }
      if (!started) {
        const info = ready(e.data);
        if (info === undefined) return o.onMessage?.(e.data);
        started = true;
        resolve({
          info,
          alive: () => failure === undefined,
          error: () => failure,
          postMessage: (msg, transfer) => w.postMessage(msg, transfer ?? []),
          stop: (timeoutMs) =>
            new Promise<void>((done) => {
              const t = setTimeout(finish, timeoutMs);
              function finish() {
                clearTimeout(t);
                w.terminate();
                done();
              }
              stopped = finish;
              if (failure !== undefined) return finish();
              w.postMessage("stop");
            }),
        });
      } else if ((e.data as { stopped?: boolean } | null)?.stopped) stopped?.();
      else o.onMessage?.(e.data);
    };
  });
}
