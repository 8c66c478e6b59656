/**
 * The activity chart's numbers: per-minute series per class with gaps filled, bucketed so a
 * chart has at most {@link MAX_POINTS} points, and a robust baseline (median, and a band of
 * median + 3 × 1.4826 × MAD, at least +2) so that spikes stand out from normal volume.
 *
 * @module
 */
import { type Label, LABELS } from "../../lib/core/taxonomy.ts";
import type { MinuteRow } from "./data.ts";

/** A chart never draws more points than this (a week of minutes is bucketed). */
export const MAX_POINTS = 360;

/** Aligned series over a window. */
export interface Series {
  /** Bucket start times (ms). */
  times: number[];
  bucketMs: number;
  byLabel: Record<Label, number[]>;
  /** Every line, attacks and benign. */
  total: number[];
}

/** Fills minutes without counters with zeros and sums them into buckets. */
export function toSeries(rows: MinuteRow[], windowMs: number, now: number): Series {
  const minutes = Math.max(1, Math.ceil(windowMs / 60_000));
  const per = Math.ceil(minutes / MAX_POINTS);
  const bucketMs = per * 60_000;
  const start = Math.floor((now - windowMs) / bucketMs) * bucketMs;
  const n = Math.floor((now - start) / bucketMs) + 1;
  const times = Array.from({ length: n }, (_, i) => start + i * bucketMs);
  const byLabel = Object.fromEntries(LABELS.map((l) => [l, new Array(n).fill(0)])) as Record<
    Label,
    number[]
  >;
  const total = new Array(n).fill(0);
  for (const r of rows) {
    const i = Math.floor((r.minute - start) / bucketMs);
    if (i < 0 || i >= n) continue;
    for (const l of LABELS) {
      byLabel[l][i] += r.counts[l] ?? 0;
      total[i] += r.counts[l] ?? 0;
    }
  }
  return { times, bucketMs, byLabel, total };
}

function median(xs: number[]): number {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Normal level of a series and the level above which a point is a spike. */
export interface Baseline {
  median: number;
  threshold: number;
  /** Indexes of the points above the threshold. */
  spikes: number[];
}

/** The robust baseline of `values`. */
export function baseline(values: number[]): Baseline {
  const med = median(values);
  const mad = median(values.map((v) => Math.abs(v - med)));
  const threshold = med + Math.max(2, 3 * 1.4826 * mad);
  const spikes = values.flatMap((v, i) => (v > threshold ? [i] : []));
  return { median: med, threshold, spikes };
}
