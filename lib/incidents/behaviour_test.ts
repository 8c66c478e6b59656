/** @module Behaviour rules: table-driven matches, and bucket fills, leaks and distinct counting. */
import assert from "node:assert/strict";
import { z } from "zod";
import { parseFields } from "../formats/fields.ts";
import {
  bucketKey,
  type BucketState,
  lineView,
  pour,
  type Rule,
  RULES,
  RuleSchema,
} from "./behaviour.ts";

const rule = (name: string): Rule => RULES.find((r) => r.name === name)!;
const view = (line: string, host = "web") => lineView(parseFields(line), host);
const access = (path: string, status = 404, ip = "198.51.100.9") =>
  `${ip} - - [01/Dec/2026:07:00:00 +0000] "GET ${path} HTTP/1.1" ${status} 196 "-" "Mozilla/5.0"`;

/** [rule, line, expected bucket key]. */
const MATCHES: [string, string, string | undefined][] = [
  ["web_distinct_404", access("/a"), "198.51.100.9"],
  ["web_distinct_404", access("/a", 403), undefined],
  ["web_4xx_rate", access("/a", 403), "198.51.100.9"],
  ["web_4xx_rate", access("/a", 200), undefined],
  [
    "auth_failures_per_source",
    "sshd[1]: Failed password for root from 192.0.2.3 port 1 ssh2",
    "192.0.2.3",
  ],
  [
    "auth_failures_per_source",
    "sshd[1]: Accepted password for root from 192.0.2.3 port 1 ssh2",
    undefined,
  ],
  [
    "auth_failures_per_user",
    "sshd[1]: Failed password for root from 192.0.2.3 port 1 ssh2",
    "web:root",
  ],
  [
    "firewall_distinct_ports",
    "[UFW BLOCK] IN=eth0 SRC=192.0.2.4 DST=10.0.0.1 PROTO=TCP DPT=22",
    "192.0.2.4",
  ],
  [
    "firewall_distinct_ports",
    "[UFW ALLOW] IN=eth0 SRC=192.0.2.4 DST=10.0.0.1 PROTO=TCP DPT=22",
    undefined,
  ],
  ["dns_nxdomain_rate", "dnsmasq[5]: 77 10.0.0.23/5353 reply zz.example is NXDOMAIN", "10.0.0.23"],
  ["dns_nxdomain_rate", "dnsmasq[5]: reply zz.example is NXDOMAIN", undefined], // no requester
  [
    "dns_long_subdomains",
    `dnsmasq[5]: query[A] ${"a".repeat(40)}.t.example from 10.0.0.23`,
    "10.0.0.23",
  ],
  ["dns_long_subdomains", "dnsmasq[5]: query[A] www.example.com from 10.0.0.23", undefined],
];

for (const [name, line, key] of MATCHES) {
  Deno.test(`Behaviour - ${name} keys ${JSON.stringify(line.slice(0, 50))}`, () => {
    assert.equal(bucketKey(rule(name), view(line)), key);
  });
}

const empty = (): BucketState => ({ level: 0, at: 0, seen: [] });

Deno.test("Behaviour - a dirb run of distinct 404s fills the bucket at its capacity", () => {
  const r = rule("web_distinct_404");
  const s = empty();
  const hits = Array.from({ length: 300 }, (_, i) => pour(r, s, 1000, view(access(`/p${i}`))));
  assert.equal(hits.indexOf(true), r.capacity - 1);
  assert.equal(hits.filter(Boolean).length, 300 - r.capacity + 1);
});

Deno.test("Behaviour - the same missing path again and again pours once", () => {
  const r = rule("web_distinct_404");
  const s = empty();
  const hits = Array.from(
    { length: 100 },
    () => pour(r, s, 1000, view(access("/favicon.ico"))),
  );
  assert.equal(hits.some(Boolean), false);
  assert.equal(s.level, 1);
});

Deno.test("Behaviour - buckets leak: a slow enough pace never fires, a slow brute force does", () => {
  const r = rule("auth_failures_per_source");
  const line = view("sshd[1]: Failed password for root from 192.0.2.3 port 1 ssh2");
  const slow = empty(); // one try per 15 min: leaks 1.5 between tries
  assert.equal(
    Array.from({ length: 50 }, (_, i) => pour(r, slow, i * 900_000, line)).some(Boolean),
    false,
  );
  const brute = empty(); // one try per 2 min: net +0.8 per try
  const hits = Array.from({ length: 50 }, (_, i) => pour(r, brute, i * 120_000, line));
  assert.ok(
    hits.indexOf(true) > r.capacity && hits.indexOf(true) < 20,
    `fired at ${hits.indexOf(true)}`,
  );
});

Deno.test("Behaviour - rules are validated", () => {
  const bad = { ...RULES[0], capacity: 0, technique: "scan", match: { colour: "red" } };
  const r = RuleSchema.safeParse(bad);
  assert.equal(r.success, false);
  const paths = (r as z.ZodSafeParseError<unknown>).error.issues.map((i) => i.path[0]);
  assert.deepEqual(new Set(paths), new Set(["capacity", "technique", "match"]));
});

Deno.test("Behaviour - guesses at one account fire per distinct address, not per try", () => {
  const r = rule("auth_failures_per_user");
  const fail = (ip: string) => view(`sshd[1]: Failed password for root from ${ip} port 1 ssh2`);
  const one = empty();
  assert.equal(
    Array.from({ length: 30 }, () => pour(r, one, 0, fail("192.0.2.3"))).some(Boolean),
    false,
  );
  const many = empty();
  const hits = Array.from({ length: 12 }, (_, i) => pour(r, many, 0, fail(`192.0.2.${i}`)));
  assert.equal(hits.indexOf(true), r.capacity - 1);
});
