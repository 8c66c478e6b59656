/** @module Triage transitions with their audit trail, and the false-positive feedback export. */
import assert from "node:assert/strict";
import { K } from "../core/kv_keys.ts";
import type { Incident } from "../core/schemas.ts";
import { eventsAfter } from "../events/log.ts";
import { createSuppression } from "../suppress/rules.ts";
import { exportFeedback, feedbackArgs } from "./export_feedback.ts";
import { groupHits } from "./group.ts";
import { hitOf, sshFail } from "./test_hits.ts";
import { setStatus, TRANSITIONS } from "./triage.ts";

const T0 = Date.UTC(2026, 11, 1, 7);

async function withIncident(kv: Deno.Kv): Promise<Incident> {
  const { changed } = groupHits({ latest: new Map(), history: new Map() }, [
    hitOf("credential_access", sshFail(1), T0),
    hitOf("credential_access", sshFail(2), T0 + 1),
  ], { windowMs: 900_000, chainHorizonMs: 86_400_000, newId: () => "0000000aa-0000000a" });
  const [inc] = changed.values();
  await kv.set(K.incident(inc.id), inc);
  return inc;
}

/** [from, to, allowed]. */
const CASES: [keyof typeof TRANSITIONS, keyof typeof TRANSITIONS, boolean][] = [
  ["new", "acknowledged", true],
  ["new", "resolved", true],
  ["acknowledged", "resolved", true],
  ["acknowledged", "new", false],
  ["resolved", "acknowledged", false],
  ["resolved", "new", true],
  ["false_positive", "resolved", false],
  ["false_positive", "new", true],
];

for (const [from, to, allowed] of CASES) {
  Deno.test(`Triage - ${from} → ${to} is ${allowed ? "allowed" : "refused"}`, async () => {
    const kv = await Deno.openKv(":memory:");
    const inc = await withIncident(kv);
    await kv.set(K.incident(inc.id), { ...inc, status: from });
    const res = await setStatus(kv, inc.id, to, "local", "why");
    if (allowed) assert.equal("status" in res && res.status, to);
    else assert.deepEqual(res, { error: "invalid_transition", from, to });
    kv.close();
  });
}

Deno.test("Triage - every change is audited and announced", async () => {
  const kv = await Deno.openKv(":memory:");
  const inc = await withIncident(kv);
  await setStatus(kv, inc.id, "acknowledged", "ops-token");
  const fp = await setStatus(kv, inc.id, "false_positive", "ops-token", "hydra in our own test");
  assert.ok("audit" in fp);
  assert.deepEqual(fp.audit.map((a) => [a.actor, a.from, a.to, a.reason]), [
    ["ops-token", "new", "acknowledged", undefined],
    ["ops-token", "acknowledged", "false_positive", "hydra in our own test"],
  ]);
  assert.equal(fp.version, inc.version + 2);
  const events = await eventsAfter(kv, 0);
  assert.deepEqual(events.map((e) => e.data.status), ["acknowledged", "false_positive"]);
  assert.deepEqual(await setStatus(kv, "nope", "resolved", "local"), { error: "not_found" });
  kv.close();
});

Deno.test("Triage - a false positive needs a reason", async () => {
  const kv = await Deno.openKv(":memory:");
  const inc = await withIncident(kv);
  assert.deepEqual(await setStatus(kv, inc.id, "false_positive", "local", " "), {
    error: "reason_required",
  });
  kv.close();
});

Deno.test("Feedback - false positives and suppressions export as labelled JSONL", async () => {
  const dir = await Deno.makeTempDir();
  const kv = await Deno.openKv(`${dir}/kv`);
  const inc = await withIncident(kv);
  await setStatus(kv, inc.id, "false_positive", "local", "our scanner");
  await createSuppression(kv, {
    label: "web_scan",
    host: "web",
    reason: "uptime probe",
    examples: ["GET /status 404", sshFail(1)], // a line already exported is written once
  }, "local");
  kv.close();
  const file = `${dir}/feedback.jsonl`;
  const n = await exportFeedback(
    `${dir}/kv`,
    (await Deno.open(file, { write: true, create: true })).writable,
  );
  const lines = (await Deno.readTextFile(file)).trim().split("\n").map((l) => JSON.parse(l));
  assert.equal(n, 3);
  assert.deepEqual(lines.map((l) => [l.line, l.label, l.source, l.reason, l.incident]), [
    [sshFail(1), "benign", "feedback", "our scanner", inc.id],
    [sshFail(2), "benign", "feedback", "our scanner", inc.id],
    ["GET /status 404", "benign", "feedback", "uptime probe", null],
  ]);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("Feedback - the command takes its flags after `--` and refuses unknown ones", () => {
  assert.deepEqual(feedbackArgs(["--", "--kv", "k.kv", "--out", "f.jsonl"]), {
    kv: "k.kv",
    out: "f.jsonl",
    help: false,
  });
  assert.deepEqual(feedbackArgs([]), { kv: "./data/insyt.kv", help: false });
  assert.throws(() => feedbackArgs(["--bogus"]), /bogus/);
});
