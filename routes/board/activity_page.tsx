/**
 * The activity page (`/activity`): attack lines per class per minute over a chosen window, and the
 * attack share of all lines, each drawn as plain server-side SVG over its normal baseline (median
 * and spike band, routes/board/chart.ts) so bursts stand out.
 *
 * @module
 */
import type { ComponentChildren } from "preact";
import { LABELS } from "../../lib/core/taxonomy.ts";
import { LABEL_TITLES } from "../../islands/components/attack.ts";
import { hhmm, num } from "../../islands/components/format.ts";
import { baseline, type Series } from "./chart.ts";

/** The window choices. */
export const ACTIVITY_WINDOWS = ["15m", "1h", "6h", "24h", "7d"];

const W = 640, H = 150, L = 44, R = 8, T = 10, B = 22;

interface ChartProps {
  title: string;
  values: number[];
  times: number[];
  unit: string;
  format?: (v: number) => string;
}

function Chart({ title, values, times, unit, format = num }: ChartProps) {
  const b = baseline(values);
  const top = Math.max(1, ...values, b.threshold) * 1.1;
  const x = (i: number) => L + (i * (W - L - R)) / Math.max(1, values.length - 1);
  const y = (v: number) => T + (H - T - B) * (1 - v / top);
  const peak = values.indexOf(Math.max(...values));
  const summary = `${title}: normal ${format(b.median)} ${unit}, peak ${
    format(values[peak] ?? 0)
  } at ${hhmm(times[peak] ?? 0)}, ${b.spikes.length} spike(s)`;
  return (
    <figure class="chart">
      <figcaption>
        <strong>{title}</strong>{" "}
        <span class="muted">
          normal {format(b.median)} {unit}, {b.spikes.length}{" "}
          spike{b.spikes.length === 1 ? "" : "s"}
        </span>
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={summary} preserveAspectRatio="none">
        <rect
          class="band"
          x={L}
          width={W - L - R}
          y={y(b.threshold)}
          height={y(b.median) - y(b.threshold)}
        />
        <line class="base" x1={L} x2={W - R} y1={y(b.median)} y2={y(b.median)} />
        <line class="axis" x1={L} x2={W - R} y1={y(0)} y2={y(0)} />
        <polyline
          class="series"
          points={values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(" ")}
        />
        {b.spikes.map((i) => (
          <circle class="spike" cx={x(i)} cy={y(values[i])} r="3.5">
            <title>{`${hhmm(times[i])}: ${format(values[i])} ${unit}`}</title>
          </circle>
        ))}
        <text class="tick" x={L - 4} y={y(top / 1.1) + 4} text-anchor="end">
          {format(top / 1.1)}
        </text>
        <text class="tick" x={L - 4} y={y(0) + 4} text-anchor="end">0</text>
        <text class="tick" x={L} y={H - 6}>{hhmm(times[0])}</text>
        <text class="tick" x={W - R} y={H - 6} text-anchor="end">
          {hhmm(times[times.length - 1])}
        </text>
      </svg>
    </figure>
  );
}

/** Props of {@link ActivityPage}. */
export interface ActivityPageProps {
  window: string;
  series: Series;
}

/** The activity page's body. */
export function ActivityPage({ window, series: s }: ActivityPageProps): ComponentChildren {
  const perMin = s.bucketMs / 60_000;
  const unit = perMin === 1 ? "/min" : `/${perMin} min`;
  const attacks = s.times.map((_, i) => LABELS.slice(1).reduce((n, l) => n + s.byLabel[l][i], 0));
  const share = s.total.map((t, i) => (t ? (100 * attacks[i]) / t : 0));
  const active = LABELS.slice(1).filter((l) => s.byLabel[l].some((v) => v > 0));
  const quiet = LABELS.slice(1).filter((l) => !active.includes(l));
  return (
    <>
      <h1>Activity</h1>
      <form method="get" action="/activity" class="filters">
        <label>
          Window
          <select name="window">
            {ACTIVITY_WINDOWS.map((w) => (
              <option key={w} value={w} selected={w === window}>{w}</option>
            ))}
          </select>
        </label>
        <button type="submit">Show</button>
      </form>
      <p class="muted legend">
        <span class="key key-series" /> lines <span class="key key-base" /> normal (median){" "}
        <span class="key key-band" /> normal spread <span class="key key-spike" /> spike
      </p>
      <div class="charts">
        <Chart title="All attacks" values={attacks} times={s.times} unit={unit} />
        <Chart
          title="Attack share of all lines"
          values={share}
          times={s.times}
          unit="%"
          format={(v) => v.toFixed(1)}
        />
        {active.map((l) => (
          <Chart title={LABEL_TITLES[l]} values={s.byLabel[l]} times={s.times} unit={unit} />
        ))}
      </div>
      {quiet.length > 0 && (
        <p class="muted">
          No lines in this window: {quiet.map((l) => LABEL_TITLES[l]).join(", ")}.
        </p>
      )}
    </>
  );
}
