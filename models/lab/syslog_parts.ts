/**
 * Splits a syslog file line in any of the lab's formats (traditional, RFC 3339, RFC 5424)
 * into program, PID and message, so shared ids are found the same way in every format.
 *
 * @module
 */

/** Program, PID (or "") and message of a syslog line; undefined for non-syslog lines. */
export interface SyslogParts {
  app: string;
  pid: string;
  msg: string;
}

const RFC5424 = /^<\d+>1 \S+ \S+ (\S+) (\S+) \S+ (?:-|\[.*?\]) ?(.*)$/;
const BSD =
  /^(?:\w{3} [ \d]\d \d\d:\d\d:\d\d|\d{4}-\d\d-\d\dT\S+) \S+ ([^\s:[]+)(?:\[(\d+)\])?: ?(.*)$/;

/** Parses `line`; undefined when it is not a syslog line (e.g. an Apache access line). */
export function syslogParts(line: string): SyslogParts | undefined {
  const m = RFC5424.exec(line);
  if (m) return { app: m[1], pid: m[2] === "-" ? "" : m[2], msg: m[3].trimStart() };
  const b = BSD.exec(line);
  if (b) return { app: b[1], pid: b[2] ?? "", msg: b[3] };
}
