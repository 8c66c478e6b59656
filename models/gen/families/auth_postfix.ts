/**
 * Postfix lines: normal mail flow, greylisting and RBL rejects versus SASL guessing and recipient
 * enumeration.
 *
 * @module
 */
import type { Template } from "../types.ts";
import { bsdTime, syslog } from "../format.ts";
import {
  attackUser,
  authAttackerIp,
  authPid,
  ephemeralPort,
  internalIp,
  siteUser,
  tpl,
} from "./auth_common.ts";
import {
  addr,
  BOT_HELOS,
  extAddr,
  lip,
  mailHost,
  mech,
  postfix,
  qid,
  relay,
} from "./auth_mail_common.ts";

const CRED: Template[] = [
  tpl("postfix", "credential_access", 8, (c) => {
    const host = c.rng.chance(0.85)
      ? "unknown"
      : c.rng.pick(BOT_HELOS).toLowerCase() + ".example.net";
    const why = c.rng.weighted([["authentication failure", 6], ["UGFzc3dvcmQ6", 3], [
      "VXNlcm5hbWU6",
      1,
    ], ["generic failure", 1]]);
    const who = c.rng.chance(0.3)
      ? `, sasl_username=${c.rng.chance(0.5) ? addr(c, attackUser(c)) : attackUser(c)}`
      : "";
    return postfix(
      c,
      "smtpd",
      `warning: ${host}[${authAttackerIp(c)}]: SASL ${mech(c)} authentication failed: ${why}${who}`,
    );
  }),
  tpl("postfix", "credential_access", 3, (c) => {
    const ip = authAttackerIp(c);
    return postfix(
      c,
      "smtpd",
      c.rng.weighted([
        [`lost connection after AUTH from unknown[${ip}]`, 3],
        [`disconnect from unknown[${ip}] ehlo=1 auth=0/1 quit=1 commands=2/3`, 3],
        [`disconnect from unknown[${ip}] ehlo=1 auth=0/1 rset=1 quit=1 commands=3/4`, 1],
        [`too many errors after AUTH from unknown[${ip}]`, 1],
        [
          `warning: unknown[${ip}]: SASL LOGIN authentication failed: Connection lost to authentication server`,
          0.3,
        ],
      ]),
    );
  }),
  tpl("postfix", "credential_access", 4, (c) => {
    const ip = authAttackerIp(c), u = attackUser(c);
    const cmd = c.rng.weighted([["RCPT", 5], ["VRFY", 2]]);
    const rcpt = cmd === "VRFY" ? u : addr(c, u);
    const tail = cmd === "VRFY"
      ? `to=<${rcpt}> proto=SMTP`
      : `from=<${c.rng.pick(["", "test@test.com", extAddr(c)])}> to=<${rcpt}> proto=ESMTP helo=<${
        c.rng.pick(BOT_HELOS)
      }>`;
    return postfix(
      c,
      "smtpd",
      `NOQUEUE: reject: ${cmd} from unknown[${ip}]: 550 5.1.1 <${rcpt}>: Recipient address rejected: User unknown in ${
        c.rng.pick(["local recipient table", "virtual mailbox table"])
      }; ${tail}`,
    );
  }),
];

const BENIGN: Template[] = [
  tpl("postfix", "benign", 6, (c) => {
    const r = relay(c);
    return postfix(
      c,
      "smtpd",
      c.rng.weighted([
        [`connect from ${r}`, 3],
        [
          `disconnect from ${r} ehlo=${c.rng.pick([1, 2])} starttls=1 mail=1 rcpt=${
            c.rng.int(1, 3)
          } data=1 quit=1 commands=${c.rng.int(6, 8)}`,
          3,
        ],
        [`${qid(c)}: client=${r}`, 3],
        [
          `Anonymous TLS connection established from ${r}: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits) key-exchange X25519 server-signature RSA-PSS (2048 bits) server-digest SHA256`,
          2,
        ],
        [
          `${qid(c)}: client=unknown[${internalIp(c)}], sasl_method=${mech(c)}, sasl_username=${
            c.rng.chance(0.5) ? addr(c) : siteUser(c)
          }`,
          2,
        ],
        [
          `warning: hostname ${r.split("[")[0]} does not resolve to address ${
            r.split("[")[1].slice(0, -1)
          }: Name or service not known`,
          0.5,
        ],
      ]),
    );
  }),
  tpl("postfix", "benign", 6, (c) => {
    const q = qid(c);
    return c.rng.weighted([
      [
        () =>
          postfix(
            c,
            "qmgr",
            `${q}: from=<${c.rng.chance(0.5) ? addr(c) : extAddr(c)}>, size=${
              c.rng.int(900, 4_000_000)
            }, nrcpt=${c.rng.weighted([[1, 6], [c.rng.int(2, 9), 1]])} (queue active)`,
          ),
        3,
      ],
      [() => postfix(c, "qmgr", `${q}: removed`), 2],
      [
        () =>
          postfix(
            c,
            "cleanup",
            `${q}: message-id=<${c.rng.alnum(c.rng.int(12, 30))}@${
              c.rng.pick([
                c.sc.publicDomain,
                "mail.gmail.com",
                "eurprd04.prod.outlook.com",
                "mailchimp.com",
              ])
            }>`,
          ),
        3,
      ],
      [
        () =>
          postfix(
            c,
            "pickup",
            `${q}: uid=${c.rng.pick([0, 33, 1000])} from=<${
              c.rng.pick(["root", "www-data", siteUser(c)])
            }>`,
          ),
        1,
      ],
    ])();
  }),
  tpl("postfix", "benign", 5, (c) => {
    const q = qid(c), d = c.rng.int(1, 60000) / 1000;
    const ext = c.rng.chance(0.5);
    const to = ext ? extAddr(c) : addr(c);
    const rel = ext
      ? `${
        c.rng.pick([
          "gmail-smtp-in.l.google.com[142.250.102.26]",
          "outlook-com.olc.protection.outlook.com[104.47.18.97]",
          "mx00.ionos.de[212.227.15.41]",
        ])
      }:25`
      : c.rng.pick(["local", "private/dovecot-lmtp", "127.0.0.1[127.0.0.1]:10024"]);
    const st = ext
      ? `250 2.0.0 OK  ${Math.floor(c.now.getTime() / 1000)} ${c.rng.alnum(20)} - gsmtp`
      : c.rng.pick([
        "delivered to mailbox",
        `250 2.0.0 <${to}> ${c.rng.alnum(22)} Saved`,
        `250 2.0.0 Ok: queued as ${qid(c)}`,
      ]);
    const proc = ext ? "smtp" : rel === "local" ? "local" : "lmtp";
    return postfix(
      c,
      proc,
      `${q}: to=<${to}>, relay=${rel}, delay=${d.toFixed(2)}, delays=${(d / 3).toFixed(2)}/0.01/${
        (d / 4).toFixed(2)
      }/0.${c.rng.int(1, 9)}, dsn=2.0.0, status=sent (${st})`,
    );
  }),
  tpl("postfix", "benign", 4, (c) => {
    const ip = c.rng.publicIp();
    const to = addr(c);
    return postfix(
      c,
      "smtpd",
      c.rng.weighted([
        [
          `NOQUEUE: reject: RCPT from unknown[${ip}]: 554 5.7.1 Service unavailable; Client host [${ip}] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/${ip}; from=<${
            extAddr(c)
          }> to=<${to}> proto=ESMTP helo=<${
            c.rng.pick(["mail.example.com", "cloud-" + c.rng.int(1, 99) + ".net"])
          }>`,
          3,
        ],
        [
          `NOQUEUE: reject: RCPT from ${
            relay(c)
          }: 450 4.2.0 <${to}>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/${c.sc.publicDomain}.html; from=<${
            extAddr(c)
          }> to=<${to}> proto=ESMTP helo=<mail.example.org>`,
          2,
        ],
        [
          `NOQUEUE: reject: RCPT from unknown[${ip}]: 450 4.7.1 Client host rejected: cannot find your reverse hostname, [${ip}]; from=<${
            extAddr(c)
          }> to=<${to}> proto=ESMTP helo=<localhost>`,
          1,
        ],
        [
          `warning: TLS library problem: error:0A000126:SSL routines::unexpected eof while reading:../ssl/record/rec_layer_s3.c:${
            c.rng.pick([303, 317])
          }:`,
          1,
        ],
        [`SSL_accept error from ${relay(c)}: lost connection`, 0.5],
      ]),
    );
  }),
  tpl("postfix", "benign", 1, (c) =>
    c.rng.weighted([
      [() =>
        postfix(
          c,
          "anvil",
          `statistics: max connection rate ${
            c.rng.int(1, 4)
          }/60s for (smtp:${c.rng.publicIp()}) at ${bsdTime(c.now)}`,
        ), 1],
      [() => postfix(c, "postscreen", `PASS OLD [${c.rng.publicIp()}]:${ephemeralPort(c)}`), 1],
      [() =>
        postfix(
          c,
          "postscreen",
          `CONNECT from [${c.rng.publicIp()}]:${ephemeralPort(c)} to [${lip(c)}]:25`,
        ), 1],
      [() =>
        syslog(
          c,
          mailHost(c),
          "postgrey",
          authPid(c),
          `action=greylist, reason=new, client_name=${
            relay(c).split("[")[0]
          }, client_address=${c.rng.publicIp()}, sender=${extAddr(c)}, recipient=${addr(c)}`,
          "mail",
        ), 1],
    ])()),
];

/** The postfix templates. */
export const POSTFIX_TEMPLATES: Template[] = [...CRED, ...BENIGN];
