/**
 * Helpers shared by the mail-server templates: relays, queue ids, addresses and the
 * postfix/exim/dovecot line shapes.
 *
 * @module
 */
import type { Ctx } from "../types.ts";
import { bsdTime, hms, syslog, ymd } from "../format.ts";
import { authPid, siteUser } from "./auth_common.ts";

/** Mail helper `RELAYS`. */
export const RELAYS = [
  ["mail-wr1-f{n}.google.com", "209.85.221."],
  ["mail-ej1-f{n}.google.com", "209.85.218."],
  ["mail-eopbgr{n}.outbound.protection.outlook.com", "40.107.7."],
  ["a27-{n}.smtp-out.us-west-2.amazonses.com", "54.240.27."],
  ["mta-{n}.mailchimpapp.net", "198.2.128."],
  ["o{n}.sendgrid.net", "167.89.123."],
  ["mout.gmx.net", "212.227.15."],
  ["mx{n}.mailgun.org", "69.72.43."],
  ["smtp{n}.protonmail.ch", "185.70.40."],
] as const;

/** Mail helper `BOT_HELOS`. */
export const BOT_HELOS = [
  "User",
  "ylmf-pc",
  "WIN-CLJ1B0GQ6JP",
  "localhost",
  "win10",
  "ADMIN-PC",
  "hello",
  "smtp.example.com",
  "Windows7",
];

/** Mail helper `mailHost`. */
export function mailHost(c: Ctx): string {
  return c.sc.hosts.mail;
}

/** A known-good sending relay `name[ip]`. */
export function relay(c: Ctx): string {
  const [n, p] = c.rng.pick(RELAYS);
  const ip = p + c.rng.int(2, 250);
  return `${n.replace("{n}", String(c.rng.int(1, 99)))}[${ip}]`;
}

/** A postfix queue id (short hex or long form). */
export function qid(c: Ctx): string {
  return c.rng.chance(0.8)
    ? c.rng.chars(c.rng.int(9, 11), "0123456789ABCDEF")
    : `4${c.rng.chars(11, "BCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz0123456789")}`;
}

/** Mail helper `postfix`. */
export function postfix(c: Ctx, proc: string, msg: string): string {
  const app = proc === "smtpd" && c.rng.chance(0.2)
    ? `postfix/${c.rng.pick(["submission", "smtps"])}/smtpd`
    : `postfix/${proc}`;
  return syslog(c, mailHost(c), app, authPid(c), msg, "mail");
}

/** Mail helper `addr`. */
export function addr(c: Ctx, u = siteUser(c)): string {
  return `${u}@${c.rng.chance(0.7) ? c.sc.publicDomain : c.sc.domain}`;
}

/** Mail helper `extAddr`. */
export function extAddr(c: Ctx): string {
  return `${
    c.rng.pick(["newsletter", "noreply", "j.doe", "billing", "support", "info", "m.rossi"])
  }@${
    c.rng.pick([
      "gmail.com",
      "outlook.com",
      "example.org",
      "vendor-mail.net",
      "gmx.de",
      "yahoo.com",
      "supplier.co.uk",
    ])
  }`;
}

/** Dovecot via syslog (`dovecot: imap-login: ...`) or its own log file (`Mar 07 .. imap-login: Info: ...`). */
export function dovecot(c: Ctx, proc: string, level: string, msg: string): string {
  if (c.rng.chance(0.65)) {
    return syslog(
      c,
      mailHost(c),
      "dovecot",
      c.rng.chance(0.5) ? null : authPid(c),
      `${proc}: ${msg}`,
      "mail",
    );
  }
  const t = bsdTime(c.now).replace(/^(\w{3}) +(\d) /, "$1 0$2 ");
  return `${t} ${proc}: ${level}: ${msg}`;
}

/** Mail helper `exim`. */
export function exim(c: Ctx, msg: string): string {
  const t = `${ymd(c.now)} ${hms(c.now)}`;
  return c.rng.chance(0.8)
    ? `${t} ${c.rng.chance(0.3) ? `[${authPid(c)}] ` : ""}${msg}`
    : syslog(c, mailHost(c), "exim", authPid(c), msg, "mail");
}

/** Mail helper `eximId`. */
export function eximId(c: Ctx): string {
  const a = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  return `1${c.rng.chars(5, a)}-${c.rng.chars(6, a)}-${c.rng.chars(2, a)}`;
}

/** Mail helper `sess`. */
export const sess = (c: Ctx) =>
  `session=<${
    c.rng.chars(16, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
  }>`;
/** Mail helper `lip`. */
export const lip = (c: Ctx) => c.sc.dmz + c.rng.int(2, 60);
/** Mail helper `mech`. */
export const mech = (c: Ctx) => c.rng.weighted([["PLAIN", 5], ["LOGIN", 3], ["CRAM-MD5", 1]]);
