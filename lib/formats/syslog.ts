/**
 * Parses one syslog message as received over the network (RFC 5424, RFC 3164/BSD and the legacy
 * and vendor shapes around it) into its header fields, its MSG, and the line as it would appear in
 * a log file. Pure, never throws, linear in the input.
 *
 * @module
 */

/** One parsed syslog message. */
export interface SyslogRecord {
  /** "rfc5424" | "rfc3164" | "raw" (no syslog header recognised) */
  format: "rfc5424" | "rfc3164" | "raw";
  /** PRI value, 0..191. */
  pri?: number;
  /** Facility (PRI >> 3), 0..23. */
  facility?: number;
  /** Severity (PRI & 7), 0..7. */
  severity?: number;
  /** The timestamp as written (a Cisco "*" / "." clock-sync marker is not part of it). */
  timestamp?: string;
  /** HOSTNAME (absent when NILVALUE or not sent). */
  host?: string;
  /** APP-NAME (5424) or TAG (3164). */
  app?: string;
  /** PROCID (5424) or the "[pid]" of a 3164 TAG. */
  pid?: string;
  /** MSGID (5424 only). */
  msgid?: string;
  /** The raw SD text (5424), without the message; absent when NILVALUE. */
  structuredData?: string;
  /** The MSG part (a leading UTF-8 BOM removed). */
  message: string;
  /**
   * The line as it would appear in a log file: the input without its leading <PRI>
   * (everything after it is kept, a 5424 version included; a UTF-8 BOM is removed).
   */
  line: string;
  /** Set when a PRI/5424 header is present but malformed; message = what follows the part that parsed. */
  parseError?: string;
}

const MONTHS = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec";
/**
 * BSD timestamp, optionally with a Cisco sync marker, a year, fractional seconds and a zone
 * written before a colon: "Feb  5 17:32:18", "*Mar  1 00:00:00.000 UTC", "Mar 1 2024 00:00:00".
 * Every quantifier is bounded, so matching is constant-time at a given position.
 */
const BSD_TS = new RegExp(
  `[*.]?((?:${MONTHS}) {1,2}\\d{1,2}(?: \\d{4})? \\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,9})?` +
    `(?: [A-Z]{2,5}(?=:))?)`,
  "y",
);
/** ISO 8601 / RFC 3339 timestamp as rsyslog's high-precision format writes it. */
const ISO_TS = /(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})?)/y;
/** RFC 5424 TIMESTAMP (a whole token). */
const TS_5424 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;
/** Cisco IOS sequence number: "123: ". */
const CISCO_SEQ = /\d{1,10}: /y;

const BOM = "\uFEFF";
/** A UTF-8 BOM decoded as Latin-1. */
const BOM_LATIN1 = "\u00EF\u00BB\u00BF";

/** Removes NULs and one trailing LF / CRLF. */
function clean(text: string): string {
  if (text.includes("\0")) text = text.replaceAll("\0", "");
  if (text.endsWith("\r\n")) return text.slice(0, -2);
  if (text.endsWith("\n")) return text.slice(0, -1);
  return text;
}

function stripBom(s: string): string {
  if (s.startsWith(BOM)) return s.slice(1);
  if (s.startsWith(BOM_LATIN1)) return s.slice(3);
  return s;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * Parses a syslog message (RFC 5424, RFC 3164, legacy BSD, Cisco IOS) or, failing that,
 * returns it as a raw line. NULs and one trailing newline are removed first.
 *
 * @example
 * ```ts
 * const r = parseSyslog("<13>Feb  5 17:32:18 web sshd[812]: Accepted publickey");
 * // r.format === "rfc3164", r.host === "web", r.app === "sshd", r.pid === "812",
 * // r.message === "Accepted publickey", r.line === "Feb  5 17:32:18 web sshd[812]: Accepted publickey"
 * ```
 */
export function parseSyslog(text: string): SyslogRecord {
  text = clean(String(text ?? ""));
  if (text.charCodeAt(0) !== 60 /* < */) return raw(text);

  // PRI: "<" 1*3DIGIT ">"
  let i = 1;
  let pri = 0;
  while (i < text.length && i <= 4 && isDigit(text.charCodeAt(i))) {
    pri = pri * 10 + text.charCodeAt(i) - 48;
    i++;
  }
  if (i === 1) return raw(text); // "<" then no digit: not a syslog header at all
  if (i > 4 || text.charCodeAt(i) !== 62 /* > */) return raw(text, "bad PRI: expected <0..191>");
  if (pri > 191) return raw(text, `bad PRI: ${pri} is out of range 0..191`);
  const rest = text.slice(i + 1);
  const head = { pri, facility: pri >> 3, severity: pri & 7 };

  if (looks5424(rest)) return parse5424(rest, head);
  const v = OTHER_VERSION.exec(rest);
  if (v) {
    // A 5424-shaped header with a version this parser does not speak: flagged, still parsed.
    const r = parse5424("1 " + rest.slice(v[1].length + 1), head);
    r.line = rest;
    r.parseError ??= `unsupported VERSION ${v[1]} (only 1)`;
    return r;
  }
  return parse3164(rest, head);
}

function raw(text: string, parseError?: string): SyslogRecord {
  const r: SyslogRecord = { format: "raw", message: text, line: text };
  if (parseError) r.parseError = parseError;
  return r;
}

/** Another VERSION before what starts a 5424 TIMESTAMP ("2 2024-05-14T..."). */
const OTHER_VERSION = /^(\d{1,3}) (?:- |\d{4}-\d{2}-\d{2}T)/;

/** A TIMESTAMP that is well-formed AND a real instant (month 13 or hour 25 are not). */
function validTimestamp(tok: string): boolean {
  if (!TS_5424.test(tok)) return false;
  const [mo, d, h, mi, se] = [5, 8, 11, 14, 17].map((at) => Number(tok.slice(at, at + 2)));
  return mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h <= 23 && mi <= 59 && se <= 60 &&
    !Number.isNaN(Date.parse(tok.replace(/:60(?=[.Z+-])/, ":59")));
}

/** "1 " followed by what starts a 5424 TIMESTAMP ("-" or "YYYY-"). */
function looks5424(s: string): boolean {
  if (s.charCodeAt(0) !== 49 /* 1 */ || s.charCodeAt(1) !== 32) return false;
  if (s.charCodeAt(2) === 45 /* - */) return s.length === 3 || s.charCodeAt(3) === 32;
  return isDigit(s.charCodeAt(2)) && isDigit(s.charCodeAt(3)) && isDigit(s.charCodeAt(4)) &&
    isDigit(s.charCodeAt(5)) && s.charCodeAt(6) === 45;
}

interface Head {
  pri: number;
  facility: number;
  severity: number;
}

const FIELDS_5424 = ["TIMESTAMP", "HOSTNAME", "APP-NAME", "PROCID", "MSGID"] as const;

function parse5424(rest: string, head: Head): SyslogRecord {
  const r: SyslogRecord = { format: "rfc5424", ...head, message: "", line: rest };
  /** MSG starts at `at`; `error` marks a malformed header. */
  const finish = (at: number, error?: string): SyslogRecord => {
    const tail = rest.slice(at);
    r.message = stripBom(tail);
    if (r.message.length !== tail.length) r.line = rest.slice(0, at) + r.message;
    if (error) r.parseError = error;
    return r;
  };
  let i = 2; // after "1 "
  for (const name of FIELDS_5424) {
    const sp = rest.indexOf(" ", i);
    if (sp < 0) return finish(i, `truncated header: no SP after ${name}`);
    const tok = rest.slice(i, sp);
    if (tok === "") return finish(i, `empty ${name}`);
    if (name === "TIMESTAMP" && tok !== "-" && !validTimestamp(tok)) {
      return finish(i, `bad TIMESTAMP: ${tok.slice(0, 40)}`);
    }
    if (tok !== "-") {
      if (name === "TIMESTAMP") r.timestamp = tok;
      else if (name === "HOSTNAME") r.host = tok;
      else if (name === "APP-NAME") r.app = tok;
      else if (name === "PROCID") r.pid = tok;
      else r.msgid = tok;
    }
    i = sp + 1;
  }

  // STRUCTURED-DATA: "-" or 1*SD-ELEMENT
  const sdStart = i;
  if (rest.charCodeAt(i) === 45 /* - */) {
    i++;
  } else if (rest.charCodeAt(i) === 91 /* [ */) {
    const end = scanSd(rest, i);
    if (end < 0) {
      return finish(sdStart, "bad STRUCTURED-DATA: unterminated or malformed SD-ELEMENT");
    }
    r.structuredData = rest.slice(sdStart, end);
    i = end;
  } else {
    return finish(sdStart, "bad STRUCTURED-DATA: expected '-' or '['");
  }
  if (i >= rest.length) return r;
  if (rest.charCodeAt(i) !== 32) return finish(i, "bad STRUCTURED-DATA: expected SP before MSG");
  return finish(i + 1);
}

/**
 * Scans SD-ELEMENTs from `[` at `i`; returns the index just past the last `]`, or -1 when
 * an element is unterminated or malformed. Inside PARAM-VALUE, `\"`, `\\` and `\]` are
 * escapes; outside, a `"` must follow `=`.
 */
function scanSd(s: string, i: number): number {
  const n = s.length;
  while (i < n && s.charCodeAt(i) === 91) {
    i++;
    // SD-ID: 1*32 SD-NAME chars (printable ASCII except = SP ] ")
    const idStart = i;
    while (i < n) {
      const c = s.charCodeAt(i);
      if (c === 32 || c === 93 || c === 61 || c === 34 || c < 33 || c > 126) break;
      i++;
    }
    if (i === idStart) return -1;
    // params: SP name="value"
    for (;;) {
      if (i >= n) return -1;
      const c = s.charCodeAt(i);
      if (c === 93) {
        i++;
        break;
      }
      if (c !== 32) return -1;
      i++;
      const nameStart = i;
      while (i < n) {
        const d = s.charCodeAt(i);
        if (d === 32 || d === 93 || d === 61 || d === 34 || d < 33 || d > 126) break;
        i++;
      }
      if (i === nameStart || s.charCodeAt(i) !== 61 || s.charCodeAt(i + 1) !== 34) return -1;
      i += 2;
      for (;;) {
        if (i >= n) return -1;
        const d = s.charCodeAt(i);
        if (d === 92 /* \ */) i += 2;
        else if (d === 34) {
          i++;
          break;
        } else i++;
      }
    }
  }
  return i;
}

/** A plausible TAG name: 1..48 of [A-Za-z0-9_.\-/@%]. */
function isTagName(s: string, from: number, to: number): boolean {
  if (to <= from || to - from > 48) return false;
  for (let k = from; k < to; k++) {
    const c = s.charCodeAt(k);
    const ok = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || isDigit(c) || c === 95 ||
      c === 46 || c === 45 || c === 47 || c === 64 || c === 37;
    if (!ok) return false;
  }
  return true;
}

/** A plausible HOSTNAME (name, IPv4 or IPv6): 1..255 of [A-Za-z0-9_.\-:]. */
function isHostName(s: string, from: number, to: number): boolean {
  if (to <= from || to - from > 255) return false;
  for (let k = from; k < to; k++) {
    const c = s.charCodeAt(k);
    const ok = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || isDigit(c) || c === 95 ||
      c === 46 || c === 45 || c === 58;
    if (!ok) return false;
  }
  return true;
}

interface Tag {
  app: string;
  pid?: string;
  /** index where MSG starts */
  next: number;
}

/**
 * A TAG at `i`: `name:`, `name[pid]:` or `name[pid]` followed by SP (or the end).
 * Returns undefined when the token there is not shaped like a tag.
 */
function readTag(s: string, i: number): Tag | undefined {
  const n = s.length;
  let k = i;
  const lim = Math.min(n, i + 49);
  while (k < lim) {
    const c = s.charCodeAt(k);
    if (c === 58 || c === 91 || c === 32) break;
    k++;
  }
  if (!isTagName(s, i, k)) return undefined;
  const app = s.slice(i, k);
  const c = s.charCodeAt(k);
  if (c === 58 /* : */) {
    const after = k + 1;
    if (after < n && s.charCodeAt(after) !== 32) return undefined; // "a:b" is not a tag
    return { app, next: skipSp(s, after) };
  }
  if (c === 91 /* [ */) {
    const close = s.indexOf("]", k + 1);
    if (close < 0 || close - k > 41) return undefined;
    const pid = s.slice(k + 1, close);
    if (pid.includes(" ")) return undefined;
    let after = close + 1;
    if (s.charCodeAt(after) === 58) after++;
    if (after < n && s.charCodeAt(after) !== 32) return undefined;
    return { app, pid, next: skipSp(s, after) };
  }
  return undefined;
}

function skipSp(s: string, i: number): number {
  return s.charCodeAt(i) === 32 ? i + 1 : i;
}

function parse3164(rest: string, head: Head): SyslogRecord {
  const s = stripBom(rest);
  const r: SyslogRecord = { format: "rfc3164", ...head, message: s, line: s };
  let i = 0;

  // Cisco IOS: "123: *Mar  1 00:00:00.000: %SYS-5-CONFIG_I: ..."
  let seqEnd = -1;
  if (isDigit(s.charCodeAt(0))) {
    CISCO_SEQ.lastIndex = 0;
    if (CISCO_SEQ.test(s)) i = seqEnd = CISCO_SEQ.lastIndex;
  }

  BSD_TS.lastIndex = i;
  let m = BSD_TS.exec(s);
  if (!m) {
    ISO_TS.lastIndex = i;
    m = ISO_TS.exec(s);
  }
  if (!m) {
    if (seqEnd >= 0) {
      r.message = s.slice(seqEnd);
      return r;
    }
    // Legacy: PRI then MSG, maybe opened by a TAG.
    return withTag(r, s, 0);
  }
  const tsEnd = m.index + m[0].length;
  const c = s.charCodeAt(tsEnd);
  if (tsEnd < s.length && c !== 32 && c !== 58) {
    // the "timestamp" runs on into other text: no header after all
    if (seqEnd >= 0) r.message = s.slice(seqEnd);
    return r;
  }
  r.timestamp = m[1];
  i = tsEnd;

  // "timestamp: MSG" (Cisco and some appliances): no host, no tag.
  if (c === 58) {
    r.message = s.slice(skipSp(s, i + 1));
    return r;
  }
  if (i >= s.length) {
    r.message = "";
    return r;
  }
  i++;
  if (s.charCodeAt(i) === 32) i++; // tolerate a doubled SP

  // HOSTNAME, unless the token there is already the TAG (legacy senders omit the host)
  if (!readTag(s, i)) {
    let sp = s.indexOf(" ", i);
    if (sp < 0) sp = s.length;
    if (!isHostName(s, i, sp)) {
      r.message = s.slice(i);
      return r;
    }
    r.host = s.slice(i, sp);
    i = sp < s.length ? sp + 1 : sp;
  }
  return withTag(r, s, i);
}

/** Reads an optional TAG at `i`; MSG is what follows it. */
function withTag(r: SyslogRecord, s: string, i: number): SyslogRecord {
  const tag = readTag(s, i);
  if (tag) {
    r.app = tag.app;
    if (tag.pid !== undefined) r.pid = tag.pid;
    i = tag.next;
  }
  const tail = i === 0 ? s : s.slice(i);
  r.message = stripBom(tail);
  if (r.message.length !== tail.length) r.line = s.slice(0, i) + r.message;
  return r;
}
