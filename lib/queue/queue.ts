/**
 * @module The Deno KV queue of line batches: enqueue in one atomic commit (with a
 * dead-letter key and the backlog counter, plus any caller mutation such as a watched
 * file's position), and read the queue's state.
 */
import { K } from "../core/kv_keys.ts";
import type { BatchMessage, QueueState } from "../core/schemas.ts";

/** Counts batches and lines per transport as they are committed. */
function countReceived(op: Deno.AtomicOperation, msg: BatchMessage) {
  const per = new Map<string, number>();
  for (const seg of msg.segments) {
    per.set(seg.source.transport, (per.get(seg.source.transport) ?? 0) + seg.lines.length);
  }
  for (const [t, n] of per) op.sum(K.total(`received:${t}`), BigInt(n));
  op.sum(K.total("enqueued"), 1n);
}

/**
 * Commits batches to the queue in ONE atomic commit; resolves only once they are durable.
 * `extra` adds mutations to the same commit (e.g. a watched file's new read position).
 * Keep the total under KV's commit size (about 10 batches of 56 KiB).
 * @example await enqueueBatches(kv, [{ kind: "batch", id: timeId(), segments }]);
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
  const res = await retryWhileLocked(() => op.commit());
  if (!res.ok) throw new Error(`enqueue of ${msgs.length} batches was not committed`);
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

/**
 * Runs `f` again while SQLite reports the KV file busy (another process or worker is
 * writing): a short local retry instead of failing the message into KV's slow redelivery.
 */
export async function retryWhileLocked<T>(f: () => Promise<T>, tries = 8): Promise<T> {
  for (let i = 1;; i++) {
    try {
      return await f();
    } catch (e) {
      if (i >= tries || !/database is locked/.test((e as Error).message)) throw e;
      await new Promise((r) => setTimeout(r, 10 * 2 ** i * (0.5 + Math.random())));
    }
  }
}
