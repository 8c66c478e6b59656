/**
 * The event log: a bounded, ordered record of what changed (incidents created and updated,
 * detection counts per batch, suppression changes) that `GET /api/events` streams and
 * resumes from (`Last-Event-ID` = the last `seq` seen). Writers append inside their own
 * atomic commit and check the sequence key they read, so sequence numbers never repeat or
 * reorder, and two writers of the same state conflict instead of overwriting each other.
 *
 * @module
 */
import { retryWhileLocked } from "../core/kv_retry.ts";
import { K } from "../core/kv_keys.ts";
import type { ServiceEvent } from "../core/schemas.ts";

/** How long events are kept for resuming clients (default 1 h). */
export const EVENT_TTL_MS = 3_600_000;

/** The sequence entry a writer read (check it in the same commit). */
export type SeqEntry = Deno.KvEntryMaybe<number>;

/** Reads the current sequence entry. */
export function readSeq(kv: Deno.Kv): Promise<SeqEntry> {
  return kv.get<number>(K.eventSeq);
}

/**
 * Appends `events` to `op` after the sequence `seq` was read: adds the check, one entry holding
 * every event (keyed by its last seq) and the new sequence number.
 */
export function appendEvents(
  op: Deno.AtomicOperation,
  seq: SeqEntry,
  events: Omit<ServiceEvent, "seq">[],
  ttlMs = EVENT_TTL_MS,
): void {
  op.check(seq);
  if (!events.length) return;
  const first = (seq.value ?? 0) + 1;
  const stored: ServiceEvent[] = events.map((e, i) => ({ ...e, seq: first + i }));
  const last = first + events.length - 1;
  op.set(K.events(last), stored, { expireIn: ttlMs }).set(K.eventSeq, last);
}

/** Events with `seq` greater than `after`, oldest first, at most `limit`. */
export async function eventsAfter(
  kv: Deno.Kv,
  after: number,
  limit = 1000,
): Promise<ServiceEvent[]> {
  const out: ServiceEvent[] = [];
  const iter = kv.list<ServiceEvent[]>({
    start: K.events(after + 1),
    end: [...K.eventsPrefix, Number.MAX_SAFE_INTEGER],
  });
  for await (const e of iter) {
    for (const ev of e.value) if (ev.seq > after && out.length < limit) out.push(ev);
    if (out.length >= limit) break;
  }
  return out;
}

/** The last sequence number written (0 before any event). */
export async function lastSeq(kv: Deno.Kv): Promise<number> {
  return (await readSeq(kv)).value ?? 0;
}

/**
 * Appends events outside a batch commit (advice updates): read the sequence, append with its
 * check, and on a conflict with a batch commit back off (a random 5–25 ms times the attempt) and
 * try again. Without the backoff, 250 advice updates at once lost 20 tries each against the
 * grouping commits and slowed them down in turn.
 */
export async function publishEvents(
  kv: Deno.Kv,
  events: Omit<ServiceEvent, "seq">[],
  ttlMs = EVENT_TTL_MS,
): Promise<void> {
  for (let attempt = 1; attempt <= 20; attempt++) {
    const op = kv.atomic();
    appendEvents(op, await readSeq(kv), events, ttlMs);
    if ((await retryWhileLocked(() => op.commit())).ok) return;
    await new Promise((r) => setTimeout(r, attempt * (5 + 20 * Math.random())));
  }
  throw new Error(`${events.length} events not published: the event log kept moving (20 tries)`);
}

/** Collects events and appends them together every `everyMs`: one commit for a burst. */
export class EventPublisher {
  #kv: Deno.Kv;
  #pending: Omit<ServiceEvent, "seq">[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;
  #everyMs: number;
  #flushing: Promise<void> = Promise.resolve();
  /** Told when a burst could not be appended (it is dropped: events are hints, not data). */
  onError: (e: Error) => void = () => {};

  /** Appends to the event log of `kv` at most every `everyMs`. */
  constructor(kv: Deno.Kv, everyMs = 250) {
    this.#kv = kv;
    this.#everyMs = everyMs;
  }

  /** Queues one event for the next append. */
  publish(event: Omit<ServiceEvent, "seq">): void {
    this.#pending.push(event);
    this.#timer ??= setTimeout(() => void this.flush(), this.#everyMs);
  }

  /** Appends what is queued now; resolves when it is written (or dropped). */
  flush(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const events = this.#pending.splice(0);
    if (!events.length) return this.#flushing;
    this.#flushing = this.#flushing.then(() =>
      publishEvents(this.#kv, events).catch((e) => this.onError(e as Error))
    );
    return this.#flushing;
  }
}
