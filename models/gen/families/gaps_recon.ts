/**
 * Gap templates: recon scans seen in Zeek notices, audit/command logs and mail servers.
 *
 * @module
 */
import type { Template } from "../types.ts";
import { isoTime, syslog } from "../format.ts";
import { anyHost, hostLanIp } from "./host_common.ts";
import { ephemeral, netAttackerIp } from "./network_common.ts";
import { execve, gapsPid, notice, scanCmd, svc, tpl } from "./gaps_common.ts";

/** Gap templates: recon scans seen in Zeek notices, audit/command logs and mail servers. */
export const TEMPLATES: Template[] = [
  tpl("zeek_notice", "recon_scan", 1.5, (c) => {
    const s = netAttackerIp(c), d = hostLanIp(c), n = c.rng.int(15, 900);
    return c.rng.chance(0.6)
      ? notice(
        c,
        "Scan::Port_Scan",
        `${s} scanned at least ${n} unique ports of host ${d} in ${c.rng.int(0, 14)}m${
          c.rng.int(0, 59)
        }s`,
        "local",
        s,
        d,
        null,
      )
      : notice(
        c,
        "Scan::Address_Scan",
        `${s} scanned at least ${c.rng.int(25, 500)} unique hosts on port ${
          c.rng.pick([22, 23, 445, 3389, 80, 5900])
        }/tcp in ${c.rng.int(0, 9)}m${c.rng.int(0, 59)}s`,
        "remote",
        s,
        "",
        null,
      );
  }),
  tpl("auditd", "recon_scan", 1.2, (c) => execve(c, scanCmd(c))),
  tpl("snoopy", "recon_scan", 0.8, (c) => {
    const [n, u] = svc(c);
    const cmd = scanCmd(c).join(" ");
    return syslog(
      c,
      anyHost(c),
      "snoopy",
      gapsPid(c),
      `[uid:${u} sid:${c.rng.int(100, 9999)} tty:${
        c.rng.pick(["(none)", "/dev/pts/0"])
      } cwd:/tmp filename:/usr/bin/${cmd.split(" ")[0]}]: ${cmd}`.replace(
        `uid:${u}`,
        c.rng.chance(0.5) ? `uid:${u}` : `login:${n} username:${n} uid:${u}`,
      ),
      "authpriv",
    );
  }),
  tpl(
    "bash_history",
    "recon_scan",
    0.6,
    (c) =>
      (c.rng.chance(0.4) ? `#${Math.floor(c.now.getTime() / 1000)} ` : "") +
      scanCmd(c).map((a) => (a.includes(" ") ? `'${a}'` : a)).join(" ").replace(
        /^bash -c '(.*)'$/,
        "$1",
      ),
  ),
  tpl("postfix", "recon_scan", 1, (c) => {
    const ip = netAttackerIp(c), h = c.sc.hosts.mail;
    const msg = c.rng.pick([
      `warning: non-SMTP command from unknown[${ip}]: ${
        c.rng.pick([
          "GET / HTTP/1.1",
          "GET /favicon.ico HTTP/1.1",
          "CONNECT 1.1.1.1:443 HTTP/1.1",
          "\\x16\\x03\\x01\\x02\\x00\\x01",
          "SSH-2.0-Go",
          "OPTIONS / RTSP/1.0",
        ])
      }`,
      `lost connection after ${
        c.rng.pick(["CONNECT", "EHLO", "UNKNOWN", "AUTH"])
      } from unknown[${ip}]`,
      `improper command pipelining after ${
        c.rng.pick(["CONNECT", "EHLO", "HELO"])
      } from unknown[${ip}]: ${
        c.rng.pick(["QUIT\\r\\n", "GET / HTTP/1.0\\r\\n\\r\\n", "EHLO x\\r\\nQUIT\\r\\n"])
      }`,
    ]);
    return syslog(
      c,
      h,
      c.rng.pick(["postfix/smtpd", "postfix/postscreen", "postfix/submission/smtpd"]),
      gapsPid(c),
      msg,
      "mail",
    );
  }),
  tpl(
    "exim",
    "recon_scan",
    0.5,
    (c) =>
      `${isoTime(c.now).slice(0, 19).replace("T", " ")} SMTP call from [${netAttackerIp(c)}]:${
        ephemeral(c.rng)
      } ${
        c.rng.pick([
          'dropped: too many syntax or protocol errors (last command was "GET / HTTP/1.1", C=NONE)',
          "(possibly a HTTP client) dropped: too many syntax or protocol errors",
          "lost after initial connection",
          'dropped: too many nonmail commands (last was "RSET")',
        ])
      }`,
  ),
];
