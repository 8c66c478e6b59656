/**
 * Pins how syslog messages (RFC 5424, RFC 3164, legacy, Cisco, raw) are parsed.
 *
 * @module
 */
import assert from "node:assert/strict";
import { parseSyslog, type SyslogRecord } from "./syslog.ts";

/** Shorthand: absent fields stay absent, so deepEqual pins the whole record. */
function p(text: string): SyslogRecord {
  return parseSyslog(text);
}

Deno.test("parseSyslog - RFC 5424 with SD, BOM and all header fields", () => {
  const text = "<34>1 2003-10-11T22:14:15.003Z mymachine.example.com su 123 ID47 " +
    '[exampleSDID@32473 iut="3" eventSource="Application"] \uFEFF\'su root\' failed';
  assert.deepEqual(p(text), {
    format: "rfc5424",
    pri: 34,
    facility: 4,
    severity: 2,
    timestamp: "2003-10-11T22:14:15.003Z",
    host: "mymachine.example.com",
    app: "su",
    pid: "123",
    msgid: "ID47",
    structuredData: '[exampleSDID@32473 iut="3" eventSource="Application"]',
    message: "'su root' failed",
    line: "1 2003-10-11T22:14:15.003Z mymachine.example.com su 123 ID47 " +
      '[exampleSDID@32473 iut="3" eventSource="Application"] \'su root\' failed',
  });
});

Deno.test("parseSyslog - RFC 5424 NILVALUE fields and no MSG", () => {
  assert.deepEqual(p("<165>1 - - - - - -"), {
    format: "rfc5424",
    pri: 165,
    facility: 20,
    severity: 5,
    message: "",
    line: "1 - - - - - -",
  });
  const r = p(
    "<165>1 2003-08-24T05:14:15.000003-07:00 192.0.2.1 myproc 8710 - - %% It's time to make the do-nuts.",
  );
  assert.equal(r.format, "rfc5424");
  assert.equal(r.timestamp, "2003-08-24T05:14:15.000003-07:00");
  assert.equal(r.host, "192.0.2.1");
  assert.equal(r.app, "myproc");
  assert.equal(r.pid, "8710");
  assert.equal(r.msgid, undefined);
  assert.equal(r.structuredData, undefined);
  assert.equal(r.message, "%% It's time to make the do-nuts.");
  assert.equal(r.parseError, undefined);
  // SD then SP and an empty MSG
  assert.equal(p("<13>1 - h a - - - ").message, "");
});

Deno.test("parseSyslog - RFC 5424 structured data: escapes, several elements", () => {
  const sd = '[exampleSDID@32473 iut="3" eventSource="App\\]li\\"ca\\\\tion" eventID="1011"]' +
    '[examplePriority@32473 class="high"]';
  const r = p(`<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 ${sd}`);
  assert.equal(r.structuredData, sd);
  assert.equal(r.message, "");
  assert.equal(r.parseError, undefined);

  const r2 = p(`<165>1 - h app - - [a x="] [b y=\\"z\\"]"][c] msg [not sd]`);
  assert.equal(r2.structuredData, '[a x="] [b y=\\"z\\"]"][c]');
  assert.equal(r2.message, "msg [not sd]");

  // an SD element without params, BOM mojibake (UTF-8 read as Latin-1) before MSG
  const r3 = p("<14>1 - - - - - [origin] \u00EF\u00BB\u00BFhello");
  assert.equal(r3.structuredData, "[origin]");
  assert.equal(r3.message, "hello");
  assert.equal(r3.line, "1 - - - - - [origin] hello");
});

Deno.test("parseSyslog - malformed RFC 5424 headers keep what parsed", () => {
  const bad = p("<13>1 2003-10-11T22:14:15.003Z host");
  assert.equal(bad.format, "rfc5424");
  assert.equal(bad.timestamp, "2003-10-11T22:14:15.003Z");
  assert.match(bad.parseError!, /truncated header/);
  assert.equal(bad.message, "host");
  assert.equal(bad.line, "1 2003-10-11T22:14:15.003Z host");

  const ts = p("<13>1 2003-10-11T22:14 host app - - - msg");
  assert.match(ts.parseError!, /TIMESTAMP/);
  assert.equal(ts.message, "2003-10-11T22:14 host app - - - msg");

  const sd1 = p('<13>1 - host app - - [id x="unterminated] msg');
  assert.match(sd1.parseError!, /STRUCTURED-DATA/);
  assert.equal(sd1.host, "host");
  assert.equal(sd1.app, "app");
  assert.equal(sd1.structuredData, undefined);
  assert.equal(sd1.message, '[id x="unterminated] msg');

  const sd2 = p("<13>1 - host app - - nosd msg");
  assert.match(sd2.parseError!, /STRUCTURED-DATA/);
  assert.equal(sd2.message, "nosd msg");

  const sd3 = p('<13>1 - host app - - [id x="1"]msg');
  assert.match(sd3.parseError!, /SP before MSG/);
  assert.equal(sd3.structuredData, '[id x="1"]');
  assert.equal(sd3.message, "msg");

  const sd4 = p("<13>1 - host app - - [id x=1] msg");
  assert.match(sd4.parseError!, /STRUCTURED-DATA/);

  const empty = p("<13>1 -  app - - - msg");
  assert.match(empty.parseError!, /empty HOSTNAME/);
});

Deno.test("parseSyslog - RFC 3164 with host, tag and pid", () => {
  assert.deepEqual(p("<13>Feb  5 17:32:18 10.0.0.99 myapp[1234]: hello"), {
    format: "rfc3164",
    pri: 13,
    facility: 1,
    severity: 5,
    timestamp: "Feb  5 17:32:18",
    host: "10.0.0.99",
    app: "myapp",
    pid: "1234",
    message: "hello",
    line: "Feb  5 17:32:18 10.0.0.99 myapp[1234]: hello",
  });
  const r = p("<13>Feb  5 17:32:18 host tag: msg");
  assert.equal(r.host, "host");
  assert.equal(r.app, "tag");
  assert.equal(r.pid, undefined);
  assert.equal(r.message, "msg");
  assert.equal(
    p("<86>Oct 11 22:14:15 web01 sshd[812]: Failed password").timestamp,
    "Oct 11 22:14:15",
  );
  // no tag after the host
  const nt = p("<13>Feb  5 17:32:18 host some message: with colon");
  assert.equal(nt.host, "host");
  assert.equal(nt.app, undefined);
  assert.equal(nt.message, "some message: with colon");
  // IPv6 host, "name[pid]" tag without colon, dotted / dashed tag names
  const v6 = p("<13>Feb  5 17:32:18 fe80::1 kernel[0] x");
  assert.equal(v6.host, "fe80::1");
  assert.equal(v6.app, "kernel");
  assert.equal(v6.pid, "0");
  assert.equal(v6.message, "x");
  assert.equal(p("<13>Feb  5 17:32:18 h systemd-logind[5]: New session").app, "systemd-logind");
  assert.equal(p("<13>Feb  5 17:32:18 h postfix/smtpd[5]: x").app, "postfix/smtpd");
});

Deno.test("parseSyslog - RFC 3164 legacy shapes", () => {
  // no host
  const nh = p("<13>Feb  5 17:32:18 myapp[1234]: hello");
  assert.equal(nh.host, undefined);
  assert.equal(nh.app, "myapp");
  assert.equal(nh.pid, "1234");
  assert.equal(nh.message, "hello");
  assert.equal(p("<13>Feb  5 17:32:18 su: root").app, "su");
  // PRI only
  assert.deepEqual(p("<13>hello"), {
    format: "rfc3164",
    pri: 13,
    facility: 1,
    severity: 5,
    message: "hello",
    line: "hello",
  });
  const tag = p("<13>myapp[7]: hello there");
  assert.equal(tag.app, "myapp");
  assert.equal(tag.pid, "7");
  assert.equal(tag.message, "hello there");
  assert.equal(p("<13>").message, "");
  assert.equal(p("<0>x").pri, 0);
  assert.equal(p("<191>x").severity, 7);
  // single-digit day with one space, only a timestamp
  assert.equal(p("<13>Feb 5 17:32:18 h a: m").timestamp, "Feb 5 17:32:18");
  const only = p("<13>Feb  5 17:32:18");
  assert.equal(only.timestamp, "Feb  5 17:32:18");
  assert.equal(only.message, "");
  // a month name that runs on is not a timestamp
  const notTs = p("<13>Feb  5 17:32:18x y");
  assert.equal(notTs.timestamp, undefined);
  assert.equal(notTs.message, "Feb  5 17:32:18x y");
  // a message starting with "1 " but no 5424 timestamp stays 3164
  const one = p("<13>1 apple a day");
  assert.equal(one.format, "rfc3164");
  assert.equal(one.message, "1 apple a day");
});

Deno.test("parseSyslog - RFC 3164 with ISO (rsyslog high precision) timestamps", () => {
  const r = p("<13>2024-03-07T04:05:06.123456+01:00 web sshd[9]: ok");
  assert.equal(r.format, "rfc3164");
  assert.equal(r.timestamp, "2024-03-07T04:05:06.123456+01:00");
  assert.equal(r.host, "web");
  assert.equal(r.app, "sshd");
  assert.equal(r.pid, "9");
  assert.equal(r.message, "ok");
  assert.equal(p("<13>2024-03-07T04:05:06Z h a: m").timestamp, "2024-03-07T04:05:06Z");
  assert.equal(p("<13>2024-03-07T04:05:06 h a: m").host, "h");
});

Deno.test("parseSyslog - Cisco IOS", () => {
  const r = p("<189>123: *Mar  1 00:00:00.000: %SYS-5-CONFIG_I: Configured from console by vty0");
  assert.equal(r.format, "rfc3164");
  assert.equal(r.pri, 189);
  assert.equal(r.facility, 23);
  assert.equal(r.severity, 5);
  assert.equal(r.timestamp, "Mar  1 00:00:00.000");
  assert.equal(r.host, undefined);
  assert.equal(r.message, "%SYS-5-CONFIG_I: Configured from console by vty0");
  assert.equal(
    r.line,
    "123: *Mar  1 00:00:00.000: %SYS-5-CONFIG_I: Configured from console by vty0",
  );
  const tz = p("<187>35: .Mar  1 12:00:00.123 UTC: %LINK-3-UPDOWN: Interface Gi0/1, changed");
  assert.equal(tz.timestamp, "Mar  1 12:00:00.123 UTC");
  assert.equal(tz.message, "%LINK-3-UPDOWN: Interface Gi0/1, changed");
  const year = p("<187>36: Mar 1 2024 12:00:00: %X-1-Y: z");
  assert.equal(year.timestamp, "Mar 1 2024 12:00:00");
  assert.equal(year.message, "%X-1-Y: z");
  // sequence number and no timestamp
  assert.equal(p("<187>37: %X-1-Y: z").message, "%X-1-Y: z");
});

Deno.test("parseSyslog - raw lines and bad PRI", () => {
  for (const t of ["", "plain log line", "Feb  5 17:32:18 host app: no pri", "<html>", "<", "<>"]) {
    assert.deepEqual(p(t), { format: "raw", message: t, line: t }, t);
  }
  for (const t of ["<192>x", "<999>x", "<1234>x", "<13x", "<13"]) {
    const r = p(t);
    assert.equal(r.format, "raw", t);
    assert.equal(r.message, t);
    assert.equal(r.line, t);
    assert.match(r.parseError!, /PRI/, t);
    assert.equal(r.pri, undefined);
  }
});

Deno.test("parseSyslog - trailing newline and NULs are stripped", () => {
  assert.equal(p("<13>hello\n").message, "hello");
  assert.equal(p("<13>hello\r\n").message, "hello");
  assert.equal(p("<13>hello\n\n").message, "hello\n"); // only one
  assert.equal(p("<13>hel\0lo\0").message, "hello");
  assert.equal(p("<13>hello\n\0").line, "hello");
  assert.equal(p("plain\r\n").line, "plain");
});

Deno.test("parseSyslog - never throws on odd input", () => {
  const odd = [
    "<13>1 ",
    "<13>1 -",
    "<13>1 - ",
    "<13>1 2003-",
    "<13>1 - h a p m [",
    "<13>1 - h a p m [x",
    '<13>1 - h a p m [x y="\\',
    "<13>Feb",
    "<13>Feb  5",
    "<13>Feb  5 17:32:18 ",
    "<13>Feb  5 17:32:18  ",
    "<13>a[",
    "<13>a[1",
    "<13>a[1]",
    "<13>123: ",
    "\uFEFF",
    "<13>\uFEFF",
    "<13>\uD800",
  ];
  for (const t of odd) {
    const r = parseSyslog(t);
    assert.equal(typeof r.message, "string", t);
    assert.equal(typeof r.line, "string", t);
  }
  // deno-lint-ignore no-explicit-any
  assert.equal(parseSyslog(undefined as any).format, "raw");
});

Deno.test("parseSyslog - 1 MB inputs parse in linear time", () => {
  const big = [
    "<13>" + "a".repeat(1 << 20),
    "<13>Feb  5 17:32:18 " + "h".repeat(1 << 20),
    "<13>Feb  5 17:32:18 host " + "t".repeat(1 << 20) + ":",
    "<13>" + "[".repeat(1 << 20),
    "<13>1 - h a p m " + "[x".repeat(1 << 19),
    '<13>1 - h a p m [x y="' + "\\".repeat(1 << 20),
    '<13>1 - h a p m [x y="' + '\\"'.repeat(1 << 19) + '"] m',
    "<13>1 - h a p m " + '[x y="1"]'.repeat(1 << 17) + " m",
    "<13>" + " ".repeat(1 << 20),
    "<13>Feb  5 17:32:18 ".repeat(1 << 15),
    "\0".repeat(1 << 20) + "<13>x",
  ];
  const t0 = performance.now();
  for (const t of big) parseSyslog(t);
  const ms = performance.now() - t0;
  assert.ok(ms < 1000, `took ${ms} ms`);
  const r = parseSyslog("<13>1 - h a p m " + '[x y="1"]'.repeat(1000) + " m");
  assert.equal(r.message, "m");
  assert.equal(r.structuredData!.length, 9000);
});

Deno.test("parseSyslog - RFC 5424 with a bad VERSION or an impossible TIMESTAMP is flagged", () => {
  const cases: [string, RegExp, string | undefined][] = [
    ["<13>2 2024-05-14T10:00:00Z host app - - - msg", /unsupported VERSION 2/, "host"],
    ["<13>17 - host app - - - msg", /unsupported VERSION 17/, "host"],
    ["<13>1 2024-13-14T10:00:00Z host app - - - msg", /bad TIMESTAMP/, undefined],
    ["<13>1 2024-05-14T25:00:00Z host app - - - msg", /bad TIMESTAMP/, undefined],
    ["<13>1 2024-05-00T10:00:00Z host app - - - msg", /bad TIMESTAMP/, undefined],
  ];
  for (const [text, error, host] of cases) {
    const r = parseSyslog(text);
    assert.match(r.parseError ?? "", error, text);
    assert.equal(r.host, host, text);
    assert.ok(r.line.includes("msg"), text);
  }
  const ok = parseSyslog("<13>1 2024-05-14T23:59:60.5+02:00 host app - - - msg");
  assert.equal(ok.parseError, undefined);
  assert.equal(ok.host, "host");
});
