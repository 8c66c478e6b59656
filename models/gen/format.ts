/**
 * Line-shape helpers: timestamps, syslog headers and web access-log lines in the formats real
 * daemons write.
 *
 * @module
 */
import type { Ctx } from "./types.ts";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const p2 = (n: number) => String(n).padStart(2, "0");

/** "Mar  7 04:05:06" (RFC 3164: day padded with a space). */
export function bsdTime(d: Date): string {
  return `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, " ")} ${hms(d)}`;
}

/** "04:05:06". */
export function hms(d: Date): string {
  return `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
}

/** "2024-03-07". */
export function ymd(d: Date): string {
  return `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())}`;
}

/** "2024-03-07T04:05:06+01:00" or with microseconds. */
export function isoTime(d: Date, tz = "+0000", micro = false): string {
  const frac = micro
    ? "." + String(d.getUTCMilliseconds() * 1000 + (d.getTime() % 997)).padStart(6, "0")
    : "";
  const off = tz === "+0000" && !micro ? "Z" : `${tz.slice(0, 3)}:${tz.slice(3)}`;
  return `${ymd(d)}T${hms(d)}${frac}${off}`;
}

/** "07/Mar/2024:04:05:06 +0100" (Apache/nginx %t without brackets). */
export function clfTime(d: Date, tz: string): string {
  return `${p2(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${hms(d)} ${tz}`;
}

/** "Thu Mar 07 04:05:06.123456 2024" (Apache 2.4 error log). */
export function apacheErrorTime(d: Date): string {
  const us = String(d.getUTCMilliseconds() * 1000 + (d.getTime() % 991)).padStart(6, "0");
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${p2(d.getUTCDate())} ${
    hms(d)
  }.${us} ${d.getUTCFullYear()}`;
}

/** "2024/03/07 04:05:06" (nginx error log). */
export function nginxErrorTime(d: Date): string {
  return `${ymd(d).replaceAll("-", "/")} ${hms(d)}`;
}

/** "1709784306.123" (auditd / epoch with millis). */
export function epochMillis(d: Date): string {
  return (d.getTime() / 1000).toFixed(3);
}

/** Syslog facility*8+severity numbers for common sources. */
export const PRI: Record<string, number> = {
  auth: 38,
  authpriv: 86,
  daemon: 30,
  kern: 4,
  mail: 22,
  user: 14,
  cron: 78,
  local0: 134,
  local4: 166,
  local7: 190,
};

const OTHER_STYLES = ["bsd", "iso", "iso_micro", "rfc5424", "journal", "bare"] as const;

/**
 * A syslog line as the scenario's daemon writes it: `header host app[pid]: msg`.
 * `pid` null omits the brackets. `facility` picks the PRI for RFC 5424 headers.
 */
export function syslog(
  ctx: Ctx,
  host: string,
  app: string,
  pid: number | null,
  msg: string,
  facility = "daemon",
): string {
  const { now, sc, rng } = ctx;
  const tag = pid === null ? app : `${app}[${pid}]`;
  // Mostly the site's own daemon format; sometimes another (forwarded, re-exported, bare).
  const style = rng.chance(0.85) ? sc.dateStyle : rng.pick(OTHER_STYLES);
  switch (style) {
    case "bare":
      return `${tag}: ${msg}`;
    case "bsd":
      return `${bsdTime(now)} ${host} ${tag}: ${msg}`;
    case "bsd_host_fqdn":
      return `${bsdTime(now)} ${host}.${sc.domain} ${tag}: ${msg}`;
    case "iso":
      return `${isoTime(now, sc.tz)} ${host} ${tag}: ${msg}`;
    case "iso_micro":
      return `${isoTime(now, sc.tz, true)} ${host} ${tag}: ${msg}`;
    case "journal":
      return `${ymd(now)}T${hms(now)}${sc.tz} ${host} ${tag}: ${msg}`;
    case "rfc5424": {
      const pri = PRI[facility] ?? 13;
      const sd = rng.chance(0.2) ? `[timeQuality tzKnown="1" isSynced="1"]` : "-";
      return `<${pri}>1 ${isoTime(now, sc.tz, rng.chance(0.5))} ${host}.${sc.domain} ${app} ${
        pid ?? "-"
      } - ${sd} ${msg}`;
    }
  }
}

/** One HTTP request as the access log sees it. */
export interface WebHit {
  ip: string;
  method: string;
  /** Path with query string, exactly as requested. */
  path: string;
  status: number;
  bytes: number;
  ua: string;
  referer?: string;
  user?: string;
  proto?: string;
  vhost?: string;
}

/** An access-log line in the scenario's web format (Apache combined/vhost/common, nginx). */
export function accessLine(ctx: Ctx, hit: WebHit): string {
  const { sc, now, rng } = ctx;
  const t = clfTime(now, sc.tz);
  const req = `${hit.method} ${hit.path} ${hit.proto ?? "HTTP/1.1"}`;
  const ref = hit.referer ?? "-";
  const user = hit.user ?? "-";
  const bytes = hit.bytes === 0 && sc.webStyle !== "nginx" ? "-" : String(hit.bytes);
  const base = `${hit.ip} - ${user} [${t}] "${req}" ${hit.status} ${bytes}`;
  switch (sc.webStyle) {
    case "common":
      return base;
    case "combined":
    case "nginx":
      return `${base} "${ref}" "${hit.ua}"`;
    case "vhost_combined":
      return `${hit.vhost ?? sc.hosts.web + "." + sc.publicDomain}:${
        rng.pick([80, 443])
      } ${base} "${ref}" "${hit.ua}"`;
    case "combined_rt":
      return `${base} "${ref}" "${hit.ua}" ${rng.int(80, 900000)}`;
  }
}
