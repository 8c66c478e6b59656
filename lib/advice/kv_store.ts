/**
 * Advice on Deno KV: the {@link AdviceStore} that reads incidents at `K.incident(id)` and
 * keeps advice at `K.adviceFor(id)` (its own key, so the incident record's layout is not
 * advice's business), the request inbox at `K.adviceRequest(id)` that any thread or process
 * on the store can write, and the backend status at `K.adviceStatus` for `/api/health`.
 *
 * @module
 */
import { retryWhileLocked } from "../core/kv_retry.ts";
import { event } from "../core/log.ts";
import { z } from "zod";
import { K } from "../core/kv_keys.ts";
import {
  type Advice,
  AdviceSchema,
  type Incident,
  IncidentSchema,
  type Infer,
} from "../core/schemas.ts";
import type { AdviceEvent, AdviceStore } from "./advise.ts";
import type { ChainStep } from "./prompt.ts";
import type { AdviceRunner, RunnerStatus } from "./runner.ts";

/**
 * A pending request in the inbox: `force` (an operator asked) always asks the model again;
 * otherwise the runner considers the incident ({@link AdviceRunner.consider}).
 *
 * @ignore
 */
export const AdviceRequestSchema = z.object({ at: z.number(), force: z.boolean().optional() });
/** A pending advice request: when it was made (ms) and whether the model must be asked again. */
export type AdviceRequest = Infer<typeof AdviceRequestSchema>;

/** The store; `publish` forwards advice events (to the event log, a worker's parent, ...). */
export function kvAdviceStore(
  kv: Deno.Kv,
  publish: (e: AdviceEvent) => void = () => {},
): AdviceStore {
  const incident = async (id: string): Promise<Incident | null> => {
    const parsed = IncidentSchema.safeParse((await kv.get(K.incident(id))).value);
    return parsed.success ? parsed.data : null;
  };
  return {
    get: incident,
    async getAdvice(id) {
      const parsed = AdviceSchema.safeParse((await kv.get(K.adviceFor(id))).value);
      return parsed.success ? parsed.data : null;
    },
    async saveAdvice(id, advice: Advice) {
      // Checked write: a slow answer for an old version never replaces a newer version's.
      for (let i = 0; i < 10; i++) {
        const cur = await kv.get<Advice>(K.adviceFor(id));
        if (cur.value && cur.value.version > advice.version) return;
        const ok = await retryWhileLocked(() =>
          kv.atomic().check(cur).set(K.adviceFor(id), advice).commit()
        );
        if (ok.ok) return;
      }
      throw new Error(`advice for ${id}: too many concurrent writes`);
    },
    publish(e) {
      try {
        publish(e);
      } catch (err) {
        event("advice_error", { error: `advice event not published: ${err}` });
      }
    },
    async chainSteps(ids): Promise<ChainStep[]> {
      const found = await Promise.all(ids.map(incident));
      return found.filter((i) => i !== null).map((i) => ({
        id: i.id,
        label: i.label,
        firstSeen: i.firstSeen,
      }));
    },
  };
}

/** Asks for advice through the inbox (any thread or process on the same store). */
export async function requestAdvice(kv: Deno.Kv, id: string, force = false): Promise<void> {
  await retryWhileLocked(() =>
    kv.set(K.adviceRequest(id), { at: Date.now(), ...(force ? { force } : {}) })
  );
}

/**
 * Polls the inbox every `intervalMs` and hands each request to `runner`. A request is taken
 * (deleted) only if it did not change since it was read; a newer one waits for the next
 * poll, so none is lost. Returns the stop function.
 */
export function serveAdviceRequests(
  kv: Deno.Kv,
  runner: AdviceRunner,
  intervalMs = 500,
): () => Promise<void> {
  let stopped = false, timer: ReturnType<typeof setTimeout> | undefined;
  let current: Promise<void> = Promise.resolve();
  const poll = async () => {
    for await (const e of kv.list({ prefix: K.adviceRequestPrefix }, { limit: 100 })) {
      const req = AdviceRequestSchema.safeParse(e.value);
      const id = String(e.key[1]);
      const taken = await retryWhileLocked(() => kv.atomic().check(e).delete(e.key).commit());
      if (!taken.ok || !req.success) continue;
      const done = req.data.force ? runner.request(id, { force: true }) : runner.consider(id);
      done.catch((err) => event("advice_error", { error: `advice for ${id} failed: ${err}` }));
    }
  };
  const tick = () => {
    current = poll().catch((err) => event("advice_error", { error: `advice inbox: ${err}` }))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, intervalMs);
      });
  };
  tick();
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await current;
  };
}

/**
 * Incidents whose advice was cut short by a stop (a playbook marked "stopped", or a partial
 * answer from a process that died mid-stream): requested again at start.
 */
export async function unfinishedAdvice(kv: Deno.Kv): Promise<string[]> {
  const ids: string[] = [];
  for await (const e of kv.list<Advice>({ prefix: K.advicePrefix })) {
    if (e.value?.complete === false || e.value?.error?.startsWith("stopped:")) {
      ids.push(String(e.key[1]));
    }
  }
  return ids;
}

/** Stores the runner's status for `/api/health` (read with {@link readAdviceStatus}). */
export async function saveAdviceStatus(kv: Deno.Kv, status: RunnerStatus): Promise<void> {
  await retryWhileLocked(() => kv.set(K.adviceStatus, status));
}

/** The advice backend's last stored status, or null before the runner first reported. */
export async function readAdviceStatus(kv: Deno.Kv): Promise<RunnerStatus | null> {
  return (await kv.get<RunnerStatus>(K.adviceStatus)).value;
}
