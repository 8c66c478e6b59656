/**
 * Text hygiene for attacker-controlled strings on their way into a prompt, a playbook or a
 * notification: control characters out, length bounded, and inline values wrapped so that
 * no markdown they carry (links, emphasis, HTML) takes effect.
 *
 * @module
 */

// C0 and C1 controls except tab and newline, DEL, and the bidi overrides/isolates that can
// make a line read differently from what it contains ("Trojan Source").
// deno-lint-ignore no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** `s` without control characters (tab and newline kept), at most `max` characters. */
export function stripControl(s: string, max = 4000): string {
  const clean = s.replace(/\r\n?/g, "\n").replace(CONTROL, "");
  return clean.length > max ? clean.slice(0, max) + "…" : clean;
}

/** One line of text: controls removed, line breaks as spaces, at most `max` characters. */
export function oneLine(s: string, max = 200): string {
  return stripControl(s, max).replace(/[\n\t]+/g, " ");
}

/**
 * A CommonMark code span holding `s` literally: its delimiter is one backtick longer than
 * the longest run inside, so nothing in `s` can close it or become a link or markup.
 */
export function codeSpan(s: string, max = 200): string {
  const text = oneLine(s, max);
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((r) => r.length));
  const fence = "`".repeat(longest + 1);
  if (text === "") return "` `";
  const pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** Up to `max` values as code spans joined by commas, then "and N more"; "none seen" if empty. */
export function codeList(values: string[], max = 5): string {
  if (values.length === 0) return "none seen";
  const shown = values.slice(0, max).map((v) => codeSpan(v)).join(", ");
  return values.length > max ? `${shown} and ${values.length - max} more` : shown;
}

/** A duration as people read it: "45 s", "12 min", "3.5 h", "2.1 days". */
export function formatDuration(ms: number): string {
  const s = Math.max(0, ms) / 1000;
  if (s < 90) return `${Math.round(s)} s`;
  if (s < 5400) return `${Math.round(s / 60)} min`;
  if (s < 172_800) return `${(s / 3600).toFixed(1)} h`;
  return `${(s / 86_400).toFixed(1)} days`;
}
