/**
 * Labelled fixtures from Debian packages' own test data: fail2ban's test logs (each line after
 * a `# failJSON:` annotation says whether that filter must match it) become JSONL records with
 * provenance `fail2ban:<file>`, each also marked by whether logcheck-database's server ignore
 * rules would hide it. A line the filter must match gets the filter's class (sshd's
 * pre-authentication scan lines get recon_scan); a line it must not match is benign unless it
 * still shows the filter's class by itself (fail2ban skips such lines to avoid counting an
 * attempt twice): those are left out as ambiguous. CLI: `deno task lab:fixtures -- [--out FILE]`.
 *
 * @module
 */
import type { Label } from "../../lib/core/taxonomy.ts";
import { evidence } from "./evidence.ts";

/** fail2ban's test logs in Debian's package. */
export const FAIL2BAN_LOGS = "/usr/lib/python3/dist-packages/fail2ban/tests/files/logs";
/** logcheck-database's rules that hide ordinary lines on a server. */
export const LOGCHECK_IGNORE = "/etc/logcheck/ignore.d.server";

/** Filter file → log family and the class of the lines that filter must match. */
export const FILTERS: Record<string, { family: string; label: Label }> = {
  sshd: { family: "sshd", label: "credential_access" },
  dropbear: { family: "sshd", label: "credential_access" },
  "selinux-ssh": { family: "audit", label: "credential_access" },
  dovecot: { family: "dovecot", label: "credential_access" },
  postfix: { family: "postfix", label: "credential_access" },
  "courier-auth": { family: "courier", label: "credential_access" },
  "cyrus-imap": { family: "cyrus", label: "credential_access" },
  "sendmail-auth": { family: "sendmail", label: "credential_access" },
  exim: { family: "exim", label: "credential_access" },
  vsftpd: { family: "vsftpd", label: "credential_access" },
  proftpd: { family: "proftpd", label: "credential_access" },
  "pure-ftpd": { family: "pure-ftpd", label: "credential_access" },
  "apache-auth": { family: "apache_error", label: "credential_access" },
  "nginx-http-auth": { family: "nginx_error", label: "credential_access" },
  "mysqld-auth": { family: "mariadb", label: "credential_access" },
  "pam-generic": { family: "auth", label: "credential_access" },
  "roundcube-auth": { family: "roundcube", label: "credential_access" },
  "apache-badbots": { family: "apache_access", label: "web_scan" },
  "apache-botsearch": { family: "apache_error", label: "web_scan" },
  "nginx-botsearch": { family: "nginx_error", label: "web_scan" },
  "apache-noscript": { family: "apache_error", label: "web_scan" },
  "apache-nohome": { family: "apache_error", label: "web_scan" },
  "apache-shellshock": { family: "apache_error", label: "web_exploit" },
  "php-url-fopen": { family: "apache_access", label: "web_exploit" },
  "apache-modsecurity": { family: "modsecurity", label: "web_exploit" },
  "named-refused": { family: "named", label: "recon_scan" },
  portsentry: { family: "portsentry", label: "recon_scan" },
  scanlogd: { family: "scanlogd", label: "recon_scan" },
};

/** One fixture record. */
export interface Fixture {
  line: string;
  label: Label;
  family: string;
  scenario: string;
  source: string;
  confidence: number;
  /** True when a logcheck-database server ignore rule matches the line. */
  logcheckIgnored: boolean;
}

const POSIX: Record<string, string> = {
  digit: "0-9",
  alnum: "a-zA-Z0-9",
  alpha: "a-zA-Z",
  upper: "A-Z",
  lower: "a-z",
  space: "\\s",
  xdigit: "0-9a-fA-F",
  punct: "!-/:-@\\[-`{-~",
  print: " -~",
  blank: " \\t",
};

/** Compiles a logcheck (POSIX ERE) rule, or undefined when JavaScript cannot read it. */
export function compileRule(ere: string): RegExp | undefined {
  const js = ere.replace(/\[:(\w+):\]/g, (m, k) => POSIX[k] ?? m);
  try {
    return new RegExp(js);
  } catch {
    return undefined;
  }
}

/** Every logcheck server ignore rule that compiles. */
export async function logcheckRules(dir = LOGCHECK_IGNORE): Promise<RegExp[]> {
  const rules: RegExp[] = [];
  for await (const f of Deno.readDir(dir)) {
    if (!f.isFile) continue;
    for (const l of (await Deno.readTextFile(`${dir}/${f.name}`)).split("\n")) {
      const r = l.trim() && !l.startsWith("#") ? compileRule(l.trim()) : undefined;
      if (r) rules.push(r);
    }
  }
  return rules;
}

/** The annotated lines of one fail2ban test log: [line, must-match] pairs. */
export function annotated(text: string): [string, boolean][] {
  const out: [string, boolean][] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length - 1; i++) {
    const m = /^# failJSON: (\{.*\})\s*$/.exec(lines[i]);
    if (!m) continue;
    let ann: { match?: boolean; constraint?: string };
    try {
      ann = JSON.parse(m[1]);
    } catch {
      continue;
    }
    const next = lines[i + 1];
    if (ann.constraint || typeof ann.match !== "boolean" || !next || next.startsWith("#")) continue;
    out.push([next, ann.match]);
  }
  return out;
}

/** The class of an annotated line, or undefined when it is ambiguous. */
export function fixtureLabel(filterLabel: Label, family: string, line: string, match: boolean) {
  if (!match) return evidence(filterLabel, line) === "line" ? undefined : "benign";
  if (family === "sshd" && evidence("recon_scan", line) === "line") return "recon_scan";
  return filterLabel;
}

/** Fixtures from every mapped fail2ban test log. */
export async function fail2banFixtures(dir = FAIL2BAN_LOGS): Promise<Fixture[]> {
  const rules = await logcheckRules().catch(() => [] as RegExp[]);
  const out: Fixture[] = [];
  for (const [file, f] of Object.entries(FILTERS)) {
    const text = await Deno.readTextFile(`${dir}/${file}`).catch(() => "");
    for (const [line, match] of annotated(text)) {
      const label = fixtureLabel(f.label, f.family, line, match);
      if (!label) continue;
      out.push({
        line,
        label,
        family: f.family,
        scenario: "fixtures",
        source: `fail2ban:${file}`,
        confidence: match ? 0.9 : 0.6,
        logcheckIgnored: rules.some((r) => r.test(line)),
      });
    }
  }
  return out;
}
