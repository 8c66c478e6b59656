/**
 * The advice runner: takes requests by incident id ("created", "severity stepped up", "asked
 * for"), runs at most one job per incident at a time (a request during a job runs once more
 * after it), at most `concurrency` model calls at once and `maxPerHour` per sliding hour, and
 * remembers the incidents left with a playbook because the model was unavailable. A recheck
 * timer probes the server and upgrades those to the model's text once it is back.
 *
 * @module
 */
import { event } from "../core/log.ts";
import { type Advice, SEVERITY_RANK } from "../core/schemas.ts";
import { AdviceError, type AdviceModel, type BackendStatus } from "./client.ts";
import { type AdviceStore, adviseIncident } from "./advise.ts";

/** Limits and timings of an {@link AdviceRunner}; every field has a default. */
export interface RunnerOptions {
  /** Model calls at once (a CPU-only Ollama serves one at a time anyway). */
  concurrency?: number;
  /** Model calls per sliding hour; 0 means playbooks only. */
  maxPerHour?: number;
  /** Further tries after a retryable failure (default 1). */
  retries?: number;
  /** Backoff before each retry (ms, default [1000, 5000]). */
  backoffMs?: number[];
  /** Least time between two stored partial answers (ms, default 250). */
  flushMs?: number;
  /** How often the server is probed and waiting incidents are upgraded (ms). */
  recheckMs?: number;
  /** Called whenever the status may have changed (e.g. to store it for /api/health). */
  onStatus?: (status: RunnerStatus) => void;
}

/** The backend's state plus the runner's own, for `/api/health`. */
export interface RunnerStatus extends BackendStatus {
  /** Model calls in progress. */
  running: number;
  /** Incidents whose request waits for a job to start. */
  queued: number;
  /** Incidents showing a playbook until the model is back. */
  awaitingModel: number;
  /** Model calls started in the last hour. */
  callsLastHour: number;
  /** The hourly budget of model calls. */
  maxPerHour: number;
}

/** See the module doc. */
export class AdviceRunner {
  #store: AdviceStore;
  #model: AdviceModel;
  #opts: RunnerOptions;
  #jobs = new Map<string, Promise<Advice | null>>();
  #waiting = new Map<string, { force: boolean; promise: Promise<Advice | null> }>();
  #awaiting = new Set<string>();
  #calls: number[] = [];
  #slots: (() => void)[] = [];
  #running = 0;
  #timer?: ReturnType<typeof setTimeout>;
  #ticking?: Promise<void>;
  #stop = new AbortController();

  /** Idle until {@link AdviceRunner.start} or a request. */
  constructor(store: AdviceStore, model: AdviceModel, opts: RunnerOptions = {}) {
    this.#store = store;
    this.#model = model;
    this.#opts = opts;
  }

  /** Starts the recheck timer (probes at once). */
  start(): void {
    const tick = () => {
      this.#ticking = this.recheck().finally(() => {
        if (!this.#stop.signal.aborted) {
          this.#timer = setTimeout(tick, this.#opts.recheckMs ?? 30_000);
        }
      });
    };
    this.#timer = setTimeout(tick, 0);
  }

  /** Stops the timer, aborts running calls (their incidents get the playbook), waits for jobs. */
  async stop(): Promise<void> {
    this.#stop.abort();
    clearTimeout(this.#timer);
    await this.#ticking;
    await Promise.allSettled([...this.#jobs.values()]);
  }

  /**
   * Advice for incident `id`: resolves with the advice finally stored (null for an unknown
   * incident, or once stopped). The playbook is stored before this waits for a model slot.
   * The incident is read when its job starts, so a queued request advises the newest version.
   */
  request(id: string, { force = false } = {}): Promise<Advice | null> {
    if (this.#stop.signal.aborted) return Promise.resolve(null);
    const waiting = this.#waiting.get(id);
    if (waiting) {
      waiting.force ||= force;
      return waiting.promise;
    }
    const entry = { force, promise: Promise.resolve<Advice | null>(null) };
    entry.promise = (this.#jobs.get(id) ?? Promise.resolve(null)).then(() => {
      this.#waiting.delete(id);
      return this.#run(id, entry.force);
    }).finally(() => {
      if (this.#jobs.get(id) === entry.promise) this.#jobs.delete(id);
      this.#emit();
    });
    this.#waiting.set(id, entry);
    this.#jobs.set(id, entry.promise);
    return entry.promise;
  }

  /**
   * Call on any change of incident `id` (created, updated): requests advice when it has none
   * yet or its severity rose past the one its advice was written for, and does nothing
   * otherwise (a count going up is no reason to ask the model again). Resolves with whether
   * it requested.
   */
  async consider(id: string): Promise<boolean> {
    const incident = await this.#store.get(id);
    if (!incident || this.#stop.signal.aborted) return false;
    const advice = await this.#store.getAdvice(id);
    const stale = !advice ||
      (advice.severity !== undefined &&
        SEVERITY_RANK[incident.severity] > SEVERITY_RANK[advice.severity]);
    if (stale) {
      this.request(id).catch((e) =>
        event("advice_error", { error: `advice for ${id} failed: ${e}` })
      );
    }
    return stale;
  }

  /** Probes the server; when it is back with the model, re-requests the waiting incidents. */
  async recheck(): Promise<void> {
    if (this.#stop.signal.aborted) return;
    const s = await this.#model.probe();
    this.#emit();
    if (s.up && s.modelPresent) {
      // No more re-requests than the budget has calls left: the rest wait for the next one.
      const free = (this.#opts.maxPerHour ?? 60) - this.#recentCalls();
      for (const id of [...this.#awaiting].slice(0, Math.max(0, free))) {
        this.request(id).catch((e) =>
          event("advice_error", { error: `advice for ${id} failed: ${e}` })
        );
      }
    }
  }

  /** The backend's and the runner's state now. */
  status(): RunnerStatus {
    return {
      ...this.#model.status(),
      running: this.#running,
      queued: this.#waiting.size,
      awaitingModel: this.#awaiting.size,
      callsLastHour: this.#recentCalls(),
      maxPerHour: this.#opts.maxPerHour ?? 60,
    };
  }

  async #run(id: string, force: boolean): Promise<Advice | null> {
    const incident = await this.#store.get(id);
    if (!incident) return null;
    if (force && this.#skip()) await this.#model.probe(); // asked for: look before giving up
    const { advice, failure } = await adviseIncident(incident, {
      store: this.#store,
      model: this.#model,
      force,
      retries: this.#opts.retries,
      backoffMs: this.#opts.backoffMs,
      flushMs: this.#opts.flushMs,
      signal: this.#stop.signal,
      takeBudget: () => this.#takeBudget(),
      skipModel: () => this.#skip(),
      acquire: () => this.#acquire(),
    });
    if (failure?.waitsForRecovery && !this.#stop.signal.aborted) this.#awaiting.add(id);
    else this.#awaiting.delete(id);
    return advice;
  }

  #skip(): AdviceError | null {
    const s = this.#model.status();
    if (s.up === false) return new AdviceError("unreachable", s.lastError ?? "server down");
    if (s.modelPresent === false) {
      return new AdviceError("missing_model", `model ${s.model} is not on the server`);
    }
    return null;
  }

  #recentCalls(): number {
    const hourAgo = Date.now() - 3_600_000;
    while (this.#calls.length && this.#calls[0] < hourAgo) this.#calls.shift();
    return this.#calls.length;
  }

  #takeBudget(): boolean {
    if (this.#recentCalls() >= (this.#opts.maxPerHour ?? 60)) return false;
    this.#calls.push(Date.now());
    return true;
  }

  async #acquire(): Promise<() => void> {
    // A released slot passes straight to the next waiter, so no newcomer slips in between.
    if (this.#running >= (this.#opts.concurrency ?? 1)) {
      await new Promise<void>((resolve) => this.#slots.push(resolve));
    } else this.#running++;
    this.#emit();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.#slots.shift();
      if (next) next();
      else this.#running--;
    };
  }

  #emit(): void {
    this.#opts.onStatus?.(this.status());
  }
}
