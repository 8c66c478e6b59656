/** @module Grouping: class × entity, inactivity windows, chains, follow-ups, severity. */
import assert from "node:assert/strict";
import { type FollowUp, groupHits, type GroupState } from "./group.ts";
import { hitOf, sshFail } from "./test_hits.ts";
import type { Hit } from "./incident.ts";

const MIN = 60_000;
const T0 = Date.UTC(2026, 11, 1, 7);
let n = 0;
const opts = { windowMs: 15 * MIN, chainHorizonMs: 24 * 60 * MIN, newId: () => `i${++n}` };
const fresh = (): GroupState => ({ latest: new Map(), history: new Map() });

Deno.test("Grouping - 30 failures from one address are one incident", () => {
  const hits = Array.from({ length: 30 }, (_, i) => hitOf("credential_access", sshFail(i), T0 + i));
  const { changed, created } = groupHits(fresh(), hits, opts);
  assert.equal(created.size, 1);
  const [inc] = changed.values();
  assert.equal(inc.entity, "203.0.113.7");
  assert.equal(inc.entityKind, "ip");
  assert.equal(inc.count, 30);
  assert.deepEqual(inc.tactics, ["TA0006"]);
  assert.equal(inc.users.length, 20); // bounded set
  assert.deepEqual(inc.perMinute, [30]);
});

Deno.test("Grouping - different addresses and classes are different incidents", () => {
  const hits = [
    hitOf("credential_access", sshFail(1, "192.0.2.1"), T0),
    hitOf("credential_access", sshFail(2, "192.0.2.2"), T0),
    hitOf("web_scan", '192.0.2.1 - - [x] "GET /a HTTP/1.1" 404 1', T0),
  ];
  assert.equal(groupHits(fresh(), hits, opts).created.size, 3);
});

Deno.test("Grouping - a gap longer than the window opens a new incident", () => {
  const state = fresh();
  groupHits(state, [hitOf("credential_access", sshFail(1), T0)], opts);
  const inside = groupHits(state, [hitOf("credential_access", sshFail(2), T0 + 14 * MIN)], opts);
  assert.equal(inside.created.size, 0);
  const after = groupHits(state, [hitOf("credential_access", sshFail(3), T0 + 30 * MIN)], opts);
  assert.equal(after.created.size, 1);
  const short = { ...opts, windowMs: MIN };
  assert.equal(
    groupHits(state, [hitOf("credential_access", sshFail(4), T0 + 32 * MIN)], short).created.size,
    1,
  );
});

Deno.test("Grouping - a resolved incident takes no more hits", () => {
  const state = fresh();
  const first = groupHits(state, [hitOf("credential_access", sshFail(1), T0)], opts);
  [...first.changed.values()][0].status = "resolved";
  assert.equal(
    groupHits(state, [hitOf("credential_access", sshFail(2), T0 + 1)], opts).created.size,
    1,
  );
});

Deno.test("Chains - scan, exploit, privilege escalation of one address link up", () => {
  const ip = "198.51.100.77";
  const scan = hitOf("web_scan", `${ip} - - [x] "GET /admin HTTP/1.1" 404 1`, T0);
  const exploit = hitOf("web_exploit", `${ip} - - [x] "GET /?id=1'-- HTTP/1.1" 200 1`, T0 + MIN);
  const sudo: Hit = {
    ...hitOf("privilege_escalation", "sudo: bob : COMMAND=/bin/sh", T0 + 2 * MIN),
  };
  sudo.entity = { entity: ip, kind: "ip" };
  const { changed } = groupHits(fresh(), [scan, exploit, sudo], opts);
  const [s, e, p] = [...changed.values()];
  assert.deepEqual(s.chain, []);
  assert.deepEqual(e.chain, [s.id]);
  assert.deepEqual(p.chain, [s.id, e.id]);
  assert.equal(s.severity, "low");
  assert.equal(p.severity, "critical"); // high base + 2 chain steps
});

Deno.test("Chains - a later step of another entity, or an earlier step, does not link", () => {
  const a = hitOf("web_exploit", '192.0.2.10 - - [x] "GET /?q=<script> HTTP/1.1" 200 1', T0);
  const b = hitOf("web_scan", '192.0.2.11 - - [x] "GET /x HTTP/1.1" 404 1', T0 + 1);
  const c = hitOf("web_scan", '192.0.2.10 - - [x] "GET /y HTTP/1.1" 404 1', T0 + 2);
  const { changed } = groupHits(fresh(), [a, b, c], opts);
  for (const inc of changed.values()) assert.deepEqual(inc.chain, []);
});

Deno.test("Severity - a login after a brute force raises it", () => {
  const state = fresh();
  const hits = Array.from({ length: 5 }, (_, i) => hitOf("credential_access", sshFail(i), T0 + i));
  const { changed } = groupHits(state, hits, opts);
  const inc = [...changed.values()][0];
  assert.equal(inc.severity, "medium");
  const login: FollowUp = {
    kind: "followUp",
    entity: "203.0.113.7",
    at: T0 + 10,
    line: "Accepted",
  };
  const after = groupHits(state, [login], opts);
  assert.equal(after.changed.get(inc.id)?.severity, "critical");
  assert.equal(inc.followUp?.at, T0 + 10);
  const other: FollowUp = { ...login, entity: "192.0.2.99" };
  assert.equal(groupHits(state, [other], opts).changed.size, 0);
});

Deno.test("Severity - volume and spread over hosts raise it", () => {
  const hits = Array.from(
    { length: 60 },
    (_, i) => hitOf("credential_access", sshFail(i), T0 + i, `host${i % 3}`),
  );
  const inc = [...groupHits(fresh(), hits, opts).changed.values()][0];
  assert.equal(inc.hosts.length, 3);
  assert.equal(inc.severity, "critical"); // medium base + volume + spread
});
