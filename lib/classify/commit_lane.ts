/**
 * The queue handler's commit lane: classified batches commit one group at a time per isolate
 * and KV handle, and the batches that queued up while a group committed commit together, in one
 * atomic operation with one incident-grouping pass (group commit). Each batch keeps its own
 * "done" check and key in that operation, so redelivery still changes nothing, and a batch that
 * turns out done already is dropped from its group, which commits without it.
 *
 * Why one lane: every grouping commit checks the event sequence, so concurrent ones conflicted
 * until a batch gave up. Why groups: the lane's reads and its commit cost about the same for
 * many batches as for one, and the lane, not the model, bounded the service on repetitive
 * streams.
 *
 * @module
 */
import { K } from "../core/kv_keys.ts";
import type { BatchAddition, BatchExtension, ClassifiedLine } from "../core/batch_contracts.ts";
import type { Detection } from "../core/schemas.ts";
import type { Label } from "../core/taxonomy.ts";
import { retryWhileLocked } from "../core/kv_retry.ts";
import { readMany } from "../core/kv_read.ts";

/** One classified batch, ready to commit. */
export interface ReadyBatch {
  /** The batch id. */
  id: string;
  /** Its "done" entry as read before classification (checked in the commit). */
  done: Deno.KvEntryMaybe<unknown>;
  /** Attack lines to store. */
  detections: Detection[];
  /** Each source's context lines after this batch. */
  context: Map<string, string[]>;
  /** Lines per minute, class and host. */
  perMinute: Map<string, { minute: number; label: Label; host: string; n: number }>;
  /** Lines per class. */
  perLabel: Map<Label, number>;
  /** Lines with an invalid syslog header or invalid bytes. */
  invalid: number;
  /** Junk lines (binary, random bytes). */
  junk: number;
  /** Lines the attack-storm shortcut counted without the model. */
  shortcuts: number;
  /** Every line with its verdict, for the extension. */
  lines: ClassifiedLine[];
  /** When it was classified. */
  now: number;
}

/** How a lane commits. */
export interface LaneOptions {
  /** Life of what the commit writes (ms). */
  retentionMs: number;
  /** Adds incident grouping to each commit. */
  extend?: BatchExtension;
}

/** Deno KV's limit on mutations in one atomic commit. */
const MAX_MUTATIONS = 1000;
/** The most batches in one commit (KV allows 100 checks; the extension adds one). */
const MAX_BATCHES = 48;
/** A group's own mutations at most, before the extension's, which are known only later. */
const GROUP_MUTATIONS = 500;
/** A group's stored text at most, in UTF-16 units (KV allows 800 KiB of mutations). */
const GROUP_CHARS = 160_000;
/** Commits tried before the batches are handed back to the queue for redelivery. */
const MAX_CONFLICTS = 30;
/** KV refuses a commit over its limits (mutations, checks, bytes): retrying cannot help. */
const OVER_LIMIT = /too many|too large|exceeds/i;

/** A batch committed ("done") or found committed by an earlier delivery ("duplicate"). */
export type Outcome = "done" | "duplicate";

interface Waiting {
  batch: ReadyBatch;
  o: LaneOptions;
  resolve: (o: Outcome) => void;
  reject: (e: Error) => void;
}

/** Mutations a group's own writes take (done keys, detections, contexts, counters). */
function ownMutations(group: ReadyBatch[]): number {
  const keys = (f: (b: ReadyBatch) => Iterable<string>) =>
    new Set(group.flatMap((b) => [...f(b)])).size;
  return group.length + 2 * group.reduce((n, b) => n + b.detections.length, 0) +
    keys((b) => b.context.keys()) + keys((b) => b.perMinute.keys()) +
    keys((b) => b.perLabel.keys()) + 5;
}

/** Text a batch stores: its detections with their context lines, and its contexts. */
function storedChars(b: ReadyBatch): number {
  let n = 0;
  for (const d of b.detections) n += 400 + d.line.length + d.context.join("").length;
  for (const lines of b.context.values()) n += 40 + lines.join("").length;
  return n;
}

/** Adds the group's own writes to `op`: per batch its check and done key, the rest merged. */
function writeGroup(op: Deno.AtomicOperation, group: ReadyBatch[], expireIn: number): void {
  const context = new Map<string, string[]>();
  const perMinute = new Map<string, { minute: number; label: Label; host: string; n: number }>();
  const perLabel = new Map<Label, number>();
  const totals = new Map<string, number>();
  const add = (k: string, n: number) => n && totals.set(k, (totals.get(k) ?? 0) + n);
  for (const b of group) {
    op.check(b.done).set(K.batchDone(b.id), true, { expireIn });
    for (const d of b.detections) {
      op.set(K.detection(d.id), d, { expireIn }).set(K.byLabel(d.label, d.id), null, { expireIn });
    }
    // A source's context as its last batch left it, as when each batch committed alone.
    for (const [k, lines] of b.context) context.set(k, lines);
    for (const [k, m] of b.perMinute) {
      const had = perMinute.get(k);
      perMinute.set(k, had ? { ...had, n: had.n + m.n } : m);
    }
    for (const [label, n] of b.perLabel) perLabel.set(label, (perLabel.get(label) ?? 0) + n);
    add("invalid", b.invalid);
    add("junk", b.junk);
    add("shortcut", b.shortcuts);
    add("classified", b.lines.length);
  }
  add("done", group.length);
  for (const [k, lines] of context) op.set(K.context(k), lines, { expireIn });
  for (const m of perMinute.values()) op.sum(K.minute(m.minute, m.label, m.host), BigInt(m.n));
  for (const [label, n] of perLabel) op.sum(K.total(`label:${label}`), BigInt(n));
  for (const [k, n] of totals) op.sum(K.total(k), BigInt(n));
}

/** The longest run of waiting batches from the head that fits one commit (at least one). */
function takeGroup(waiting: Waiting[]): Waiting[] {
  const group: Waiting[] = [];
  const ids = new Set<string>();
  let chars = 0;
  for (let i = 0; i < waiting.length && group.length < MAX_BATCHES; i++) {
    const w = waiting[i];
    // Another handler's settings, or a redelivery of a batch in this group: a later group.
    const head = waiting[0].o;
    if (w.o.extend !== head.extend || w.o.retentionMs !== head.retentionMs) continue;
    if (ids.has(w.batch.id)) continue;
    const size = storedChars(w.batch);
    const next = [...group, w];
    if (
      group.length &&
      (chars + size > GROUP_CHARS || ownMutations(next.map((x) => x.batch)) > GROUP_MUTATIONS)
    ) break;
    group.push(w);
    ids.add(w.batch.id);
    chars += size;
  }
  for (const w of group) waiting.splice(waiting.indexOf(w), 1);
  return group;
}

/** Commits one group, splitting it where it does not fit; settles each batch's promise. */
async function commitGroup(kv: Deno.Kv, group: Waiting[], o: LaneOptions): Promise<void> {
  const expireIn = o.retentionMs;
  let live = group;
  const split = async () => {
    const half = Math.ceil(live.length / 2);
    await commitGroup(kv, live.slice(0, half), o);
    await commitGroup(kv, live.slice(half), o);
  };
  for (let attempt = 1;; attempt++) {
    const batches = live.map((w) => w.batch);
    const own = ownMutations(batches);
    const extra: BatchAddition | undefined = await o.extend?.({
      ids: batches.map((b) => b.id),
      lines: batches.flatMap((b) => b.lines),
      now: Math.max(...batches.map((b) => b.now)),
      budget: MAX_MUTATIONS - own,
    });
    if (extra && live.length > 1 && own + extra.mutations > MAX_MUTATIONS) return await split();
    const commit = (add?: (op: Deno.AtomicOperation) => void) => {
      const op = kv.atomic();
      writeGroup(op, batches, expireIn);
      add?.(op);
      return op.commit();
    };
    let res: Deno.KvCommitResult | Deno.KvCommitError;
    try {
      res = await retryWhileLocked(() => commit(extra?.apply));
    } catch (e) {
      if (!OVER_LIMIT.test((e as Error).message)) throw e;
      if (live.length > 1) return await split();
      if (!extra) throw e;
      // The detections matter more than grouping: keep them, count what was not grouped.
      res = await retryWhileLocked(() => commit((op) => op.sum(K.total("ungrouped_batches"), 1n)));
    }
    if (res.ok) {
      for (const w of live) w.resolve("done");
      return;
    }
    // A failed check: some batch is done already (a redelivery committed it), or what the
    // extension read has changed. Drop the done ones; the rest run again on fresh state.
    const done = await readMany(kv, batches.map((b) => K.batchDone(b.id)));
    live = live.filter((w, i) => {
      w.batch.done = done[i];
      if (done[i].versionstamp === null) return true;
      w.resolve("duplicate");
      return false;
    });
    if (!live.length) return;
    if (attempt >= MAX_CONFLICTS) {
      throw new Error(`batches ${live.map((w) => w.batch.id).join(", ")}: commit kept conflicting`);
    }
    await new Promise((r) => setTimeout(r, Math.random() * 5 * attempt));
  }
}

interface Lane {
  waiting: Waiting[];
  running: boolean;
}

const lanes = new WeakMap<Deno.Kv, Lane>();

/**
 * Commits `batch` through `kv`'s lane of this isolate, with the batches waiting beside it.
 * Resolves "duplicate" when an earlier delivery already committed it; rejects when its group's
 * commit failed (the queue then redelivers it).
 * @example await commitInLane(kv, ready, { retentionMs, extend });
 */
export function commitInLane(kv: Deno.Kv, batch: ReadyBatch, o: LaneOptions): Promise<Outcome> {
  let lane = lanes.get(kv);
  if (!lane) lanes.set(kv, lane = { waiting: [], running: false });
  const l = lane;
  const p = new Promise<Outcome>((resolve, reject) =>
    l.waiting.push({ batch, o, resolve, reject })
  );
  if (!l.running) {
    l.running = true;
    (async () => {
      while (l.waiting.length) {
        const group = takeGroup(l.waiting);
        try {
          await commitGroup(kv, group, group[0].o);
        } catch (e) {
          for (const w of group) w.reject(e as Error);
        }
      }
      l.running = false;
    })();
  }
  return p;
}
