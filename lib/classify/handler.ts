/**
 * The queue handler: classifies one batch and commits its results atomically with the batch's
 * "done" key, so redelivery (at-least-once) never double-counts. Attack lines become detections
 * (with the previous lines of the same source as context); every line is counted per minute, class
 * and host; benign lines are counted, not stored; junk lines are counted. Optional hooks:
 * `shortcut` (lines an active incident already explains skip the model and are counted, not
 * stored) and `extend` (incident grouping added to the same commit).
 *
 * @module
 */
import type { Prediction } from "./classifier.ts";
import { K } from "../core/kv_keys.ts";
import type {
  BatchExtension,
  BatchMessage,
  ClassifiedLine,
  Detection,
  Shortcut,
  ShortcutFn,
} from "../core/schemas.ts";
import { retryWhileLocked } from "../core/kv_retry.ts";
import { batchRecords } from "./expand.ts";
import { hostOf, sourceKey } from "../core/source.ts";

/** Handler settings. */
export interface HandlerOptions {
  /** How long detections and counters live (ms). */
  retentionMs: number;
  /** Previous lines kept per source as context. */
  contextLines: number;
  /** Adds to the batch's commit (incidents): re-run when the commit fails one of its checks. */
  extend?: BatchExtension;
  /** Lines an active incident already explains skip the model (counted, not stored). */
  shortcut?: ShortcutFn;
}

/** Classifies many lines, in order (a Classifier or a worker pool). */
export type ClassifyFn = (lines: string[]) => Promise<Prediction[]>;

const CONTEXT_CHARS = 512;
/** Deno KV's limit on mutations in one atomic commit. */
const MAX_MUTATIONS = 1000;
/** Commits tried before the batch is handed back to the queue for redelivery. */
const MAX_CONFLICTS = 30;

/** KV refuses a commit over its limits (mutations, checks, bytes): retrying cannot help. */
const OVER_LIMIT = /too many|too large|exceeds/i;

/**
 * Handles one batch. Returns "duplicate" when an earlier delivery already committed it.
 * @example listenQueue((m) => handleBatch(kv, (l) => classifier.classify(l), m, opts));
 */
export async function handleBatch(
  kv: Deno.Kv,
  classify: ClassifyFn,
  msg: BatchMessage,
  opts: HandlerOptions,
): Promise<"done" | "duplicate"> {
  const done = await kv.get(K.batchDone(msg.id));
  if (done.versionstamp !== null) return "duplicate";
  const records = batchRecords(msg);
  const { known, preds }: { known: (Shortcut | undefined)[]; preds: (Prediction | undefined)[] } =
    opts.shortcut
      ? await opts.shortcut(records, classify)
      : { known: [], preds: await classify(records.map((r) => r.line)) };
  const keys = [...new Set(records.map((r) => sourceKey(r.source)))];
  const stored = await kv.getMany<string[][]>(keys.map((k) => K.context(k)));
  const ctx = new Map(keys.map((k, i) => [k, stored[i].value ?? []]));
  const expireIn = opts.retentionMs;
  const detections: Detection[] = [];
  const perMinute = new Map<
    string,
    { minute: number; label: Prediction["label"]; host: string; n: number }
  >();
  const perLabel = new Map<string, number>();
  const now = Date.now();
  let invalid = 0, junk = 0;
  const lines: ClassifiedLine[] = [];
  records.forEach((r, i) => {
    if (r.source.parseError || r.source.invalidUtf8) invalid++;
    const p = preds[i];
    if (p?.junk) junk++;
    const label = p?.label ?? known[i]!.label;
    const key = sourceKey(r.source);
    const previous = ctx.get(key)!;
    if (p && p.label !== "benign") {
      const id = `${msg.id}-${String(i).padStart(4, "0")}`;
      const det: Detection = {
        id,
        line: r.line,
        label: p.label,
        score: p.score,
        scores: p.scores,
        attack: p.attack,
        source: r.source,
        receivedAt: r.receivedAt,
        classifiedAt: now,
        context: [...previous],
      };
      detections.push(det);
    }
    lines.push({
      record: r,
      label,
      techniques: p?.attack.techniques ?? known[i]!.techniques,
      context: previous,
      ...(p && label !== "benign" ? { detectionId: detections.at(-1)!.id } : {}),
      ...(p ? {} : { shortcut: true }),
    });
    ctx.set(key, [...previous, r.line.slice(0, CONTEXT_CHARS)].slice(-opts.contextLines));
    const minute = Math.floor(r.receivedAt / 60_000) * 60_000;
    const mk = `${minute}|${label}|${hostOf(r.source)}`;
    const m = perMinute.get(mk) ?? { minute, label, host: hostOf(r.source), n: 0 };
    m.n++;
    perMinute.set(mk, m);
    perLabel.set(label, (perLabel.get(label) ?? 0) + 1);
  });
  const shortcuts = known.filter(Boolean).length;
  const commit = (extra?: (op: Deno.AtomicOperation) => void) => {
    const op = kv.atomic().check(done).set(K.batchDone(msg.id), true, { expireIn });
    for (const d of detections) {
      op.set(K.detection(d.id), d, { expireIn }).set(K.byLabel(d.label, d.id), null, { expireIn });
    }
    for (const [k, lines] of ctx) op.set(K.context(k), lines, { expireIn });
    for (const m of perMinute.values()) op.sum(K.minute(m.minute, m.label, m.host), BigInt(m.n));
    for (const [label, n] of perLabel) op.sum(K.total(`label:${label}`), BigInt(n));
    if (invalid) op.sum(K.total("invalid"), BigInt(invalid));
    if (junk) op.sum(K.total("junk"), BigInt(junk));
    if (shortcuts) op.sum(K.total("shortcut"), BigInt(shortcuts));
    op.sum(K.total("classified"), BigInt(records.length)).sum(K.total("done"), 1n);
    extra?.(op);
    return op.commit();
  };
  const extend = opts.extend;
  if (!extend) return (await retryWhileLocked(() => commit())).ok ? "done" : "duplicate";
  const used = 2 * detections.length + ctx.size + perMinute.size + perLabel.size + 6;
  const batch = { id: msg.id, lines, now, budget: MAX_MUTATIONS - used };
  // One grouping commit at a time per isolate: the queue runs up to 100 handlers at once, and
  // every grouping commit checks the event sequence, so concurrent ones conflicted until a batch
  // gave up ("commit kept conflicting" under the kill -9 test). Classification stays parallel;
  // only the other worker's commits can still conflict, and are retried.
  return await inLane(kv, async (): Promise<"done" | "duplicate"> => {
    for (let attempt = 1;; attempt++) {
      const extra = await extend(batch);
      let res: Deno.KvCommitResult | Deno.KvCommitError;
      try {
        res = await retryWhileLocked(() => commit(extra));
      } catch (e) {
        if (!OVER_LIMIT.test((e as Error).message)) throw e;
        // The detections matter more than grouping: keep them, count what was not grouped.
        res = await retryWhileLocked(() =>
          commit((op) => op.sum(K.total("ungrouped_batches"), 1n))
        );
        return res.ok ? "done" : "duplicate";
      }
      if (res.ok) return "done";
      if ((await kv.get(K.batchDone(msg.id))).versionstamp !== null) return "duplicate";
      if (attempt >= MAX_CONFLICTS) throw new Error(`batch ${msg.id}: commit kept conflicting`);
      await new Promise((r) => setTimeout(r, Math.random() * 5 * attempt));
    }
  });
}

const lanes = new WeakMap<Deno.Kv, Promise<unknown>>();

/** Runs `fn` after every earlier `fn` of this isolate on `kv` has settled. */
function inLane<T>(kv: Deno.Kv, fn: () => Promise<T>): Promise<T> {
  const run = (lanes.get(kv) ?? Promise.resolve()).then(fn, fn);
  lanes.set(kv, run.catch(() => {}));
  return run;
}
