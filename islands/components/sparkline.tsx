/**
 * A tiny SVG line of per-minute counts (no inline styles: the CSP forbids them).
 *
 * @module
 */

/** Props of {@link Sparkline}. */
export interface SparklineProps {
  values: number[];
  label: string;
  width?: number;
  height?: number;
}

/** The polyline points of `values` scaled into a width × height box (y grows downwards). */
export function sparkPoints(values: number[], width: number, height: number): string {
  const v = values.length === 1 ? [values[0], values[0]] : values;
  const max = Math.max(1, ...v);
  const step = width / Math.max(1, v.length - 1);
  return v.map((x, i) =>
    `${(i * step).toFixed(1)},${(height - 1 - (x / max) * (height - 2)).toFixed(1)}`
  )
    .join(" ");
}

/** Per-minute counts as a line; nothing when there are none. */
export function Sparkline({ values, label, width = 120, height = 24 }: SparklineProps) {
  if (!values.length) return null;
  return (
    <svg
      class="spark"
      viewBox={`0 0 ${width} ${height}`}
      width={width}
      height={height}
      role="img"
      aria-label={label}
    >
      <polyline points={sparkPoints(values, width, height)} />
    </svg>
  );
}
