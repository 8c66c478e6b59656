/**
 * Turns a raw log line into the text the model reads: timestamps, PIDs, kernel uptimes, IP and MAC
 * addresses, ports, long numbers, hex ids and UUIDs masked (their values carry no signal the model
 * could generalise from, and they cost many tokens), encodings that hide the words undone once (URL %XX escapes, auditd's hex-encoded
 * arguments), control characters dropped, and very long lines cut to a head and a tail. The result
 * is also the classifier's cache key: lines of one template (differing only in masked fields)
 * share one text, so they run the model once.
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

/** A UUID (any version), as one unit. */
const UUID = /(?<![\w-])[0-9A-Fa-f]{8}-(?:[0-9A-Fa-f]{4}-){3}[0-9A-Fa-f]{12}(?![\w-])/g;
/**
 * A hex id (postfix queue id, session id, hash): a word of 8+ hex digits holding a digit and a
 * letter, not part of a dotted name (hex-encoded DNS labels are exfiltration's signal). The
 * lookbehind lets a match start only at a word's first character, so the lookaheads cost
 * linear time in all.
 */
const HEX_ID =
  /(?<![\w.]|arch=)(?=[0-9A-Fa-f]*\d)(?=[0-9A-Fa-f]*[A-Fa-f])[0-9A-Fa-f]{8,}(?![\w.])/g;
/**
 * A standalone run of 4+ digits (ports, counts, bytes, ids, durations), except numbers that name
 * what happened: IDS signature ids (`[1:2001219:20]`, `"signature_id":`), ModSecurity rule ids
 * (`[id "942100"]`), CVE ids, Cisco ASA message ids, FortiGate log ids, audit record types.
 */
const LONG_NUMBER =
  /(?<!\w|\[\d{1,3}:|signature_id"?[:=] ?|\[id "|CVE-|CVE-\d{4}-|%ASA-\d-|logid="|type=)\d{4,}(?!\w)/gi;
/**
 * Ids that count processes, sessions, queries and connections, masked at any length: `pid=`,
 * `ppid=`, `ses=`, dovecot's `mpid=`, snoopy's `sid:`, `pid N`, Apache's `tid N`, nginx's
 * `PID#TID: *CONN`, dnsmasq's query serial (the number before `ADDRESS/PORT`), dovecot's
 * `(user)<PID><session>`. Each pattern's whole match is one masked span.
 */
const ID_FIELDS: [RegExp, string][] = [
  [/\b(pid|ppid|mpid|sid|ses|tid)([=:]| )\d+\b/g, "$1$2num"],
  [/\b\d+#\d+: \*\d+\b/g, "num#num: *num"],
  [/(?<!\w)\d+(?= (?:ipaddr|(?:\d{1,3}\.){3}\d{1,3})\/\d+\b)/g, "num"],
  [/(?<=\))<\d+>(?=<)/g, "<num>"],
];
/** A dovecot session id: 16 base64 characters in angle brackets, holding a digit. */
const SESSION_ID = /<(?=[A-Za-z0-9+/]{0,15}\d)[A-Za-z0-9+/]{16}>/g;
/** The response size after an access log's status code (kept: 404 vs 200 is signal). */
const ACCESS_BYTES = /(?<=" [1-5]\d\d )\d+(?= |$)/g;
/**
 * `num1` ... `num9`: only the digit count survives, so a 10-digit byte count (a bulk transfer)
 * still reads differently from a 3-digit one while ports and ids collapse to a few templates.
 */
const numberToken = (m: string) => `num${Math.min(m.length, 9)}`;

/** Where the PROCID of an RFC 5424 header sits (it is a PID): [start, end), or null. */
function procidSpan(s: string): [number, number] | null {
  const m = /^(<\d{1,3}>1 \S+ \S+ \S+ )(\d+) /.exec(s);
  return m ? [m[1].length, m[1].length + m[2].length] : null;
}

/**
 * Masks the variable fields that carry no attack signal, so lines of one template share one
 * text: UUIDs (`uuid`), hex ids (`hexid`), process/session/query ids (`num`), dovecot session
 * ids (`<sessionid>`), access-log response sizes and every other run of 4+ digits (`numN`, N
 * the digit count). Numbers of up to 3 digits stay (HTTP status, `uid=0`, service ports,
 * payloads like `1=1`), and so does every word that is not all hex.
 * @example maskVariables("from ipaddr port 51234 id 4F2A31C0D3") // "from ipaddr port num5 id hexid"
 */
export function maskVariables(s: string): string {
  s = s.replace(UUID, "uuid");
  s = s.replace(HEX_ID, "hexid");
  for (const [re, to] of ID_FIELDS) s = s.replace(re, to);
  s = s.replace(SESSION_ID, "<sessionid>");
  s = s.replace(ACCESS_BYTES, numberToken);
  return s.replace(LONG_NUMBER, numberToken);
}

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
  const procid = procidSpan(s);
  if (procid) s = s.slice(0, procid[0]) + "-" + s.slice(procid[1]);
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
  s = maskVariables(s);
  s = s.replace(/[\t ]+/g, " ").trim();
  return { text: s, truncated };
}

/**
 * Where in `raw` the masks of {@link modelText} apply (timestamps, addresses and the variable
 * fields of {@link maskVariables}), as sorted, non-overlapping [start, end) character ranges.
 * Removing part of one would unmask the rest (a timestamp missing its day no longer matches,
 * `pid=12` without its key keeps its number), so explanations keep each range whole.
 */
export function maskedSpans(raw: string): [number, number][] {
  const spans: [number, number][] = [];
  const patterns = [
    ...TIME_PATTERNS,
    MAC,
    IPV4,
    IPV6,
    UUID,
    HEX_ID,
    ...ID_FIELDS.map(([re]) => re),
  ];
  for (const re of [...patterns, SESSION_ID, ACCESS_BYTES, LONG_NUMBER]) {
    for (const m of raw.matchAll(re)) {
      if (re !== IPV6 || isIpv6(m[0])) spans.push([m.index, m.index + m[0].length]);
    }
  }
  const procid = procidSpan(raw);
  if (procid) spans.push(procid);
  spans.sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const s of spans) {
    const last = out.at(-1);
    if (last && s[0] < last[1]) last[1] = Math.max(last[1], s[1]);
    else out.push(s);
  }
  return out;
}
