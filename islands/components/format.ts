/**
 * Formatting shared by server pages and islands. Output must not depend on the machine's time
 * zone or locale, or a hydrated island would differ from the server's HTML: times are UTC.
 *
 * @module
 */

const pad = (n: number) => String(n).padStart(2, "0");

/** "2026-12-01 07:28:18Z". */
export function utc(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}Z`;
}

/** "07:28Z" for chart axes. */
export function hhmm(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}Z`;
}

/** A duration as "45 s", "12 min", "3.5 h", "2.0 d". */
export function span(ms: number): string {
  const s = Math.max(0, ms) / 1000;
  if (s < 90) return `${Math.round(s)} s`;
  if (s < 5400) return `${Math.round(s / 60)} min`;
  if (s < 172_800) return `${(s / 3600).toFixed(1)} h`;
  return `${(s / 86_400).toFixed(1)} d`;
}

/** 4211 → "4,211". */
export function num(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** Where a line came from, as one short text: transport, host, program, name, file:line, peer. */
export function sourceText(s: {
  transport: string;
  host?: string;
  app?: string;
  name?: string;
  path?: string;
  lineNo?: number;
  peer?: string;
}): string {
  const file = s.path ? (s.lineNo ? `${s.path}:${s.lineNo}` : s.path) : undefined;
  return [s.transport, s.host, s.app, s.name, file, s.peer].filter(Boolean).join(" · ");
}
