/**
 * Pins the lab's labelling rules without running the lab: attacker and user addresses, id
 * inheritance (sshd PID, dovecot session, dnsmasq serial), sessions that outlive their step,
 * the step window with family and account, line versus context evidence, and the collector's
 * time parsing.
 *
 * @module
 */
import assert from "node:assert/strict";
import { lineTime } from "../models/lab/collect.ts";
import { evidence } from "../models/lab/evidence.ts";
import { labelLines, type StepRun } from "../models/lab/label.ts";

const owners = { attacker: "198.18.0.66", users: new Map([["198.18.0.21", "user:ws01"]]) };
const T = Date.parse("2026-12-01T08:00:00Z");
const steps: StepRun[] = [
  {
    name: "ssh_brute",
    label: "credential_access",
    start: T,
    end: T + 10_000,
    families: ["sshd"],
    targets: ["sshd", "dovecot"],
  },
  {
    name: "privesc",
    label: "privilege_escalation",
    start: T + 20_000,
    end: T + 30_000,
    families: ["sudo"],
    targets: ["sshd", "sudo", "dnsmasq"],
    user: "phuber",
  },
];
const at = (s: number, family: string, line: string) => ({
  line,
  family,
  time: T + s * 1000,
  file: "x",
});

Deno.test("Lab labels - address, shared id, window and default", () => {
  const rows = labelLines(
    [
      at(
        1,
        "sshd",
        "Dec  1 08:00:00 h sshd[40]: Failed password for root from 198.18.0.66 port 5 ssh2",
      ),
      at(2, "sshd", "Dec  1 08:00:00 h sshd[40]: PAM service(sshd) ignoring max retries; 4 > 3"),
      at(
        3,
        "sshd",
        "Dec  1 08:00:00 h sshd[41]: Accepted password for mwagner from 198.18.0.21 port 7 ssh2",
      ),
      at(
        21,
        "sudo",
        "Dec  1 08:00:00 h sudo:   phuber : PWD=/home/phuber ; USER=root ; COMMAND=list",
      ),
      at(
        22,
        "sudo",
        "Dec  1 08:00:00 h sudo:   mwagner : PWD=/home/mwagner ; USER=root ; COMMAND=/usr/bin/ls",
      ),
      at(40, "cron", "Dec  1 08:00:00 h CRON[9]: (root) CMD (true)"),
    ],
    owners,
    steps,
    "t",
  );
  assert.deepEqual(rows.map((r) => r.label), [
    "credential_access",
    "credential_access",
    "benign",
    "privilege_escalation",
    "benign",
    "benign",
  ]);
  assert.deepEqual(rows.map((r) => r.evidence), [
    "line",
    "context",
    "line",
    "line",
    "line",
    "line",
  ]);
  assert.equal(rows[2].actor, "user:ws01");
  assert.equal(rows[1].step, "ssh_brute");
});

Deno.test("Lab labels - a session outliving its step keeps the step that opened it", () => {
  const rows = labelLines(
    [
      at(
        5,
        "dovecot",
        "Dec  1 08:00:05 mx dovecot: auth: pam(phuber,198.18.0.66,<AbC>): pam_authenticate() failed",
      ),
      at(
        24,
        "dovecot",
        "Dec  1 08:00:24 mx dovecot: imap-login: Disconnected (auth failed): rip=198.18.0.66, session=<AbC>",
      ),
      at(
        25,
        "dnsmasq",
        "<30>1 2026-12-01T08:00:25.1+00:00 mx dnsmasq 4 - - 77 127.0.0.1/5353 forwarded x.ex.example to 198.18.0.66",
      ),
      at(
        25,
        "dnsmasq",
        "<30>1 2026-12-01T08:00:25.2+00:00 mx dnsmasq 4 - - 77 127.0.0.1/5353 query[A] x.ex.example from 127.0.0.1",
      ),
    ],
    owners,
    steps,
    "t",
  );
  assert.equal(rows[1].label, "credential_access");
  assert.equal(rows[3].label, "privilege_escalation");
  assert.equal(rows[3].actor, "attacker");
});

Deno.test("Lab labels - a whole-second access-log line falls in the step that began in it", () => {
  const s2 = steps[1].start / 1000;
  const line =
    `198.18.0.66 - - [01/Dec/2026:08:00:20 +0000] "GET /x HTTP/1.1" 404 1 "-" "curl/7.88.1"`;
  const [r] = labelLines(
    [{ line, family: "apache_access", time: lineTime(line), file: "a" }],
    owners,
    [
      steps[0],
      { ...steps[1], start: (s2 + 0.4) * 1000 },
    ],
    "t",
  );
  assert.equal(r.step, "privesc");
});

Deno.test("Lab collect - times of daemon-written lines", () => {
  assert.equal(
    lineTime('1.2.3.4 - - [01/Dec/2026:07:42:08 +0000] "GET / HTTP/1.1" 404 1'),
    Date.parse("2026-12-01T07:42:08Z"),
  );
  assert.equal(
    lineTime("[Tue Dec 01 07:42:07.792664 2026] [php:error] [pid 113:tid 113] x"),
    Date.parse("2026-12-01T07:42:07.792Z"),
  );
  assert.equal(
    lineTime("2026/12/01 07:41:54 [error] 73#73: x"),
    Date.parse("2026-12-01T07:41:54Z"),
  );
  assert.equal(lineTime("2026-12-01  7:41:25 0 [Note] InnoDB"), Date.parse("2026-12-01T07:41:25Z"));
  assert.ok(Number.isNaN(lineTime("no time here")));
});

Deno.test("Lab labels - a slow failure logged in the next step's window stays with its step", () => {
  const line =
    "Dec  1 08:00:21 mx auth: pam_unix(dovecot:auth): authentication failure; rhost=198.18.0.66";
  const sshd = "Dec  1 08:00:21 mx sshd[77]: Accepted password for phuber from 198.18.0.66 port 9";
  const rows = labelLines([at(21, "dovecot", line), at(21, "sshd", sshd)], owners, steps, "t");
  assert.deepEqual(rows.map((r) => r.step), ["ssh_brute", "privesc"]);
});

Deno.test("Lab labels - a benign user's failed login is labelled by what the line shows", () => {
  // [family, line, label, actor]: the user's typos in every daemon, then their benign twins.
  const table: [string, string, string, string][] = [
    [
      "sshd",
      "Dec  1 08:01:00 h sshd[50]: Failed password for mwagner from 198.18.0.21 port 5 ssh2",
      "credential_access",
      "user:ws01",
    ],
    [
      "sshd",
      "Dec  1 08:01:00 h sshd[50]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=198.18.0.21  user=mwagner",
      "credential_access",
      "user:ws01",
    ],
    [
      "sshd",
      "Dec  1 08:01:01 h sshd[50]: Connection closed by authenticating user mwagner [preauth]",
      "credential_access",
      "user:ws01",
    ],
    [
      "dovecot",
      "Dec  1 08:01:02 h dovecot: imap-login: Disconnected (auth failed, 1 attempts in 2 secs): user=<mwagner>, method=PLAIN, rip=198.18.0.21, lip=198.18.0.10, session=<Xy1>",
      "credential_access",
      "user:ws01",
    ],
    [
      "postfix",
      "Dec  1 08:01:03 h postfix/smtpd[60]: warning: ws01.fox.lab[198.18.0.21]: SASL LOGIN authentication failed: (reason unavailable), sasl_username=mwagner",
      "credential_access",
      "user:ws01",
    ],
    [
      "vsftpd",
      'Dec  1 08:01:04 h vsftpd[70]: [mwagner] FAIL LOGIN: Client "::ffff:198.18.0.21"',
      "credential_access",
      "user:ws01",
    ],
    [
      "apache_error",
      "[Tue Dec 01 08:01:05.1 2026] [php:notice] [pid 9:tid 9] [client 198.18.0.21:5] login failed for user mwagner",
      "credential_access",
      "user:ws01",
    ],
    [
      "sudo",
      "Dec  1 08:01:06 h sudo: pam_unix(sudo:auth): authentication failure; logname=mwagner uid=1001 euid=0 tty= ruser=mwagner rhost=  user=mwagner",
      "credential_access",
      "system",
    ],
    [
      "sshd",
      "Dec  1 08:01:07 h sshd[51]: Accepted password for mwagner from 198.18.0.21 port 6 ssh2",
      "benign",
      "user:ws01",
    ],
    [
      "dovecot",
      "Dec  1 08:01:08 h dovecot: imap-login: Login: user=<mwagner>, method=PLAIN, rip=198.18.0.21, lip=198.18.0.10, session=<Xy2>",
      "benign",
      "user:ws01",
    ],
    ["cron", "Dec  1 08:01:09 h CRON[9]: (root) CMD (true)", "benign", "system"],
  ];
  const rows = labelLines(
    table.map(([family, line], i) => at(60 + i, family, line)),
    owners,
    steps,
    "t",
  );
  table.forEach(([, line, label, actor], i) => {
    assert.equal(rows[i].label, label, line);
    assert.equal(rows[i].actor, actor, line);
    assert.equal(rows[i].evidence, "line", line);
    assert.equal(rows[i].step, null, line);
  });
});

Deno.test("Lab evidence - bind9's and dnsmasq's zone transfers show recon by themselves", () => {
  const table: [string, "line" | "context"][] = [
    [
      "2026-12-01T10:39:20.1+00:00 web01 named[75]: security: error: client @0x7fd1116f0898 198.18.12.201#46183 (northwind.corp): zone transfer 'northwind.corp/AXFR/IN' denied",
      "line",
    ],
    [
      "2026-12-01T10:39:20.2+00:00 web01 named[75]: queries: info: client @0x7fd1116f0898 198.18.12.201#46184 (version.bind): query: version.bind CH TXT +E(0)K (198.18.12.7)",
      "line",
    ],
    [
      "Dec  1 08:00:00 h dnsmasq[7]: 12 198.18.0.66/4000 query[AXFR] fox.lab from 198.18.0.66",
      "line",
    ],
    [
      "2026-12-01T10:39:20.3+00:00 web01 named[75]: queries: info: client @0x7fd1116f0898 198.18.12.201#46185 (mail.northwind.corp): query: mail.northwind.corp IN A +E(0)K (198.18.12.7)",
      "context",
    ],
  ];
  for (const [line, want] of table) assert.equal(evidence("recon_scan", line), want, line);
});
