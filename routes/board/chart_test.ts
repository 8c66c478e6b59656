/**
 * The activity chart's series and baseline.
 *
 * @module
 */
import assert from "node:assert/strict";
import { LABELS } from "../../lib/core/taxonomy.ts";
import { baseline, MAX_POINTS, toSeries } from "./chart.ts";

const counts = (over: Record<string, number>) =>
  Object.fromEntries(LABELS.map((l) => [l, over[l] ?? 0])) as Record<
    (typeof LABELS)[number],
    number
  >;

Deno.test("Chart - minutes without counters are zeros, totals add every class", () => {
  const now = 10 * 60_000;
  const s = toSeries(
    [
      { minute: 6 * 60_000, counts: counts({ web_scan: 3, benign: 10 }) },
      { minute: 9 * 60_000, counts: counts({ web_scan: 1 }) },
    ],
    5 * 60_000,
    now,
  );
  assert.deepEqual(s.times.map((t) => t / 60_000), [5, 6, 7, 8, 9, 10]);
  assert.deepEqual(s.byLabel.web_scan, [0, 3, 0, 0, 1, 0]);
  assert.deepEqual(s.total, [0, 13, 0, 0, 1, 0]);
});

Deno.test("Chart - a week is bucketed to at most MAX_POINTS points", () => {
  const s = toSeries([], 7 * 86_400_000, Date.UTC(2026, 0, 8));
  assert.ok(s.times.length <= MAX_POINTS + 1, `${s.times.length} points`);
  assert.equal(s.bucketMs, 28 * 60_000);
});

Deno.test("Chart - a burst over steady volume is a spike, the steady minutes are not", () => {
  const v = [5, 6, 5, 4, 5, 6, 5, 80, 5, 4];
  const b = baseline(v);
  assert.equal(b.median, 5);
  assert.deepEqual(b.spikes, [7]);
  assert.deepEqual(baseline([0, 0, 1, 0, 0]).spikes, []);
});
