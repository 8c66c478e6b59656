/**
 * Pins what the model reads of a raw line.
 *
 * @module
 */
import assert from "node:assert/strict";
import { maskedSpans, maskPids, MAX_CHARS, modelText } from "./line_text.ts";

Deno.test("modelText masks leading syslog timestamps and PIDs", () => {
  assert.equal(
    modelText("Mar  7 04:05:06 web sshd[812]: Invalid user x from 1.2.3.4").text,
    "web sshd: Invalid user x from ipaddr",
  );
  assert.equal(
    modelText("2024-03-07T04:05:06.123456+01:00 web sshd[9]: ok").text,
    "web sshd: ok",
  );
  assert.equal(modelText("<38>1 2024-03-07T04:05:06Z h app 1 - - m").text, "h app 1 - - m");
});

Deno.test("modelText masks inner timestamps: access logs, audit serials, kernel uptime", () => {
  assert.equal(
    modelText('1.2.3.4 - - [07/Mar/2024:04:05:06 +0100] "GET / HTTP/1.1" 200 5').text,
    'ipaddr - - [] "GET / HTTP/1.1" 200 5',
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
  assert.equal(modelText("id=DEADBEEF ses=4294967295").text, "id=DEADBEEF ses=4294967295");
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
    "::ffff:ipaddr /dev/tcp/ipaddr/4444",
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

Deno.test("maskedSpans finds the timestamps and addresses modelText masks, merged, never clock times as IPv6", () => {
  const cases: [string, string[]][] = [
    ["Mar  7 04:05:06 web sshd[1]: from 203.0.113.7", ["Mar  7 04:05:06", "203.0.113.7"]],
    ["[07/Mar/2024:04:05:06 +0100] GET", ["07/Mar/2024:04:05:06 +0100"]],
    ["src=fe80::1 mac=00:11:22:33:44:55", ["fe80::1", "00:11:22:33:44:55"]],
    ["at 04:05:06 only", []],
    ["nothing here", []],
  ];
  for (const [line, want] of cases) {
    assert.deepEqual(maskedSpans(line).map(([a, b]) => line.slice(a, b)), want, line);
  }
});
