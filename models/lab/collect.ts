/**
 * Collects the server's log lines after a run: every syslog message once from the rsyslog
 * sidecar (microsecond receive time, program, target file, then the exact file line), and the
 * files the daemons write themselves (Apache, nginx, MariaDB, squid) with times parsed from the lines.
 *
 * @module
 */
import { SIDECAR } from "./conf_rsyslog.ts";

/** One collected line before labelling. */
export interface Collected {
  line: string;
  family: string;
  /** Epoch ms, or NaN when the line carries no usable time. */
  time: number;
  /** File under /var/log it came from. */
  file: string;
}

const PROGRAM_FAMILY: Record<string, string> = {
  sshd: "sshd",
  sudo: "sudo",
  su: "su",
  CRON: "cron",
  cron: "cron",
  snoopy: "snoopy",
  dnsmasq: "dnsmasq",
  named: "named",
  vsftpd: "vsftpd",
  postfix: "postfix",
  dovecot: "dovecot",
  rsyslogd: "rsyslog",
  auth: "dovecot",
  mariadbd: "mariadb",
  "sshd-session": "sshd",
};

/** Lines of the sidecar, mapped to their families. */
export async function readSidecar(logDir: string): Promise<Collected[]> {
  const text = await Deno.readTextFile(`${logDir}/${SIDECAR}`).catch(() => "");
  const out: Collected[] = [];
  for (const raw of text.split("\n")) {
    const m = /^([^\t]+)\t([^\t]*)\t([^\t]+)\t(.*)$/.exec(raw);
    if (!m) continue;
    const [, ts, prog, file, line] = m;
    const family = PROGRAM_FAMILY[prog] ?? (file === "auth.log" ? "auth" : "syslog");
    out.push({ line, family, time: Date.parse(ts), file });
  }
  return out;
}

const MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";

function month(m: string): string {
  return String(MONTHS.indexOf(m) / 3 + 1).padStart(2, "0");
}

/** The time a daemon-written line carries, as epoch ms (UTC), or NaN. */
export function lineTime(line: string): number {
  const epoch = /^(\d{10})\.(\d{3}) /.exec(line);
  if (epoch) return Number(epoch[1]) * 1000 + Number(epoch[2]);
  let m = /\[(\d\d)\/(\w{3})\/(\d{4}):(\d\d:\d\d:\d\d) ([+-]\d{4})\]/.exec(line);
  if (m) {
    return Date.parse(`${m[3]}-${month(m[2])}-${m[1]}T${m[4]}${m[5].slice(0, 3)}:${m[5].slice(3)}`);
  }
  m = /^\[\w{3} (\w{3}) (\d\d) (\d\d:\d\d:\d\d(?:\.\d+)?) (\d{4})\]/.exec(line);
  if (m) return Date.parse(`${m[4]}-${month(m[1])}-${m[2]}T${m[3].slice(0, 12)}Z`);
  m = /^(\d{4})[/-](\d\d)[/-](\d\d) +(\d?\d:\d\d:\d\d)/.exec(line);
  if (m) return Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4].padStart(8, "0")}Z`);
  return NaN;
}

/** Daemon-written files: path under /var/log and family. */
const NATIVE: [string, string][] = [
  ["apache2/access.log", "apache_access"],
  ["apache2/other_vhosts_access.log", "apache_access"],
  ["apache2/error.log", "apache_error"],
  ["nginx/access.log", "nginx_access"],
  ["nginx/error.log", "nginx_error"],
  ["mysql/error.log", "mariadb"],
  ["squid/access.log", "squid_access"],
  ["squid/cache.log", "squid_cache"],
];

/** Lines of the daemon-written files. */
export async function readNative(logDir: string): Promise<Collected[]> {
  const out: Collected[] = [];
  for (const [file, family] of NATIVE) {
    const text = await Deno.readTextFile(`${logDir}/${file}`).catch(() => "");
    let last = NaN;
    for (const line of text.split("\n")) {
      if (!line) continue;
      const t = lineTime(line);
      if (!Number.isNaN(t)) last = t;
      out.push({ line, family, time: Number.isNaN(t) ? last : t, file });
    }
  }
  return out;
}
