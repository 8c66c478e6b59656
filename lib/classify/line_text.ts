/**
 * Turns a raw log line into the text the model reads: timestamps, PIDs, kernel uptimes, IP and MAC
 * addresses masked (their values carry no signal the model could generalise from, and they cost
 * many tokens), encodings that hide the words undone once (URL %XX escapes, auditd's hex-encoded
 * arguments), control characters dropped, and very long lines cut to a head and a tail. The result
 * is also the classifier's cache key.
 *
 * @module
 */

/** Lines longer than this many characters keep their head and tail only. */
export const MAX_CHARS = 4096;
const HEAD_CHARS = 3072;
const TAIL_CHARS = 1000;

const MON = "(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)";
const DAY = "(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)";

/** Timestamp shapes, in the order they are tried (each match is deleted). */
const TIME_PATTERNS: RegExp[] = [
  // ISO 8601 / RFC 3339 / "2024-01-02 03:04:05,123"
  /\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})?/g,
  // Apache/nginx access "07/Mar/2024:04:05:06 +0100"
  new RegExp(`\\d{1,2}/${MON}/\\d{4}:\\d{2}:\\d{2}:\\d{2}(?: [+-]\\d{4})?`, "g"),
  // Apache error "Thu Mar 07 04:05:06.123456 2024", BSD "Mar  7 04:05:06"
  new RegExp(`(?:${DAY} )?${MON} +\\d{1,2} \\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?(?: \\d{4})?`, "g"),
  // nginx error "2024/03/07 04:05:06", Suricata fast "03/07/2024-04:05:06.123456"
  /\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}/g,
  /\d{2}\/\d{2}\/\d{4}-\d{2}:\d{2}:\d{2}(?:\.\d+)?/g,
];

const IPV4 = /(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.])/g;
const MAC = /(?<![\w:])(?:[0-9A-Fa-f]{2}:){5,}[0-9A-Fa-f]{2}(?![\w:])/g;
const IPV6 = /(?<![\w:])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{1,4}(?![\w:])/g;
/** Which {@link IPV6} matches are addresses (not clock times like "04:05:06"). */
const isIpv6 = (m: string) => m.includes("::") || m.split(":").length >= 6;

/** auditd writes an argument as hex when it holds spaces, quotes or non-ASCII bytes. */
const AUDIT_HEX =
  /\b(a\d+|proctitle|cmd|data|comm|exe|name|cwd)=((?:[0-9A-F]{2}){4,})(?![0-9A-Za-z])/g;
const latin1 = new TextDecoder("latin1");

function bytesText(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return latin1.decode(bytes);
  }
}

function hexText(hex: string): string {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return bytesText(bytes).replace(/\0/g, " ");
}

function percentText(run: string): string {
  const bytes = new Uint8Array(run.length / 3);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(run.slice(3 * i + 1, 3 * i + 3), 16);
  return bytesText(bytes);
}

/** What the model reads for one line. */
export interface ModelText {
  /** The masked, decoded, bounded line (also the classifier's cache key). */
  text: string;
  /** True when the line was longer than {@link MAX_CHARS} and its middle was cut. */
  truncated: boolean;
}

/**
 * Drops the PID of `name[PID]:` where the run of name characters ([\w.\-/]) before it holds
 * a letter: exactly what `s.replace(/([A-Za-z][\w.\-/]*)\[\d+\]:/g, "$1:")` does, in linear
 * time (that expression backtracks from every letter of a long token).
 */
export function maskPids(s: string): string {
  return s.replace(/\[\d+\]:/g, (m, at: number, str: string) => namedBefore(str, at) ? ":" : m);
}

function namedBefore(str: string, at: number): boolean {
  for (let i = at - 1; i >= 0; i--) {
    const c = str.charCodeAt(i) | 32; // ASCII letters to lower case
    if (c >= 97 && c <= 122) return true;
    const d = str.charCodeAt(i);
    if (!((d >= 48 && d <= 57) || d === 95 || d === 46 || d === 45 || d === 47)) return false;
  }
  return false;
}

/**
 * Masks what never carries signal and bounds the length.
 * @example modelText("Mar  7 04:05:06 web sshd[812]: Invalid user x").text // "web sshd: Invalid user x"
 */
export function modelText(raw: string): ModelText {
  let s = raw;
  let truncated = false;
  if (s.length > MAX_CHARS) {
    s = s.slice(0, HEAD_CHARS) + " ... " + s.slice(-TAIL_CHARS);
    truncated = true;
  }
  s = s.replace(/^<\d{1,3}>\d? ?/, "");
  s = s.replace(/^\d{10}(?:\.\d{1,6})?\s/, "");
  for (const re of TIME_PATTERNS) s = s.replace(re, "");
  s = s.replace(/audit\(\d+\.\d+:\d+\)/g, "audit()");
  s = s.replace(AUDIT_HEX, (_, key: string, hex: string) => `${key}="${hexText(hex)}"`);
  s = s.replace(/(?:%[0-9A-Fa-f]{2})+/g, percentText);
  // deno-lint-ignore no-control-regex
  s = s.replace(/[\u0000-\u0008\u000a-\u001f\u007f\ufffd]/g, " ");
  s = s.replace(MAC, "macaddr");
  s = s.replace(IPV4, "ipaddr");
  s = s.replace(IPV6, (m) => isIpv6(m) ? "ipaddr" : m);
  s = s.replace(/\[\s*\d+\.\d{3,6}\]/g, "[]");
  s = maskPids(s);
  s = s.replace(/[\t ]+/g, " ").trim();
  return { text: s, truncated };
}

/**
 * Where in `raw` the masks of {@link modelText} apply (timestamps and addresses), as sorted,
 * non-overlapping [start, end) character ranges. Removing part of one would unmask the rest
 * (a timestamp missing its day no longer matches), so explanations keep each range whole.
 */
export function maskedSpans(raw: string): [number, number][] {
  const spans: [number, number][] = [];
  for (const re of [...TIME_PATTERNS, MAC, IPV4, IPV6]) {
    for (const m of raw.matchAll(re)) {
      if (re !== IPV6 || isIpv6(m[0])) spans.push([m.index, m.index + m[0].length]);
    }
  }
  spans.sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const s of spans) {
    const last = out.at(-1);
    if (last && s[0] < last[1]) last[1] = Math.max(last[1], s[1]);
    else out.push(s);
  }
  return out;
}
