/**
 * Advice as a service on one KV store: the Ollama client, the KV-backed store, the runner
 * with its recheck timer, the request inbox, and the status kept for `/api/health`. The one
 * function `workers/advice.ts` hosts, and `main.ts` runs in-process without workers.
 *
 * @module
 */
import { event } from "../core/log.ts";
import { OllamaClient } from "./client.ts";
import type { AdviceEvent } from "./advise.ts";
import {
  kvAdviceStore,
  saveAdviceStatus,
  serveAdviceRequests,
  unfinishedAdvice,
} from "./kv_store.ts";
import { AdviceRunner, type RunnerOptions, type RunnerStatus } from "./runner.ts";

/** The Ollama server and model, timings, and where advice events go; runner limits too. */
export interface AdviceServiceOptions extends Omit<RunnerOptions, "onStatus"> {
  /** OLLAMA_HOST. */
  host: string;
  /** INSYT_LLM_MODEL. */
  model: string;
  /** --llm-timeout-s, in ms. */
  timeoutMs: number;
  /** Inbox poll interval (ms). */
  pollMs?: number;
  /** Receives every advice event (the event log, a worker's parent); absent: none are sent. */
  publish?: (e: AdviceEvent) => void;
}

/** A running advice service. */
export interface AdviceService {
  /** The runner, for direct requests (`runner.request`, `runner.consider`). */
  runner: AdviceRunner;
  /** The runner's status now (also stored in KV for `/api/health`). */
  status(): RunnerStatus;
  /** Stops the inbox and the runner (running calls fall back to playbooks), stores the status. */
  stop(): Promise<void>;
}

/** Least time between two status writes to KV (a streaming answer changes it often). */
const STATUS_EVERY_MS = 1000;

/** Starts advice on `kv`: requests come through `K.adviceRequest(id)` or `runner.request`. */
export function startAdvice(kv: Deno.Kv, opts: AdviceServiceOptions): AdviceService {
  const model = new OllamaClient({ host: opts.host, model: opts.model, timeoutMs: opts.timeoutMs });
  let savedAt = 0, timer: ReturnType<typeof setTimeout> | undefined, writing = Promise.resolve();
  const save = () => {
    timer = undefined;
    savedAt = Date.now();
    writing = writing.then(() => saveAdviceStatus(kv, runner.status())).catch((e) =>
      event("advice_error", { error: `advice status not stored: ${e}` })
    );
  };
  const runner = new AdviceRunner(kvAdviceStore(kv, opts.publish), model, {
    ...opts,
    onStatus: () => {
      if (timer) return;
      timer = setTimeout(save, Math.max(0, savedAt + STATUS_EVERY_MS - Date.now()));
    },
  });
  runner.start();
  const resumed = unfinishedAdvice(kv).then((ids) => {
    for (const id of ids) {
      runner.request(id).catch((e) =>
        event("advice_error", { error: `advice for ${id} failed: ${e}` })
      );
    }
  }).catch((e) => event("advice_error", { error: `unfinished advice not resumed: ${e}` }));
  const stopInbox = serveAdviceRequests(kv, runner, opts.pollMs);
  return {
    runner,
    status: () => runner.status(),
    async stop() {
      await resumed;
      await stopInbox();
      await runner.stop();
      clearTimeout(timer);
      save();
      await writing;
    },
  };
}
