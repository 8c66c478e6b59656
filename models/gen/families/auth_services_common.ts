/**
 * Shared line builders and pools for the FTP, database, VPN and web-login templates.
 *
 * @module
 */
import type { Ctx } from "../types.ts";
import { hms, syslog, ymd } from "../format.ts";
import { authPid } from "./auth_common.ts";

export const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

/** vsftpd's own log: `Thu Mar  7 04:05:06 2024 [pid N] [user] MSG`. */
export function vsftpd(c: Ctx, user: string | null, msg: string): string {
  const d = c.now;
  const t = `${DAYS[d.getUTCDay()]} ${d.toUTCString().slice(8, 11)} ${
    String(d.getUTCDate()).padStart(2, " ")
  } ${hms(d)} ${d.getUTCFullYear()}`;
  const u = user === null ? "" : ` [${user}]`;
  return c.rng.chance(0.8)
    ? `${t} [pid ${authPid(c)}]${u} ${msg}`
    : syslog(c, c.sc.hosts.share, "vsftpd", authPid(c), `[pid ${authPid(c)}]${u} ${msg}`, "daemon");
}

export function ftpClient(c: Ctx, ip: string): string {
  return ip.includes(":") || c.rng.chance(0.4) ? ip : `::ffff:${ip}`;
}

export function proftpd(c: Ctx, ip: string, msg: string): string {
  const h = `${c.sc.hosts.share}.${c.sc.domain}`;
  return syslog(
    c,
    c.sc.hosts.share,
    "proftpd",
    authPid(c),
    `${h} (${ip}[${ip}]) - ${msg}`,
    "daemon",
  );
}

export function pureftpd(c: Ctx, ip: string, level: string, msg: string): string {
  return syslog(c, c.sc.hosts.share, "pure-ftpd", null, `(?@${ip}) [${level}] ${msg}`, "daemon");
}

/** MySQL 5.7/8 or MariaDB error-log line. */
export function mysqlLine(c: Ctx, level: string, code: string, msg: string): string {
  const us = String(c.rng.int(0, 999999)).padStart(6, "0");
  const th = c.rng.int(2, 90000);
  return c.rng.weighted<() => string>([
    [() => `${ymd(c.now)}T${hms(c.now)}.${us}Z ${th} [${level}] [${code}] [Server] ${msg}`, 3],
    [() => `${ymd(c.now)}T${hms(c.now)}.${us}Z ${th} [${level}] ${msg}`, 1],
    [
      () =>
        `${ymd(c.now)} ${String(c.now.getUTCHours()).padStart(2, " ")}${
          hms(c.now).slice(2)
        } ${th} [${level === "Note" ? "Warning" : level}] ${msg}`,
      2,
    ],
    [
      () =>
        syslog(
          c,
          c.sc.hosts.db,
          "mariadbd",
          authPid(c),
          `${th} [${level === "Note" ? "Warning" : level}] ${msg}`,
          "daemon",
        ),
      1,
    ],
  ])();
}

export function pgLine(c: Ctx, msg: string): string {
  const ms = String(c.rng.int(0, 999)).padStart(3, "0");
  const zone = c.rng.pick(["UTC", "CET", "EST", ""]);
  const base = `${ymd(c.now)} ${hms(c.now)}.${ms}${zone ? " " + zone : ""} [${authPid(c)}] `;
  const who = c.rng.chance(0.4)
    ? `${c.rng.pick(["postgres", "app", "[unknown]"])}@${
      c.rng.pick(["postgres", "[unknown]", "appdb"])
    } `
    : "";
  return base + who + msg;
}

export function ovpn(c: Ctx, msg: string): string {
  if (c.rng.chance(0.3)) {
    const d = c.now;
    return `${d.toUTCString().slice(0, 3)} ${d.toUTCString().slice(8, 11)} ${
      String(d.getUTCDate()).padStart(2, " ")
    } ${hms(d)} ${d.getUTCFullYear()} ${msg}`;
  }
  return syslog(
    c,
    c.sc.hosts.vpn,
    c.rng.pick(["openvpn", "ovpn-server"]),
    authPid(c),
    msg,
    "daemon",
  );
}

export const ODD_UAS = [
  "Mozilla/5.0 (Windows NT 6.1; WOW64; rv:40.0) Gecko/20100101 Firefox/40.1",
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:62.0) Gecko/20100101 Firefox/62.0",
  "Mozilla/4.0 (Hydra)",
  "Mozilla/5.0 (Hydra)",
  "Medusa v2.2",
  "python-requests/2.25.1",
  "-",
  "WordPress/5.8; http://example.com",
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/60.0.3112.113 Safari/537.36",
  "Go-http-client/1.1",
  "curl/7.68.0",
  "Mozilla/5.0 (compatible; MSIE 9.0; Windows NT 6.1; Trident/5.0)",
];

export const LOGIN_POSTS: readonly (readonly [string, number])[] = [
  ["/wp-login.php", 6],
  ["/xmlrpc.php", 5],
  ["/user/login", 1],
  ["/administrator/index.php", 1],
  ["/admin/login.php", 1],
  ["/index.php?option=com_users&task=user.login", 0.5],
  ["/login.php", 1],
  ["/phpmyadmin/index.php", 1],
  ["/api/v1/auth/login", 0.5],
  ["/user/login?destination=/node", 0.5],
];
