/**
 * The queue handler: classifies one batch and commits its results atomically with the batch's
 * "done" key, so redelivery (at-least-once) never double-counts. Attack lines become detections
 * (with the previous lines of the same source as context); every line is counted per minute, class
 * and host; benign lines are counted, not stored; junk lines are counted. Optional hooks:
 * `shortcut` (lines an active incident already explains skip the model and are counted, not
 * stored) and `extend` (incident grouping added to the same commit). Batches commit through
 * the commit lane (commit_lane.ts), together with the batches that wait beside them.
 *
 * @module
 */
import type { Prediction } from "./classifier.ts";
import { K } from "../core/kv_keys.ts";
import type {
  BatchExtension,
  ClassifiedLine,
  Shortcut,
  ShortcutFn,
} from "../core/batch_contracts.ts";
import type { BatchMessage, Detection } from "../core/schemas.ts";
import { commitInLane, type ReadyBatch } from "./commit_lane.ts";
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
  const detections: Detection[] = [];
  const perMinute: ReadyBatch["perMinute"] = new Map();
  const perLabel: ReadyBatch["perLabel"] = new Map();
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
  const ready: ReadyBatch = {
    id: msg.id,
    done,
    detections,
    context: ctx,
    perMinute,
    perLabel,
    invalid,
    junk,
    shortcuts: known.filter(Boolean).length,
    lines,
    now,
  };
  return await commitInLane(kv, ready, opts);
}
