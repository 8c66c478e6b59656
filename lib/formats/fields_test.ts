/** @module Table-driven cases for the field parsers behind entities and behaviour rules. */
import assert from "node:assert/strict";
import { isIp, type LineFields, parseFields } from "./fields.ts";

const CASES: [string, string, LineFields][] = [
  [
    "sshd connection (the remote side, not the local one)",
    'sshd[995]: Connection from 198.18.0.66 port 59978 on 198.18.0.10 port 22 rdomain ""',
    { ip: "198.18.0.66" },
  ],
  [
    "sshd disconnect of an authenticating user",
    "sshd[9]: Connection closed by authenticating user root 192.0.2.4 port 4000 [preauth]",
    { ip: "192.0.2.4", user: "root" },
  ],
  [
    "nginx error log client",
    '2026/12/01 09:04:12 [error] 73#73: *57 open() "/var/www/x" failed (2: No such file or directory), client: 198.18.0.66, server: a, request: "GET /x HTTP/1.1"',
    { ip: "198.18.0.66" },
  ],
  [
    "apache error log client",
    "[Tue Dec 01 09:04:28.305126 2026] [php:error] [pid 89:tid 89] [client 198.18.0.66:53436] PHP Fatal error",
    { ip: "198.18.0.66" },
  ],
  [
    "postfix peer",
    "postfix/smtpd[194]: lost connection after CONNECT from unknown[198.18.0.66]",
    { ip: "198.18.0.66" },
  ],
  [
    "dovecot rip, not lip",
    "dovecot: imap-login: Disconnected (no auth attempts in 0 secs): user=<>, rip=198.18.0.66, lip=198.18.0.10",
    { ip: "198.18.0.66" },
  ],
  [
    "dovecot pam",
    "dovecot: auth-worker(1144): pam(phuber,198.18.0.66,<Olnw0o5h6p>): pam_authenticate() failed",
    { ip: "198.18.0.66" },
  ],
  [
    "vsftpd client",
    'vsftpd[1332]: [phuber] FAIL LOGIN: Client "198.18.0.66"',
    { ip: "198.18.0.66" },
  ],
  [
    "snoopy ssh session",
    "snoopy[1990]: [login:phuber ssh:(198.18.0.66 42435 198.18.0.10 22) sid:1988]: cat /etc/passwd",
    { ip: "198.18.0.66" },
  ],
  [
    "sshd failure",
    "sshd[811]: Failed password for invalid user admin from 203.0.113.7 port 40002 ssh2",
    { kind: "sshd", ip: "203.0.113.7", user: "admin", auth: "failure" },
  ],
  [
    "sshd success with header",
    "Dec  1 07:02:00 web sshd[900]: Accepted publickey for bob from 2001:db8::7 port 50000 ssh2",
    { kind: "sshd", ip: "2001:db8::7", user: "bob", auth: "success" },
  ],
  [
    "sshd invalid user",
    "sshd[1]: Invalid user oracle from 198.51.100.3 port 4711",
    { kind: "sshd", ip: "198.51.100.3", user: "oracle", auth: "failure" },
  ],
  [
    "PAM failure",
    "dovecot: pam_unix(dovecot:auth): authentication failure; logname= uid=0 euid=0 tty=dovecot ruser=eve rhost=192.0.2.9  user=eve",
    { kind: "auth", ip: "192.0.2.9", user: "eve", auth: "failure" },
  ],
  [
    "access log",
    '198.51.100.9 - - [01/Dec/2026:07:00:00 +0000] "GET /backup?x=1 HTTP/1.1" 404 196 "-" "curl"',
    { kind: "access", ip: "198.51.100.9", method: "GET", path: "/backup", status: 404 },
  ],
  [
    "access log after a vhost",
    'intranet.example:443 10.1.2.3 - - [01/Dec/2026:07:00:00 +0000] "POST /wp-login.php HTTP/1.1" 200 12',
    {
      kind: "access",
      ip: "10.1.2.3",
      vhost: "intranet.example:443",
      method: "POST",
      path: "/wp-login.php",
      status: 200,
    },
  ],
  [
    "ufw drop",
    "kernel: [1.2] [UFW BLOCK] IN=eth0 OUT= SRC=192.0.2.44 DST=10.0.0.5 PROTO=TCP SPT=5 DPT=8080",
    { kind: "firewall", ip: "192.0.2.44", verdict: "drop", dport: 8080 },
  ],
  [
    "dnsmasq query",
    "dnsmasq[500]: query[A] aGVsbG8.x7.tunnel.example from 10.0.0.23",
    { kind: "dns", ip: "10.0.0.23", qname: "aGVsbG8.x7.tunnel.example" },
  ],
  [
    "dnsmasq extra reply",
    "dnsmasq[500]: 1234 10.0.0.23/53211 reply nope.example is NXDOMAIN",
    { kind: "dns", ip: "10.0.0.23", qname: "nope.example", nxdomain: true },
  ],
  [
    "suricata eve",
    '{"timestamp":"2026-12-01T07:00:00","event_type":"alert","src_ip":"203.0.113.50","dest_ip":"10.0.0.1"}',
    { kind: "ids", ip: "203.0.113.50" },
  ],
  [
    "suricata fast",
    "12/01/2026-07:00:00.1  [**] [1:2001219:20] ET SCAN [**] {TCP} 203.0.113.51:5555 -> 10.0.0.1:22",
    { kind: "ids", ip: "203.0.113.51" },
  ],
  [
    "sudo",
    "sudo:      bob : TTY=pts/0 ; PWD=/home/bob ; USER=root ; COMMAND=/bin/cat /etc/shadow",
    { kind: "sudo", user: "bob" },
  ],
  ["nothing known", "CRON[900]: (root) CMD (run-parts /etc/cron.hourly)", {}],
];

for (const [name, line, want] of CASES) {
  Deno.test(`Fields - ${name}`, () => assert.deepEqual(parseFields(line), want));
}

Deno.test("Fields - addresses are validated", () => {
  assert.equal(isIp("203.0.113.7"), true);
  assert.equal(isIp("999.1.1.1"), false);
  assert.equal(isIp("2001:db8::1"), true);
  assert.equal(isIp("bastion"), false);
});
