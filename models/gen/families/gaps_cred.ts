/**
 * Gap templates: credential access via HTTP-auth and login failures.
 *
 * @module
 */
import type { Template } from "../types.ts";
import { apacheErrorTime, nginxErrorTime, syslog } from "../format.ts";
import { hostLanIp } from "./host_common.ts";
import { ephemeral, netAttackerIp } from "./network_common.ts";
import { attackUser } from "./auth_common.ts";
import { AUTHFAIL_APPS, gapsPid, notice, tpl, ts } from "./gaps_common.ts";

/** Gap templates: credential access via HTTP-auth and login failures. */
export const TEMPLATES: Template[] = [
  tpl("zeek_notice", "credential_access", 1.2, (c) => {
    const s = netAttackerIp(c);
    return notice(
      c,
      "SSH::Password_Guessing",
      `${s} appears to be guessing SSH passwords (seen in ${c.rng.int(30, 900)} connections).`,
      `Sampled servers:  ${hostLanIp(c)}, ${hostLanIp(c)}`,
      s,
      "",
      null,
    );
  }),
  tpl("apache_error", "credential_access", 1.3, (c) => {
    const ip = netAttackerIp(c),
      u = attackUser(c),
      path = c.rng.pick([
        "/phpmyadmin/",
        "/admin",
        "/manager/html",
        "/server-status",
        "/private/",
        "/nagios/",
        "/.htpasswd-protected/",
      ]);
    const m = c.rng.chance(0.5)
      ? `AH01618: user ${u} not found: ${path}`
      : `AH01617: user ${u}: authentication failure for "${path}": Password Mismatch`;
    return `[${apacheErrorTime(c.now)}] [auth_basic:error] [pid ${gapsPid(c)}${
      c.rng.chance(0.5) ? `:tid ${c.rng.int(1e14, 2e14)}` : ""
    }] [client ${ip}:${ephemeral(c.rng)}] ${m}`;
  }),
  tpl("nginx_error", "credential_access", 1.1, (c) => {
    const ip = netAttackerIp(c),
      u = attackUser(c),
      f = c.rng.pick([
        "/etc/nginx/.htpasswd",
        "/etc/nginx/htpasswd",
        "/etc/nginx/conf.d/.htpasswd",
      ]);
    const m = c.rng.chance(0.5)
      ? `user "${u}" was not found in "${f}"`
      : `user "${u}": password mismatch`;
    return `${nginxErrorTime(c.now)} [error] ${gapsPid(c)}#${c.rng.int(0, 8)}: *${
      c.rng.int(1, 999999)
    } ${m}, client: ${ip}, server: ${c.sc.domain}, request: "${c.rng.pick(["GET", "POST"])} ${
      c.rng.pick(["/admin/", "/", "/kibana/", "/private/"])
    } HTTP/1.1", host: "${c.sc.domain}"`;
  }),
  tpl(
    "pfsense",
    "credential_access",
    1,
    (c) =>
      syslog(
        c,
        c.sc.hosts.fw,
        c.rng.pick(["php-fpm", "php-cgi", "audit"]),
        gapsPid(c),
        `/index.php: webConfigurator authentication error for user '${attackUser(c)}' from: ${
          netAttackerIp(c)
        }`,
        "auth",
      ),
  ),
  tpl("app_json", "credential_access", 1.5, (c) => {
    const u = attackUser(c), ip = netAttackerIp(c), n = c.rng.int(5, 400);
    return JSON.stringify(c.rng.pick([
      {
        timestamp: c.now.toISOString(),
        level: "warn",
        event: "auth.failed",
        user: u,
        ip,
        attempt: n,
        reason: "invalid_password",
      },
      {
        time: c.now.toISOString(),
        level: "WARN",
        msg: "too many failed login attempts",
        username: u,
        remote_addr: ip,
        failures: n,
        window: "5m",
      },
      {
        ts: Number(ts(c)),
        level: "error",
        message: `account locked after ${n} failed attempts`,
        user: u,
        source_ip: ip,
      },
      {
        timestamp: c.now.toISOString(),
        severity: "WARNING",
        message: "possible credential stuffing detected",
        distinct_usernames: c.rng.int(40, 5000),
        client_ip: ip,
        window_seconds: c.rng.pick([60, 300]),
      },
    ]));
  }),
  tpl(
    "app_login",
    "credential_access",
    1.2,
    (c) => c.rng.pick(AUTHFAIL_APPS)(c, attackUser(c), netAttackerIp(c)),
  ),
];
