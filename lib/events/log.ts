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
 * Appends one event outside a batch commit (advice updates): read the sequence, append with its
 * check, retry when a batch commit moved the sequence first.
 */
export async function publishEvent(
  kv: Deno.Kv,
  event: Omit<ServiceEvent, "seq">,
  ttlMs = EVENT_TTL_MS,
): Promise<void> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const op = kv.atomic();
    appendEvents(op, await readSeq(kv), [event], ttlMs);
    if ((await retryWhileLocked(() => op.commit())).ok) return;
  }
  throw new Error("event not published: the event log kept moving (20 tries)");
}
