/**
 * Webhook notifications of new incidents and severity step-ups at or above a configured
 * severity. Each incident severity is announced once (`K.notifySent(id)` keeps what was seen
 * and announced, checked in an atomic commit, so redelivered or repeated calls send nothing
 * twice, and callers need not know what changed). Each endpoint has its own queue, delivered
 * in order with at most `perMinute` deliveries per sliding minute;
 * failures (network, timeout, 5xx, 429) are retried with backoff, and a delivery given up on
 * becomes a dead-letter record (`K.notifyDead`, counted in `K.total("notify_dead")`).
 *
 * @module
 */
import { retryWhileLocked } from "../core/kv_retry.ts";
import { K, timeId } from "../core/kv_keys.ts";
import { type Incident, type Severity, SEVERITY_RANK } from "../core/schemas.ts";
import { slackPayload, webhookPayload } from "./payload.ts";
import { signBody } from "./sign.ts";

/** Where and how to notify; timings default to a minute window, 10 s attempts, 200 queued. */
export interface NotifierOptions {
  /** Webhook URLs; each gets every notification. */
  endpoints: string[];
  /** The generic JSON body or a Slack-compatible message. */
  format: "json" | "slack";
  /** Signs every body when set (required for json by the config). */
  secret?: string;
  /** Incidents below this severity are not announced. */
  minSeverity: Severity;
  /** Deliveries per endpoint per window. */
  perMinute: number;
  /** The rate-limit window (ms; a minute unless a test shortens it). */
  windowMs?: number;
  /** Backoff before each retry (ms); its length is the number of retries. */
  backoffMs?: number[];
  /** Longest one HTTP attempt may take (ms). */
  timeoutMs?: number;
  /** Deliveries waiting per endpoint; past it the oldest goes to the dead letters. */
  maxQueue?: number;
}

/** What the notifier knows of an incident (`K.notifySent`): severity seen last, and announced. */
interface Seen {
  seen: Severity;
  announced?: Severity;
}

/** A delivery given up on, as stored under `K.notifyDead`. */
export interface DeadLetter {
  /** When it was given up on (epoch ms). */
  at: number;
  /** The endpoint's origin only: paths of Slack-style URLs are secrets. */
  endpoint: string;
  /** The endpoint's position in the configured list. */
  endpointIndex: number;
  /** The payload's delivery id. */
  deliveryId: string;
  /** The incident it announced. */
  incidentId: string;
  /** The payload's event type ("incident.created", "incident.severity_raised"). */
  type: string;
  /** HTTP attempts made (0 when it never left the queue). */
  attempts: number;
  /** The last failure ("HTTP 500", "timed out", "queue full", ...). */
  error: string;
  /** The body that was to be sent. */
  body: string;
}

/** What `/api/health` shows of notifications (plus the KV dead-letter count). */
export interface NotifierStatus {
  /** Endpoints configured. */
  endpoints: number;
  /** Deliveries waiting, over all endpoints. */
  queued: number;
  /** Deliveries that succeeded since start. */
  delivered: number;
  /** Failed HTTP attempts since start (retried or not). */
  failedAttempts: number;
  /** Deliveries given up on since start. */
  deadLetters: number;
  /** The last failure, with the endpoint's origin and index (null before any). */
  lastError: string | null;
}

interface Job {
  deliveryId: string;
  incidentId: string;
  type: string;
  body: string;
}

interface Endpoint {
  url: string;
  index: number;
  queue: Job[];
  sentAt: number[];
  running?: Promise<void>;
}

/** Redacts a URL to its origin. */
function origin(url: string): string {
  return new URL(url).origin;
}

/** See the module doc. */
export class Notifier {
  #kv: Deno.Kv;
  #opts: NotifierOptions;
  #endpoints: Endpoint[];
  #stop = new AbortController();
  #wake = new Set<() => void>();
  #counts = { delivered: 0, failedAttempts: 0, deadLetters: 0 };
  #lastError: string | null = null;

  /** Idle until {@link Notifier.notifyIncident} queues a delivery. */
  constructor(kv: Deno.Kv, opts: NotifierOptions) {
    this.#kv = kv;
    this.#opts = opts;
    this.#endpoints = opts.endpoints.map((url, index) => ({ url, index, queue: [], sentAt: [] }));
  }

  /**
   * Call on every change of an incident (created or updated; `previous`, when the caller
   * knows it, is the severity before the change). Queues one delivery per endpoint when the
   * incident is at or above the minimum severity, not resolved or marked a false positive,
   * and this severity was not announced yet: "incident.created" the first time the notifier
   * sees the incident, else "incident.severity_raised" from the severity it saw last.
   * Returns how many deliveries were queued.
   */
  async notifyIncident(incident: Incident, previous?: Severity): Promise<number> {
    if (this.#endpoints.length === 0 || this.#stop.signal.aborted) return 0;
    const rank = (s: Severity) => SEVERITY_RANK[s];
    const entry = await this.#kv.get<Seen>(K.notifySent(incident.id));
    const state = entry.value;
    // An operator already closed it: a late step-up is not news to page anyone for.
    const closed = incident.status === "resolved" || incident.status === "false_positive";
    const announce = !closed && rank(incident.severity) >= rank(this.#opts.minSeverity) &&
      (!state?.announced || rank(incident.severity) > rank(state.announced));
    if (!announce && state?.seen === incident.severity) return 0; // nothing new: no write
    const next: Seen = {
      seen: incident.severity,
      ...(announce || state?.announced
        ? { announced: announce ? incident.severity : state!.announced }
        : {}),
    };
    const claimed = await retryWhileLocked(() =>
      this.#kv.atomic().check(entry)
        .set(K.notifySent(incident.id), next, { expireIn: 30 * 86_400_000 }).commit()
    );
    if (!claimed.ok || !announce) return 0; // another caller got there first, or below the bar
    const seenBefore = previous ?? state?.seen;
    const before = seenBefore !== incident.severity ? seenBefore : undefined;
    const payload = webhookPayload(incident, before, timeId());
    const body = JSON.stringify(this.#opts.format === "slack" ? slackPayload(payload) : payload);
    for (const ep of this.#endpoints) {
      ep.queue.push({
        deliveryId: payload.deliveryId,
        incidentId: incident.id,
        type: payload.type,
        body,
      });
      const max = this.#opts.maxQueue ?? 200;
      while (ep.queue.length > max) await this.#dead(ep, ep.queue.shift()!, 0, "queue full");
      ep.running ??= this.#drain(ep).finally(() => ep.running = undefined);
    }
    return this.#endpoints.length;
  }

  /** Counters and queue lengths now. */
  status(): NotifierStatus {
    return {
      endpoints: this.#endpoints.length,
      queued: this.#endpoints.reduce((n, ep) => n + ep.queue.length, 0),
      ...this.#counts,
      lastError: this.#lastError,
    };
  }

  /** Stops delivering; what is still queued becomes dead letters ("not delivered before shutdown"). */
  async stop(): Promise<void> {
    this.#stop.abort();
    for (const wake of this.#wake) wake();
    await Promise.allSettled(this.#endpoints.map((ep) => ep.running));
    for (const ep of this.#endpoints) {
      for (const job of ep.queue.splice(0)) {
        await this.#dead(ep, job, 0, "not delivered before shutdown");
      }
    }
  }

  async #drain(ep: Endpoint): Promise<void> {
    const windowMs = this.#opts.windowMs ?? 60_000;
    while (ep.queue.length && !this.#stop.signal.aborted) {
      const now = Date.now();
      while (ep.sentAt.length && ep.sentAt[0] <= now - windowMs) ep.sentAt.shift();
      if (ep.sentAt.length >= this.#opts.perMinute) {
        await this.#sleep(ep.sentAt[0] + windowMs - now);
        continue;
      }
      const job = ep.queue[0];
      ep.sentAt.push(now);
      await this.#deliver(ep, job);
      ep.queue.shift();
    }
  }

  async #deliver(ep: Endpoint, job: Job): Promise<void> {
    const backoff = this.#opts.backoffMs ?? [1000, 5000, 30_000];
    const headers: Record<string, string> = {
      "content-type": "application/json",
      "user-agent": "INSyT-webhook/1",
      "x-insyt-event": job.type,
      "x-insyt-delivery": job.deliveryId,
    };
    if (this.#opts.secret) {
      headers["x-insyt-signature"] = await signBody(this.#opts.secret, job.body);
    }
    let error = "", attempts = 0;
    for (let attempt = 0; attempt <= backoff.length; attempt++) {
      let wait = backoff[attempt] ?? 0;
      attempts++;
      try {
        const res = await fetch(ep.url, {
          method: "POST",
          headers,
          body: job.body,
          signal: AbortSignal.timeout(this.#opts.timeoutMs ?? 10_000),
          redirect: "manual",
        });
        await res.body?.cancel();
        if (res.ok) {
          this.#counts.delivered++;
          return;
        }
        error = `HTTP ${res.status}`;
        const retryAfter = Number(res.headers.get("retry-after"));
        if (res.status === 429 && retryAfter > 0) wait = Math.min(retryAfter * 1000, 60_000);
        else if (res.status < 500 && res.status !== 429) {
          this.#failed(ep, error);
          break; // the receiver refuses this body: a retry gets the same refusal
        }
      } catch (e) {
        error = (e as Error).name === "TimeoutError" ? "timed out" : String((e as Error).message);
      }
      this.#failed(ep, error);
      if (attempt === backoff.length || this.#stop.signal.aborted) break;
      await this.#sleep(wait * (0.75 + Math.random() / 2));
    }
    await this.#dead(ep, job, attempts, error);
  }

  #failed(ep: Endpoint, error: string): void {
    this.#counts.failedAttempts++;
    this.#lastError = `${origin(ep.url)} (#${ep.index}): ${error}`;
  }

  async #dead(ep: Endpoint, job: Job, attempts: number, error: string): Promise<void> {
    const record: DeadLetter = {
      at: Date.now(),
      endpoint: origin(ep.url),
      endpointIndex: ep.index,
      deliveryId: job.deliveryId,
      incidentId: job.incidentId,
      type: job.type,
      attempts,
      error,
      body: job.body,
    };
    this.#counts.deadLetters++;
    const key = K.notifyDead(timeId());
    await retryWhileLocked(() =>
      this.#kv.atomic().set(key, record, { expireIn: 7 * 86_400_000 })
        .sum(K.total("notify_dead"), 1n).commit()
    );
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(t);
        this.#wake.delete(done);
        resolve();
      };
      const t = setTimeout(done, Math.max(0, ms));
      this.#wake.add(done);
    });
  }
}

/** Dead letters recorded so far (any thread, for `/api/health`). */
export async function deadLetterCount(kv: Deno.Kv): Promise<number> {
  const v = (await kv.get<Deno.KvU64>(K.total("notify_dead"))).value;
  return v ? Number(v.value) : 0;
}
