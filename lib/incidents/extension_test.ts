/**
 * Grouping inside the queue handler's commit, on a real KV file: exact counts under
 * redelivery and with two concurrent handlers, behaviour hits on benign lines, follow-ups,
 * sessions joining sudo to a login's address, suppression.
 *
 * @module
 */
import assert from "node:assert/strict";
import type { Prediction } from "../classify/classifier.ts";
import { handleBatch } from "../classify/handler.ts";
import { K } from "../core/kv_keys.ts";
import type { BatchMessage, Incident } from "../core/schemas.ts";
import { type Label, LABELS } from "../core/taxonomy.ts";
import { eventsAfter } from "../events/log.ts";
import { createSuppression } from "../suppress/rules.ts";
import { totals } from "../store/detections.ts";
import { incidentExtension } from "./extension.ts";
import { setStatus } from "./triage.ts";
import { sshFail } from "./test_hits.ts";

/** A stand-in model keyed on words of the line. */
function fakeClassify(lines: string[]): Promise<Prediction[]> {
  return Promise.resolve(lines.map((l) => {
    const label: Label = /Failed password/.test(l)
      ? "credential_access"
      : /COMMAND=\/bin\/cat \/etc\/shadow/.test(l)
      ? "privilege_escalation"
      : "benign";
    const scores = Object.fromEntries(LABELS.map((x) => [x, x === label ? 1 : 0]));
    return {
      label,
      score: 1,
      scores: scores as Prediction["scores"],
      attack: { tactics: [], techniques: label === "benign" ? [] : ["T1110"] },
      truncated: false,
    };
  }));
}

const T0 = Date.UTC(2026, 11, 1, 7);
const msg = (id: string, lines: string[], at = T0, host = "bastion"): BatchMessage => ({
  kind: "batch",
  id,
  segments: [{ lines, receivedAt: at, source: { transport: "tcp", host } }],
});

async function setup() {
  const dir = await Deno.makeTempDir({ prefix: "insyt-inc-" });
  const path = `${dir}/kv.sqlite`;
  const kv = await Deno.openKv(path);
  const extend = incidentExtension(kv, { windowMs: 15 * 60_000, retentionMs: 3_600_000 });
  const opts = { retentionMs: 3_600_000, contextLines: 2, extend };
  return { kv, path, opts, dir };
}

async function incidents(kv: Deno.Kv): Promise<Incident[]> {
  const out: Incident[] = [];
  for await (const e of kv.list<Incident>({ prefix: K.incidentPrefix })) out.push(e.value);
  return out;
}

Deno.test("Incidents - a redelivered batch does not count twice", async () => {
  const { kv, opts, dir } = await setup();
  const m = msg("b1", Array.from({ length: 30 }, (_, i) => sshFail(i)));
  assert.equal(await handleBatch(kv, fakeClassify, m, opts), "done");
  assert.equal(await handleBatch(kv, fakeClassify, m, opts), "duplicate");
  const [inc, ...rest] = await incidents(kv);
  assert.equal(rest.length, 0);
  assert.equal(inc.label, "credential_access");
  assert.equal(inc.entity, "203.0.113.7");
  assert.equal(inc.count, 30);
  assert.deepEqual(inc.detectors, ["model", "behaviour"]);
  assert.deepEqual(inc.rules, ["auth_failures_per_source"]); // per user: 30 different users
  const events = await eventsAfter(kv, 0);
  assert.deepEqual(events.map((e) => e.type), ["incident.created", "detections"]);
  kv.close();
  await Deno.remove(dir, { recursive: true });
});

Deno.test("Incidents - two concurrent handlers never split one incident", async () => {
  const { path, dir } = await setup();
  // Two handles on one file, as two workers have.
  const workers = await Promise.all([Deno.openKv(path), Deno.openKv(path)]);
  const ips = ["192.0.2.1", "192.0.2.2", "192.0.2.3"];
  const batches = Array.from({ length: 24 }, (_, b) =>
    msg(
      `b${String(b).padStart(2, "0")}`,
      Array.from({ length: 10 }, (_, i) => sshFail(b * 10 + i, ips[(b + i) % 3])),
      T0 + b * 1000,
    ));
  let prepared = 0;
  await Promise.all(workers.map(async (kv, w) => {
    const extend = incidentExtension(kv, { windowMs: 15 * 60_000, retentionMs: 3_600_000 });
    const opts = {
      retentionMs: 3_600_000,
      contextLines: 2,
      extend: (b: Parameters<typeof extend>[0]) => (prepared++, extend(b)),
    };
    // Each worker takes every batch: one of the two commits each batch, the other sees it done.
    const order = w === 0 ? batches : [...batches].reverse();
    for (const m of order) await handleBatch(kv, fakeClassify, m, opts);
  }));
  const incs = await incidents(workers[0]);
  // More preparations than batches: the handlers did race (and the losers ran again).
  assert.ok(prepared > batches.length, `no race: ${prepared} preparations`);
  assert.deepEqual(incs.map((i) => i.entity).sort(), ips);
  assert.deepEqual(incs.map((i) => i.count), [80, 80, 80]);
  const t = await totals(workers[0]);
  assert.equal(t.classified, 240);
  assert.equal(t.done, 24);
  for (const kv of workers) kv.close();
  await Deno.remove(dir, { recursive: true });
});

Deno.test("Incidents - 300 plain 404s the model calls benign become a web_scan incident", async () => {
  const { kv, opts, dir } = await setup();
  const lines = Array.from(
    { length: 300 },
    (_, i) =>
      `198.51.100.9 - - [01/Dec/2026:07:00:00 +0000] "GET /w${i} HTTP/1.1" 404 196 "-" "Mozilla/5.0"`,
  );
  for (let b = 0; b < 3; b++) {
    await handleBatch(
      kv,
      fakeClassify,
      msg(`w${b}`, lines.slice(b * 100, b * 100 + 100), T0, "web"),
      opts,
    );
  }
  const [inc, ...rest] = await incidents(kv);
  assert.equal(rest.length, 0);
  assert.equal(inc.label, "web_scan");
  assert.equal(inc.entity, "198.51.100.9");
  assert.deepEqual(inc.detectors, ["behaviour"]);
  assert.deepEqual(inc.rules, ["web_distinct_404", "web_4xx_rate"]);
  assert.equal(inc.count, 300 - 40 + 1); // every line from the one that filled the bucket
  assert.deepEqual(inc.techniques, ["T1595.003"]);
  kv.close();
  await Deno.remove(dir, { recursive: true });
});

Deno.test("Incidents - a login after a brute force, then sudo by that user, chain up", async () => {
  const { kv, opts, dir } = await setup();
  await handleBatch(
    kv,
    fakeClassify,
    msg("a", Array.from({ length: 8 }, (_, i) => sshFail(i))),
    opts,
  );
  await handleBatch(
    kv,
    fakeClassify,
    msg("b", [
      "sshd[900]: Accepted password for bob from 203.0.113.7 port 50000 ssh2",
      "sudo:      bob : TTY=pts/0 ; PWD=/home/bob ; USER=root ; COMMAND=/bin/cat /etc/shadow",
    ], T0 + 60_000),
    opts,
  );
  const incs = await incidents(kv);
  const brute = incs.find((i) => i.label === "credential_access")!;
  const sudo = incs.find((i) => i.label === "privilege_escalation")!;
  assert.equal(brute.followUp?.line.includes("Accepted password for bob"), true);
  assert.equal(brute.severity, "critical");
  assert.equal(sudo.entity, "203.0.113.7");
  assert.deepEqual(sudo.chain, [brute.id]);
  assert.deepEqual(sudo.users, ["bob"]);
  kv.close();
  await Deno.remove(dir, { recursive: true });
});

Deno.test("Incidents - suppressed detections are counted but open no incident", async () => {
  const { kv, opts, dir } = await setup();
  const s = await createSuppression(kv, {
    label: "credential_access",
    entity: "203.0.113.7",
    reason: "our pen test",
  }, "local");
  await handleBatch(
    kv,
    fakeClassify,
    msg("s", Array.from({ length: 12 }, (_, i) => sshFail(i))),
    opts,
  );
  assert.equal((await incidents(kv)).length, 0);
  const hits = (await kv.get<Deno.KvU64>(K.suppressionHits(s.id))).value;
  // 12 model hits; the per-user bucket (entity "bastion:u<n>") never fills.
  assert.equal(Number(hits?.value), 12);
  assert.equal((await totals(kv))["label:credential_access"], 12);
  kv.close();
  await Deno.remove(dir, { recursive: true });
});

Deno.test("Incidents - triage racing a batch commit loses neither the status nor the count", async () => {
  const { kv, opts, dir } = await setup();
  await handleBatch(
    kv,
    fakeClassify,
    msg("r0", Array.from({ length: 5 }, (_, i) => sshFail(i))),
    opts,
  );
  const [inc] = await incidents(kv);
  for (let round = 1; round <= 5; round++) {
    const batch = msg(`r${round}`, Array.from({ length: 5 }, (_, i) => sshFail(i)), T0 + round);
    const to = round % 2 ? "acknowledged" : "new";
    if (to === "new") await setStatus(kv, inc.id, "resolved", "local");
    await Promise.all([
      handleBatch(kv, fakeClassify, batch, opts),
      setStatus(kv, inc.id, to, "local"),
    ]);
  }
  const all = await incidents(kv);
  const total = all.reduce((n, i) => n + i.count, 0);
  assert.equal(total, 30, "every line counted once, in one incident or its successor");
  const audit = (await incidents(kv)).find((i) => i.id === inc.id)!.audit;
  assert.equal(audit.length, 7); // 3 acknowledged, 2 resolved, 2 reopened: none lost
  kv.close();
  await Deno.remove(dir, { recursive: true });
});
