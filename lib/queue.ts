/**
 * @module The Deno KV queue of line batches: enqueue in one atomic commit (with a
 * dead-letter key and the backlog counter, plus any caller mutation such as a watched
 * file's position), and read the queue's state.
 */
import { K } from "./kv_keys.ts";
import type { BatchMessage } from "./schemas.ts";

/** Counts batches and lines per transport as they are committed. */
function countReceived(op: Deno.AtomicOperation, msg: BatchMessage) {
  const per = new Map<string, number>();
  let invalid = 0;
  for (const r of msg.records) {
    per.set(r.source.transport, (per.get(r.source.transport) ?? 0) + 1);
    if (r.source.parseError || r.source.invalidUtf8) invalid++;
  }
  for (const [t, n] of per) op.sum(K.total(`received:${t}`), BigInt(n));
  if (invalid) op.sum(K.total("invalid"), BigInt(invalid));
  op.sum(K.total("enqueued"), 1n);
}

/**
 * Commits batches to the queue in ONE atomic commit; resolves only once they are durable.
 * `extra` adds mutations to the same commit (e.g. a watched file's new read position).
 * Keep the total under KV's commit size (about 10 batches of 56 KiB).
 * @example await enqueueBatches(kv, [{ kind: "batch", id: timeId(), records }]);
 */
export async function enqueueBatches(
  kv: Deno.Kv,
  msgs: BatchMessage[],
  extra?: (op: Deno.AtomicOperation) => void,
): Promise<void> {
  const op = kv.atomic();
  for (const msg of msgs) {
    op.enqueue(msg, { keysIfUndelivered: [K.dead(msg.id)] });
    countReceived(op, msg);
  }
  extra?.(op);
  const res = await op.commit();
  if (!res.ok) throw new Error(`enqueue of ${msgs.length} batches was not committed`);
}

/** What the queue looks like now. */
export interface QueueState {
  enqueued: number;
  done: number;
  /** Batches enqueued but not yet handled. */
  backlog: number;
  deadLetters: number;
}

async function total(kv: Deno.Kv, name: string): Promise<number> {
  const v = (await kv.get<Deno.KvU64>(K.total(name))).value;
  return v ? Number(v.value) : 0;
}

/** Reads the queue counters and counts dead letters (up to 10,000). */
export async function queueState(kv: Deno.Kv): Promise<QueueState> {
  const [enqueued, done] = await Promise.all([total(kv, "enqueued"), total(kv, "done")]);
  let deadLetters = 0;
  for await (const _ of kv.list({ prefix: K.deadPrefix }, { limit: 10_000 })) deadLetters++;
  return { enqueued, done, backlog: Math.max(0, enqueued - done), deadLetters };
}
