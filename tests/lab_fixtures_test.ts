/**
 * Pins the fail2ban/logcheck fixture loader: annotation parsing and labelling rules on inline
 * text, then a handful of labels read from Debian's installed fail2ban test logs (the test
 * installs fail2ban and logcheck-database itself; it needs root for that when they are absent).
 *
 * @module
 */
import assert from "node:assert/strict";
import { annotated, compileRule, fail2banFixtures, fixtureLabel } from "../models/lab/fixtures.ts";
import { ensurePackages } from "../models/lab/packages.ts";

Deno.test("Lab fixtures - failJSON annotations pair with the next line", () => {
  const failed = "Feb 25 14:34:10 belka sshd[1]: Failed password for root from 1.2.3.4 port 5 ssh2";
  const accepted =
    "Feb 25 14:34:12 belka sshd[2]: Accepted password for bob from 1.2.3.5 port 6 ssh2";
  const text = [
    '# failJSON: { "time": "2005-02-25T14:34:10", "match": true , "host": "1.2.3.4" }',
    failed,
    "Feb 25 14:34:11 belka sshd[1]: unannotated line",
    '# failJSON: { "match": false }',
    accepted,
    '# failJSON: { "match": true, "constraint": "name == \'x\'" }',
    "Feb 25 14:34:13 belka sshd[3]: constrained, skipped",
  ].join("\n");
  assert.deepEqual(annotated(text), [[failed, true], [accepted, false]]);
});

Deno.test("Lab fixtures - labelling rules", () => {
  const scan = "Jun 7 01:11:57 host sshd[8]: Did not receive identification string from 192.0.2.5";
  assert.equal(fixtureLabel("credential_access", "sshd", scan, true), "recon_scan");
  const tooMany =
    "Nov 23 21:50:19 sshd[8]: Disconnecting: Too many authentication failures for root";
  assert.equal(fixtureLabel("credential_access", "sshd", tooMany, false), undefined);
  const ok =
    "Mar  7 18:53:20 bar sshd[1556]: Accepted password for rda from 192.0.2.113 port 52100 ssh2";
  assert.equal(fixtureLabel("credential_access", "sshd", ok, false), "benign");
  assert.ok(compileRule("^a[[:digit:]]+ [[:alnum:]_-]+$")!.test("a12 x_y"));
});

Deno.test("Lab fixtures - labels read from Debian's fail2ban test logs", async () => {
  if (Deno.uid() !== 0) {
    throw new Error("this test installs fail2ban and logcheck-database: run as root");
  }
  await ensurePackages(["fail2ban", "logcheck-database"]);
  const rows = await fail2banFixtures();
  const find = (s: string) => rows.find((r) => r.line.includes(s));
  const expect: [string, string, string][] = [
    [
      "sshd[31602]: Failed password for invalid user ROOT from 194.117.26.69",
      "credential_access",
      "fail2ban:sshd",
    ],
    [
      "sshd[8782]: Did not receive identification string from 192.0.2.5",
      "recon_scan",
      "fail2ban:sshd",
    ],
    ["sshd[1556]: Accepted password for rda from 192.0.2.113", "benign", "fail2ban:sshd"],
    ['"POST /123.html/trackback/ HTTP/1.0" 301 459', "web_scan", "fail2ban:apache-badbots"],
    [
      "HTTP_TEST: ignoring function definition attempt",
      "web_exploit",
      "fail2ban:apache-shellshock",
    ],
  ];
  for (const [s, label, source] of expect) {
    const r = find(s);
    assert.ok(r, s);
    assert.equal(r.label, label, s);
    assert.equal(r.source, source, s);
  }
  assert.equal(find("sshd[1556]: Accepted password for rda")!.logcheckIgnored, true);
  assert.ok(rows.length > 300);
});
