/**
 * One incident version's advice: the playbook is stored at once, then the language model's
 * answer streams over it (partial text stored with `complete: false`, deltas published), and
 * any failure (down, timeout, missing model, dropped stream, garbage, budget) puts the
 * playbook back at once, with the reason in `error`. Retryable failures are tried again after
 * a backoff. Nothing the model writes does anything but become the advice text.
 *
 * @module
 */
import type { Advice, Incident } from "../core/schemas.ts";
import { AdviceError, type AdviceModel } from "./client.ts";
import { buildPrompt, type ChainStep } from "./prompt.ts";
import { playbookAdvice } from "./playbooks/render.ts";

/** What advice publishes on the event stream (`/api/events`). */
export type AdviceEvent =
  | {
    type: "advice.updated";
    incidentId: string;
    version: number;
    source: Advice["source"];
    complete: boolean;
    error?: string;
  }
  /** Text appended to the streaming LLM answer since the last delta. */
  | { type: "advice.delta"; incidentId: string; version: number; text: string };

/**
 * Where advice reads incidents and writes advice. Contract: `saveAdvice` never replaces
 * advice of a newer incident version; `publish` must not throw.
 */
export interface AdviceStore {
  /** The incident, or null when it does not exist. */
  get(id: string): Promise<Incident | null>;
  /** The stored advice of an incident, or null before any. */
  getAdvice(id: string): Promise<Advice | null>;
  /** Stores advice for an incident (ignored when a newer version's advice is stored). */
  saveAdvice(id: string, advice: Advice): Promise<void>;
  /** Forwards an advice event; must not throw. */
  publish(event: AdviceEvent): void;
  /** The earlier incidents of a chain, for the prompt. */
  chainSteps?(ids: string[]): Promise<ChainStep[]>;
}

/** What {@link adviseIncident} works with, and how hard it tries the model. */
export interface AdviseDeps {
  /** Where incidents are read and advice is stored. */
  store: AdviceStore;
  /** The language model asked for the answer. */
  model: AdviceModel;
  /** Takes one call from the hourly budget; false once it is spent. */
  takeBudget(): boolean;
  /** A reason to skip the model at once (known down, model missing), or null. */
  skipModel?(): AdviceError | null;
  /** Waits for a free model slot and returns its release. */
  acquire?(): Promise<() => void>;
  /** Ask the model even when this version already has complete LLM advice. */
  force?: boolean;
  /** Further tries after a retryable failure. */
  retries?: number;
  /** Backoff before each retry (ms; jittered ±25 %). */
  backoffMs?: number[];
  /** Least time between two stored partial answers (ms). */
  flushMs?: number;
  /** Aborts waits and the stream (shutdown): the fallback is stored, failure "stopped". */
  signal?: AbortSignal;
}

/** The advice finally stored, and why it is not the model's when it is not. */
export interface AdviseResult {
  /** The advice now stored for this version: the model's answer, or the fallback. */
  advice: Advice;
  /** Why the fallback was stored; absent when the model answered (or had already). */
  failure?: AdviceError;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
    function done() {
      clearTimeout(t);
      signal?.removeEventListener("abort", done);
      resolve();
    }
  });
}

/** Advice for `incident`'s current version, as described in the module doc. */
export async function adviseIncident(
  incident: Incident,
  deps: AdviseDeps,
): Promise<AdviseResult> {
  const { store } = deps;
  const id = incident.id, version = incident.version;
  const save = async (advice: Advice) => {
    await store.saveAdvice(id, advice);
    store.publish({
      type: "advice.updated",
      incidentId: id,
      version,
      source: advice.source,
      complete: advice.complete,
      ...(advice.error ? { error: advice.error } : {}),
    });
    return advice;
  };
  const cached = await store.getAdvice(id);
  const haveLlm = cached?.version === version && cached.source === "llm" && cached.complete;
  if (haveLlm && !deps.force) return { advice: cached };
  // A forced re-ask that fails puts this version's earlier answer back, not a playbook.
  const fallback = async (failure: AdviceError): Promise<AdviseResult> => ({
    advice: await save(
      haveLlm ? cached : playbookAdvice(incident, `${failure.kind}: ${failure.message}`),
    ),
    failure,
  });
  const havePlaybook = cached?.version === version && cached.source === "playbook";
  if (!haveLlm && !havePlaybook) await save(playbookAdvice(incident));
  const skip = deps.skipModel?.();
  if (skip) return await fallback(skip);

  const chain = incident.chain.length ? await store.chainSteps?.(incident.chain) : [];
  const messages = buildPrompt(incident, chain ?? []);
  const backoff = deps.backoffMs ?? [1000, 5000];
  const release = await (deps.acquire?.() ?? Promise.resolve(() => {}));
  try {
    for (let attempt = 0;; attempt++) {
      if (deps.signal?.aborted) {
        return await fallback(new AdviceError("stopped", "service stopped"));
      }
      // Looked at again after the wait for a slot: a call before may have found the server down.
      const down = deps.skipModel?.();
      if (down) return await fallback(down);
      if (!deps.takeBudget()) {
        return await fallback(new AdviceError("budget", "hourly budget of model calls spent"));
      }
      try {
        return { advice: await streamAnswer(incident, messages, deps, save) };
      } catch (e) {
        const failure = deps.signal?.aborted
          ? new AdviceError("stopped", "service stopped during the answer")
          : e instanceof AdviceError
          ? e
          : new AdviceError("dropped", String(e));
        const result = await fallback(failure);
        if (!failure.retryable || attempt >= (deps.retries ?? 1)) return result;
        const base = backoff[Math.min(attempt, backoff.length - 1)];
        await sleep(base * (0.75 + Math.random() / 2), deps.signal);
      }
    }
  } finally {
    release();
  }
}

async function streamAnswer(
  incident: Incident,
  messages: ReturnType<typeof buildPrompt>,
  deps: AdviseDeps,
  save: (a: Advice) => Promise<Advice>,
): Promise<Advice> {
  const { store, model } = deps;
  const flushMs = deps.flushMs ?? 250;
  const id = incident.id, version = incident.version;
  const advice = (markdown: string, complete: boolean): Advice => ({
    source: "llm",
    markdown,
    model: model.model,
    version,
    severity: incident.severity,
    complete,
    updatedAt: Date.now(),
  });
  let text = "", unsent = "", flushedAt = 0;
  const publishDelta = () => {
    if (unsent) store.publish({ type: "advice.delta", incidentId: id, version, text: unsent });
    unsent = "";
    flushedAt = Date.now();
  };
  for await (const delta of model.stream(messages, deps.signal)) {
    text += delta;
    unsent += delta;
    if (Date.now() - flushedAt >= flushMs) {
      publishDelta();
      await store.saveAdvice(id, advice(text, false));
    }
  }
  publishDelta();
  return await save(advice(text, true));
}
