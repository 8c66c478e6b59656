/**
 * Pins what the model reads of a raw line.
 *
 * @module
 */
import assert from "node:assert/strict";
import { maskedSpans, maskPids, maskVariables, MAX_CHARS, modelText } from "./line_text.ts";

Deno.test("modelText masks leading syslog timestamps and PIDs", () => {
  assert.equal(
    modelText("Mar  7 04:05:06 web sshd[812]: Invalid user x from 1.2.3.4").text,
    "web sshd: Invalid user x from ipaddr",
  );
  assert.equal(
    modelText("2024-03-07T04:05:06.123456+01:00 web sshd[9]: ok").text,
    "web sshd: ok",
  );
  assert.equal(modelText("<38>1 2024-03-07T04:05:06Z h app 1 - - m").text, "h app - - - m");
});

Deno.test("modelText masks inner timestamps: access logs, audit serials, kernel uptime", () => {
  assert.equal(
    modelText('1.2.3.4 - - [07/Mar/2024:04:05:06 +0100] "GET / HTTP/1.1" 200 5').text,
    'ipaddr - - [] "GET / HTTP/1.1" 200 num1',
  );
  assert.equal(
    modelText("type=EXECVE msg=audit(1700000000.123:456): a0=id").text,
    "type=EXECVE msg=audit(): a0=id",
  );
  assert.equal(
    modelText("fw kernel: [12345.678901] [UFW BLOCK] IN=eth0").text,
    "fw kernel: [] [UFW BLOCK] IN=eth0",
  );
});

Deno.test("lines that differ only in time and PID share one text (the cache key)", () => {
  const a = modelText("Jan  1 00:00:01 h cron[1]: (root) CMD (run-parts /etc/cron.hourly)").text;
  const b =
    modelText("Dec 31 23:59:59 h cron[65535]: (root) CMD (run-parts /etc/cron.hourly)").text;
  assert.equal(a, b);
});

Deno.test("modelText keeps payload digits and drops control characters", () => {
  assert.equal(
    modelText("GET /?id=1 union select 1,2,3--\r").text,
    "GET /?id=1 union select 1,2,3--",
  );
  assert.equal(modelText("a\u0000b\u001bc\ufffdd").text, "a b c d");
});

Deno.test("modelText cuts a huge line to head and tail and says so", () => {
  const line = "GET /" + "A".repeat(10_000_000) + " evil-tail";
  const { text, truncated } = modelText(line);
  assert.equal(truncated, true);
  assert.ok(text.length <= MAX_CHARS);
  assert.ok(text.startsWith("GET /AAA"));
  assert.ok(text.endsWith("evil-tail"));
  assert.equal(modelText("short").truncated, false);
});

Deno.test("modelText undoes auditd hex arguments and URL escapes once", () => {
  assert.equal(
    modelText('type=EXECVE msg=audit(1.2:3): argc=3 a0="sh" a1="-c" a2=6964203B20756E616D65202D61')
      .text,
    'type=EXECVE msg=audit(): argc=3 a0="sh" a1="-c" a2="id ; uname -a"',
  );
  assert.equal(modelText("proctitle=2F62696E2F7368002D69").text, 'proctitle="/bin/sh -i"');
  assert.equal(
    modelText("GET /?q=%24%7Bjndi%3Aldap%3A%2F%2Fx%7D&a=%252e").text,
    "GET /?q=${jndi:ldap://x}&a=%2e",
  );
  assert.equal(modelText("id=DEADBEEF ses=4294967295").text, "id=DEADBEEF ses=num");
});

Deno.test("modelText masks IPv4, IPv6 and MAC addresses but not times or rule ids", () => {
  assert.equal(
    modelText("IN=eth0 MAC=52:54:00:12:34:56:52:54:00:65:43:21:08:00 SRC=203.0.113.5 DST=10.0.0.1")
      .text,
    "IN=eth0 MAC=macaddr SRC=ipaddr DST=ipaddr",
  );
  assert.equal(
    modelText("from 2001:db8::1 port 22 at 12:34:56 [1:2001219:20]").text,
    "from ipaddr port 22 at 12:34:56 [1:2001219:20]",
  );
  assert.equal(
    modelText("::ffff:198.51.100.7 /dev/tcp/198.51.100.7/4444").text,
    "::ffff:ipaddr /dev/tcp/ipaddr/num4",
  );
});

Deno.test("maskPids does exactly what the backtracking expression it replaces did", () => {
  const reference = (s: string) => s.replace(/([A-Za-z][\w.\-/]*)\[\d+\]:/g, "$1:");
  const tricky = [
    "web sshd[812]: x",
    "/usr/sbin/cron[12]: y",
    "1sshd[2]: z",
    "123[4]: digits only",
    "_x[1]:a[2]:b[3]: chained",
    "x.y-z/w[99]: [7]: lone",
    "é[1]: non-ascii name",
    "a[1] : space",
    "[1]: at start",
    "q".repeat(5000) + "[1]:",
  ];
  // Random strings of the pieces that matter, from a seeded generator.
  const pieces = ["a", "Z", "1", "_", ".", "-", "/", " ", "é", "[12]:", "[3]:", "[", "]:", ":"];
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const random = Array.from(
    { length: 20_000 },
    () =>
      Array.from({ length: 1 + next() * 12 }, () => pieces[Math.floor(next() * pieces.length)])
        .join(""),
  );
  assert.ok(random.filter((s) => maskPids(s) !== s).length > 2000, "the PID case is exercised");
  for (const s of [...tricky, ...random]) assert.equal(maskPids(s), reference(s), s);
});

Deno.test("maskedSpans finds the timestamps, addresses and variable fields modelText masks, merged, never clock times as IPv6", () => {
  const cases: [string, string[]][] = [
    ["Mar  7 04:05:06 web sshd[1]: from 203.0.113.7", ["Mar  7 04:05:06", "203.0.113.7"]],
    ["[07/Mar/2024:04:05:06 +0100] GET", ["07/Mar/2024:04:05:06 +0100"]],
    ["src=fe80::1 mac=00:11:22:33:44:55", ["fe80::1", "00:11:22:33:44:55"]],
    ["at 04:05:06 only", []],
    ["dnsmasq[4]: 2040 127.0.0.1/36347 query", ["2040", "127.0.0.1", "36347"]],
    ["[pid 812:tid 102] 4F2A31C0D3E: x", ["pid 812", "tid 102", "4F2A31C0D3E"]],
    ['{ff032593-a8d3-4f13-b0d6-01fc615a0f97} "GET /" 404 196 -', [
      "ff032593-a8d3-4f13-b0d6-01fc615a0f97",
      "196",
    ]],
    ["<30>1 2026-12-01T09:09:35Z srv dnsmasq 42 - - started", ["2026-12-01T09:09:35Z", "42"]],
    ["nothing here", []],
  ];
  for (const [line, want] of cases) {
    assert.deepEqual(maskedSpans(line).map(([a, b]) => line.slice(a, b)), want, line);
  }
});

Deno.test("modelText masks the variable fields of a template and keeps what names the event", () => {
  const cases: [string, string][] = [
    // ports: after "port", SPT=/DPT=, after an address; service ports of up to 3 digits stay
    [
      "sshd[1]: Accepted password for bob from 10.0.0.5 port 51234 ssh2",
      "sshd: Accepted password for bob from ipaddr port num5 ssh2",
    ],
    [
      "IN=eth0 SRC=203.0.113.5 SPT=44321 DPT=3389 DPT=22",
      "IN=eth0 SRC=ipaddr SPT=num5 DPT=num4 DPT=22",
    ],
    [
      '"GET /" host: "10.0.0.1:8080" [client 10.0.0.9:55012]',
      '"GET /" host: "ipaddr:num4" [client ipaddr:num5]',
    ],
    // access logs: status stays (404 vs 200 is signal), the response size is bucketed
    [
      '1.2.3.4 - - "GET /x HTTP/1.1" 404 196 "-" "gobuster/3.5"',
      'ipaddr - - "GET /x HTTP/1.1" 404 num3 "-" "gobuster/3.5"',
    ],
    ['"GET /big.tgz HTTP/1.1" 200 734003200', '"GET /big.tgz HTTP/1.1" 200 num9'],
    // ids: postfix queue ids, hashes, UUIDs, dovecot sessions, process/session/query ids
    [
      "postfix/qmgr[7]: 4F2A31C0D3E: from=<a@b.c>, size=482",
      "postfix/qmgr: hexid: from=<a@b.c>, size=482",
    ],
    ["md5=5f4dcc3b5aa765d61d8327deb882cf99 id=DEADBEEF", "md5=hexid id=DEADBEEF"],
    ['Guid="{ff032593-a8d3-4f13-b0d6-01fc615a0f97}"', 'Guid="{uuid}"'],
    [
      "imap(ann)<213><r3Ta+I5hGMLGE014>: Logged out in=50 out=1086",
      "imap(ann)<num><sessionid>: Logged out in=50 out=num4",
    ],
    ["mpid=213, session=<r3Ta+I5hGMLGE014>", "mpid=num, session=<sessionid>"],
    [
      "snoopy[5]: [login:ann sid:85 uid:ann(1004)/ann(1004)]: id",
      "snoopy: [login:ann sid:num uid:ann(num4)/ann(num4)]: id",
    ],
    ["sshd[9]: User child is on pid 183", "sshd: User child is on pid num"],
    [
      "[php:error] [pid 812:tid 102] [client 1.2.3.4:4711]",
      "[php:error] [pid num:tid num] [client ipaddr:num4]",
    ],
    ["[error] 812#812: *45 open() failed", "[error] num#num: *num open() failed"],
    [
      "dnsmasq[4]: 104 127.0.0.1/36347 query[A] www.example.com",
      "dnsmasq: num ipaddr/num5 query[A] www.example.com",
    ],
    ["<30>1 2026-12-01T09:09:35Z srv dnsmasq 42 - - started", "srv dnsmasq - - - started"],
    // kept: payloads, user names, paths, rule and CVE ids, encoded DNS labels, 0x payloads
    ["GET /?id=1 AND 1=1 UNION SELECT 1,2,3--", "GET /?id=1 AND 1=1 UNION SELECT 1,2,3--"],
    ["sqlmap: AND 4521=4521", "sqlmap: AND num4=num4"],
    ["Invalid user h12340 from 1.2.3.4", "Invalid user h12340 from ipaddr"],
    [
      "[**] [1:2001219:20] ET SCAN Potential SSH Scan",
      "[**] [1:2001219:20] ET SCAN Potential SSH Scan",
    ],
    ['"signature_id":2030469,"rev":7', '"signature_id":2030469,"rev":7'],
    [
      'ModSecurity: [id "942100"] CVE-2021-41773 %ASA-4-106023: logid="0000000013" type=1300',
      'ModSecurity: [id "942100"] CVE-2021-41773 %ASA-4-106023: logid="0000000013" type=1300',
    ],
    [
      "query[A] 8a152eff4e542e9f.4cb52a61.ns.evil.cc",
      "query[A] 8a152eff4e542e9f.4cb52a61.ns.evil.cc",
    ],
    [
      "query[A] ojxw65b2pa5daorqhjzg.1.cdn-sync.example",
      "query[A] ojxw65b2pa5daorqhjzg.1.cdn-sync.example",
    ],
    ["?id=0x73656c656374 arch=c000003e", "?id=0x73656c656374 arch=c000003e"],
  ];
  for (const [line, want] of cases) assert.equal(modelText(line).text, want, line);
});

Deno.test("lines of one template share one text (the cache key): ports, ids and sizes differ", () => {
  const texts = [
    "Dec  1 09:06:10 mx1 sshd[1692]: Connection from 198.19.77.9 port 45209 on 198.19.77.77 port 22",
    "Dec  1 09:07:11 mx1 sshd[1701]: Connection from 198.19.77.12 port 51022 on 198.19.77.77 port 22",
  ].map((l) => modelText(l).text);
  assert.equal(texts[0], texts[1]);
  const q = (id: string, port: number) =>
    modelText(`mx1 dnsmasq[41]: ${id} 198.19.77.9/${port} query[A] www.example.corp`).text;
  assert.equal(q("7", 36347), q("2040", 51234));
});

/** What {@link maskVariables} does to hex ids and long numbers, by scanning words. */
function referenceWords(s: string): string {
  return s.replace(/\w+/g, (w, at: number) => {
    if (/^\d+$/.test(w)) return w.length >= 4 ? `num${Math.min(w.length, 9)}` : w;
    const dotted = s[at - 1] === "." || s[at + w.length] === ".";
    const hexId = /^[0-9A-Fa-f]{8,}$/.test(w) && /\d/.test(w) && /[A-Fa-f]/.test(w);
    return hexId && !dotted ? "hexid" : w;
  });
}

Deno.test("maskVariables masks hex ids and long numbers exactly where a word scan says", () => {
  const pieces = [
    "a",
    "F",
    "g",
    "z",
    "1",
    "12",
    "1234",
    "beef",
    "c0ffee",
    "9f",
    ".",
    " ",
    "_",
    ":",
    "=",
    "/",
  ];
  let seed = 11;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const random = Array.from(
    { length: 20_000 },
    () =>
      Array.from({ length: 1 + next() * 14 }, () => pieces[Math.floor(next() * pieces.length)])
        .join(""),
  );
  assert.ok(random.filter((s) => maskVariables(s).includes("hexid")).length > 500, "hex ids occur");
  assert.ok(random.filter((s) => maskVariables(s).includes("num")).length > 1000, "numbers occur");
  for (const s of random) assert.equal(maskVariables(s), referenceWords(s), s);
});

Deno.test("maskVariables and maskedSpans run in linear time on hostile lines", () => {
  const hostile = [
    "1".repeat(200_000) + "x",
    "a1".repeat(100_000) + "g",
    "pid=" + "1".repeat(200_000) + "x",
    "<" + "A1".repeat(100_000),
    "1#".repeat(100_000),
    '" 200 ' + "9".repeat(200_000) + "z",
    "cve-".repeat(50_000) + "1",
  ];
  for (const line of hostile) {
    const t0 = performance.now();
    maskVariables(line);
    maskedSpans(line);
    const ms = performance.now() - t0;
    // Linear: a few ms; a backtracking pattern takes minutes on 200,000 characters.
    assert.ok(ms < 2000, `${line.slice(0, 12)}...: ${ms.toFixed(0)} ms`);
  }
});
