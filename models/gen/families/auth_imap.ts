/**
 * Exim, dovecot and webmail (Horde, Roundcube) lines: normal delivery and logins versus password
 * guessing.
 *
 * @module
 */
import type { Template } from "../types.ts";
import { bsdTime, hms, syslog, ymd } from "../format.ts";
import {
  attackUser,
  authAttackerIp,
  authPid,
  clientIp,
  ephemeralPort,
  siteUser,
  tpl,
} from "./auth_common.ts";
import {
  addr,
  BOT_HELOS,
  dovecot,
  exim,
  eximId,
  extAddr,
  lip,
  mech,
  relay,
  sess,
} from "./auth_mail_common.ts";

const CRED: Template[] = [
  tpl("exim", "credential_access", 5, (c) => {
    const ip = authAttackerIp(c), u = attackUser(c);
    const helo = c.rng.chance(0.6) ? c.rng.pick(BOT_HELOS) : `[${ip}]`;
    const auth = c.rng.pick([
      "dovecot_login",
      "dovecot_plain",
      "login",
      "plain",
      "fixed_login",
      "fixed_plain",
    ]);
    const port = c.rng.chance(0.6) ? `:${ephemeralPort(c)}` : "";
    const setId = c.rng.chance(0.6) ? addr(c, u) : u;
    return exim(
      c,
      `${auth} authenticator failed for (${helo}) [${ip}]${port}: 535 Incorrect authentication data (set_id=${setId})`,
    );
  }),
  tpl("exim", "credential_access", 1, (c) => {
    const ip = authAttackerIp(c);
    return exim(
      c,
      `H=(${c.rng.pick(BOT_HELOS)}) [${ip}] F=<> rejected RCPT <${addr(c, attackUser(c))}>: ${
        c.rng.pick(["Unknown user", "unrouteable address"])
      }`,
    );
  }),
  tpl("dovecot", "credential_access", 6, (c) => {
    const proto = c.rng.weighted([["imap-login", 3], ["pop3-login", 2], ["submission-login", 0.5]]);
    const n = c.rng.int(1, 6);
    const what = c.rng.weighted([
      [`Disconnected (auth failed, ${n} attempts in ${c.rng.int(2, 30)} secs)`, 3],
      [
        `Disconnected: Connection closed (auth failed, ${n} attempts in ${c.rng.int(2, 30)} secs)`,
        2,
      ],
      [`Aborted login (auth failed, ${n} attempts in ${c.rng.int(2, 30)} secs)`, 2],
      [
        `Disconnected: Too many invalid commands. (auth failed, ${n} attempts in ${
          c.rng.int(2, 30)
        } secs)`,
        1,
      ],
      [
        `Login aborted: Connection closed (auth failed, ${n} attempts in ${
          c.rng.int(2, 30)
        } secs) (auth_failed)`,
        1,
      ],
    ]);
    const u = c.rng.chance(0.4) ? addr(c, attackUser(c)) : attackUser(c);
    const tls = c.rng.chance(0.5) ? ", TLS" : "";
    return dovecot(
      c,
      proto,
      "Info",
      `${what}: user=<${u}>, method=${mech(c)}, rip=${authAttackerIp(c)}, lip=${lip(c)}${tls}, ${
        sess(c)
      }`,
    );
  }),
  tpl("dovecot", "credential_access", 4, (c) => {
    const u = attackUser(c), ip = authAttackerIp(c), w = c.rng.int(1, 99999);
    const sid = c.rng.chance(0.5) ? `,<${c.rng.alnum(16)}>` : "";
    return c.rng.weighted([
      [
        () =>
          dovecot(
            c,
            `auth-worker(${w})`,
            "Info",
            `pam(${u},${ip}${sid}): pam_authenticate() failed: Authentication failure (password mismatch?)`,
          ),
        3,
      ],
      [
        () =>
          dovecot(
            c,
            "auth",
            "Info",
            `pam(${u},${ip}${sid}): pam_authenticate() failed: Authentication failure`,
          ),
        1,
      ],
      [
        () =>
          dovecot(
            c,
            `auth-worker(${w})`,
            "Info",
            `${c.rng.pick(["sql", "pam", "passwd-file", "ldap"])}(${u},${ip}${sid}): unknown user`,
          ),
        2,
      ],
      [
        () =>
          dovecot(
            c,
            "auth",
            "Info",
            `passwd-file(${u},${ip}): unknown user (given password: ${
              c.rng.pick(["123456", "password", "admin123", "qwerty"])
            })`,
          ),
        0.3,
      ],
      [
        () =>
          dovecot(
            c,
            "auth",
            "Info",
            `pam_unix(dovecot:auth): authentication failure; logname= uid=0 euid=0 tty=dovecot ruser=${u} rhost=${ip}${
              c.rng.chance(0.5) ? "  user=" + u : ""
            }`,
          ),
        2,
      ],
    ])();
  }),
  tpl("horde", "credential_access", 2, (c) => {
    const u = attackUser(c), ip = authAttackerIp(c);
    return c.rng.chance(0.6)
      ? `${ymd(c.now)}T${hms(c.now)}${c.sc.tz.slice(0, 3)}:${
        c.sc.tz.slice(3)
      } ERR: HORDE [horde] FAILED LOGIN for ${u} [${ip}] to Horde [pid ${authPid(c)} on line ${
        c.rng.pick([163, 258, 210])
      } of "/usr/share/horde/login.php"]`
      : syslog(
        c,
        c.sc.hosts.mail,
        "HORDE",
        authPid(c),
        `[horde] FAILED LOGIN for ${u} [${ip}] to Horde [on line ${
          c.rng.pick([163, 258])
        } of "/usr/share/horde3/login.php"]`,
        "local0",
      );
  }),
  tpl("roundcube", "credential_access", 2, (c) => {
    const u = attackUser(c), ip = authAttackerIp(c), s = c.rng.hex(8);
    const t = `[${bsdTime(c.now).slice(4, 6).trim().padStart(2, "0")}-${
      bsdTime(c.now).slice(0, 3)
    }-${c.now.getUTCFullYear()} ${hms(c.now)} ${c.sc.tz}]`;
    return c.rng.chance(0.5)
      ? `${t}: <${s}> IMAP Error: Login failed for ${u} against localhost from ${ip}. AUTHENTICATE PLAIN: Authentication failed. in /usr/share/roundcube/program/lib/Roundcube/rcube_imap.php on line 211 (POST /?_task=login&_action=login)`
      : syslog(
        c,
        c.sc.hosts.mail,
        "roundcube",
        null,
        `<${s}> Failed login for ${u} from ${ip} in session ${
          c.rng.alnum(26).toLowerCase()
        } (error: 0)`,
        "mail",
      );
  }),
];

const BENIGN: Template[] = [
  tpl("exim", "benign", 5, (c) => {
    const id = eximId(c), r = relay(c);
    const [h, ip] = [r.split("[")[0], r.split("[")[1].slice(0, -1)];
    return exim(
      c,
      c.rng.weighted([
        [
          `${id} <= ${
            extAddr(c)
          } H=${h} [${ip}] P=esmtps X=TLS1.3:TLS_AES_256_GCM_SHA384:256 CV=no S=${
            c.rng.int(900, 900000)
          } id=${c.rng.alnum(20)}@${h}`,
          3,
        ],
        [
          `${id} <= ${addr(c)} H=(${siteUser(c)}-laptop) [${
            clientIp(c)
          }] P=esmtpsa X=TLS1.3:TLS_AES_256_GCM_SHA384:256 CV=no A=dovecot_plain:${siteUser(c)} S=${
            c.rng.int(900, 90000)
          }`,
          2,
        ],
        [
          `${id} => ${extAddr(c)} R=dnslookup T=remote_smtp H=${
            c.rng.pick([
              "gmail-smtp-in.l.google.com [142.250.102.27]",
              "mx1.mail.ovh.net [188.165.36.237]",
            ])
          } X=TLS1.3:TLS_AES_256_GCM_SHA384:256 CV=yes C="250 2.0.0 OK ${c.rng.alnum(12)} - gsmtp"`,
          3,
        ],
        [
          `${id} => ${siteUser(c)} <${addr(c)}> R=local_user T=${
            c.rng.pick(["mail_spool", "dovecot_lmtp", "maildir_home"])
          }`,
          2,
        ],
        [`${id} Completed`, 3],
        [`${id} -> ${addr(c)} R=virtual_aliases T=dovecot_delivery`, 1],
      ]),
    );
  }),
  tpl("dovecot", "benign", 6, (c) => {
    const u = c.rng.chance(0.7) ? siteUser(c) : addr(c);
    const proto = c.rng.weighted([["imap-login", 4], ["pop3-login", 1]]);
    return dovecot(
      c,
      proto,
      "Info",
      `Login: user=<${u}>, method=${mech(c)}, rip=${clientIp(c)}, lip=${lip(c)}, mpid=${
        authPid(c)
      }${c.rng.chance(0.8) ? ", TLS" : ""}, ${sess(c)}`,
    );
  }),
  tpl("dovecot", "benign", 5, (c) => {
    const u = c.rng.chance(0.6) ? siteUser(c) : addr(c);
    const sid = c.rng.chance(0.5) ? `<${authPid(c)}><${c.rng.alnum(16)}>` : "";
    return c.rng.weighted([
      [
        () =>
          dovecot(
            c,
            `lmtp(${u})${sid}`,
            "Info",
            `msgid=<${c.rng.alnum(18)}@${
              c.rng.pick([c.sc.publicDomain, "mail.gmail.com"])
            }>: saved mail to ${c.rng.weighted([["INBOX", 6], ["Junk", 1], ["INBOX/Lists", 1]])}`,
          ),
        3,
      ],
      [
        () =>
          dovecot(
            c,
            `imap(${u})${sid}`,
            "Info",
            `Logged out in=${c.rng.int(50, 9000)} out=${c.rng.int(400, 900000)}${
              c.rng.chance(0.5)
                ? " deleted=0 expunged=0 trashed=0 hdr_count=0 hdr_bytes=0 body_count=0 body_bytes=0"
                : ""
            }`,
          ),
        3,
      ],
      [
        () =>
          dovecot(
            c,
            `imap(${u})${sid}`,
            "Info",
            `Disconnected: Connection closed (IDLE running for ${c.rng.int(1, 1800)}.${
              c.rng.int(100, 999)
            } + waiting input for 0.001 secs, 2 B in + 10 B out, state=wait-input) in=${
              c.rng.int(50, 900)
            } out=${c.rng.int(400, 90000)}`,
          ),
        1,
      ],
      [
        () =>
          dovecot(
            c,
            `pop3(${u})`,
            "Info",
            `Disconnected: Logged out top=0/0, retr=${c.rng.int(0, 9)}/${
              c.rng.int(0, 90000)
            }, del=0/${c.rng.int(0, 30)}, size=${c.rng.int(0, 900000)}`,
          ),
        1,
      ],
    ])();
  }),
  tpl("horde", "benign", 1, (c) => {
    const u = siteUser(c), ip = clientIp(c);
    return c.rng.chance(0.6)
      ? `${ymd(c.now)}T${hms(c.now)}${c.sc.tz.slice(0, 3)}:${
        c.sc.tz.slice(3)
      } NOTICE: HORDE [horde] Login success for ${u} [${ip}] to Horde [pid ${
        authPid(c)
      } on line 163 of "/usr/share/horde/login.php"]`
      : syslog(
        c,
        c.sc.hosts.mail,
        "HORDE",
        authPid(c),
        `[imp] Login success for ${u} (Horde user ${u}) [${ip}] to {localhost:143 [imap]} [on line 126 of "/usr/share/horde/imp/lib/Auth.php"]`,
        "local0",
      );
  }),
];

/** The exim/dovecot/webmail templates. */
export const IMAP_TEMPLATES: Template[] = [...CRED, ...BENIGN];
