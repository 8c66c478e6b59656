/**
 * The attack-storm shortcut through the real handler on a KV file: a running scan's lines
 * skip the model (one in 16 still classified), while an exploit hidden in the noise, a line
 * of another status and a login are classified; a flooded queue (every batch handled at once)
 * still takes it; an incident marked false positive stops it.
 *
 * @module
 */
import assert from "node:assert/strict";
import type { Prediction } from "../classify/classifier.ts";
import { handleBatch } from "../classify/handler.ts";
import { K } from "../core/kv_keys.ts";
import type { BatchMessage, Detection, Incident } from "../core/schemas.ts";
import { type Label, LABELS } from "../core/taxonomy.ts";
import { totals } from "../store/detections.ts";
import { incidentExtension } from "./extension.ts";
import { incidentShortcut } from "./shortcut.ts";
import { setStatus } from "./triage.ts";

const asked: string[] = [];
function classify(lines: string[]): Promise<Prediction[]> {
  asked.push(...lines);
  return Promise.resolve(lines.map((l) => {
    const label: Label = /UNION/.test(l)
      ? "web_exploit"
      : /DirBuster/.test(l)
      ? "web_scan"
      : "benign";
    return {
      label,
      score: 1,
      scores: Object.fromEntries(LABELS.map((x) => [x, +(x === label)])) as Prediction["scores"],
      attack: { tactics: [], techniques: label === "benign" ? [] : ["T1595.003"] },
      truncated: false,
    };
  }));
}

const T0 = Date.UTC(2026, 11, 1, 7);
const IP = "192.0.2.66";
const dirb = (i: number, status = 404) =>
  `${IP} - - [01/Dec/2026:07:00:00 +0000] "GET /${
    ["admin", "backup", "img"][i % 3]
  }${i} HTTP/1.1" ${status} 196 "-" "DirBuster-1.0-RC1 (http://www.owasp.org/index.php/Category:OWASP_DirBuster_Project)"`;
const msg = (id: string, lines: string[]): BatchMessage => ({
  kind: "batch",
  id,
  segments: [{ lines, receivedAt: T0, source: { transport: "http", host: "web" } }],
});

Deno.test("Shortcut - scan noise skips the model; an exploit hidden in it does not", async () => {
  await using store = await tempKv();
  const { kv, opts } = store;
  await handleBatch(kv, classify, msg("b1", Array.from({ length: 100 }, (_, i) => dirb(i))), opts);
  assert.equal(asked.length, 100); // no incident yet: everything classified
  asked.length = 0;
  const exploit =
    `${IP} - - [01/Dec/2026:07:00:01 +0000] "GET /index.php?id=1%27%20UNION%20SELECT%201,2-- HTTP/1.1" 200 512 "-" "DirBuster-1.0-RC1 (http://www.owasp.org/index.php/Category:OWASP_DirBuster_Project)"`;
  const login = `sshd[9]: Accepted password for bob from ${IP} port 50000 ssh2`;
  const noise = Array.from({ length: 160 }, (_, i) => dirb(100 + i));
  const batch = [...noise.slice(0, 80), exploit, dirb(999, 200), login, ...noise.slice(80)];
  await handleBatch(kv, classify, msg("b2", batch), opts);
  assert.ok(asked.includes(exploit), "the exploit was classified");
  assert.ok(asked.includes(dirb(999, 200)), "another status was classified");
  assert.ok(asked.includes(login), "another daemon was classified");
  assert.equal(asked.length, 160 / 16 + 3);
  const incs: Incident[] = [];
  for await (const e of kv.list<Incident>({ prefix: K.incidentPrefix })) incs.push(e.value);
  const scan = incs.find((i) => i.label === "web_scan")!;
  assert.equal(scan.count, 100 + 160 + 1);
  assert.equal(incs.find((i) => i.label === "web_exploit")?.count, 1);
  const t = await totals(kv);
  assert.equal(t.shortcut, 150);
  assert.equal(t["label:web_scan"], 261);
  assert.equal(t.classified, 100 + 163);
  let stored = 0;
  for await (const _ of kv.list<Detection>({ prefix: K.detectionPrefix })) stored++;
  assert.equal(stored, 100 + 10 + 1 + 1); // explained lines are counted, not stored
});

async function tempKv() {
  const dir = await Deno.makeTempDir();
  const kv = await Deno.openKv(`${dir}/kv`);
  const opts = {
    retentionMs: 3_600_000,
    contextLines: 2,
    extend: incidentExtension(kv, { windowMs: 900_000, retentionMs: 3_600_000 }),
    shortcut: incidentShortcut(kv, { windowMs: 900_000, sampleEvery: 16, rereadMs: 0 }),
  };
  return {
    kv,
    opts,
    async [Symbol.asyncDispose]() {
      kv.close();
      await Deno.remove(dir, { recursive: true });
    },
  };
}

/** The fake model, taking 40 ms per call (the real one takes about 250 ms per 200 lines). */
const slowClassify = async (lines: string[]) => {
  await new Promise((r) => setTimeout(r, 40));
  return await classify(lines);
};

Deno.test("Shortcut - a flooded queue takes it once the scan's incident exists", async () => {
  await using t = await tempKv();
  asked.length = 0;
  // 40 batches of 200 lines at once, as the queue hands a backlog to its 100 handlers.
  const batches = Array.from(
    { length: 40 },
    (_, b) => msg(`f${b}`, Array.from({ length: 200 }, (_, i) => dirb(b * 200 + i))),
  );
  await Promise.all(batches.map((m) => handleBatch(t.kv, slowClassify, m, t.opts)));
  const tot = await totals(t.kv);
  assert.equal(tot.classified, 8000);
  // The first two groups of 1,000 lines are decided before the scan's incident is committed
  // (a third may be, if the commits are slow); the rest is sampled one in 16.
  assert.ok(asked.length <= 3000 + 5000 / 16 + 5, `${asked.length} lines went to the model`);
  assert.equal(tot.shortcut, 8000 - asked.length);
  const incs: Incident[] = [];
  for await (const e of t.kv.list<Incident>({ prefix: K.incidentPrefix })) incs.push(e.value);
  assert.deepEqual(incs.map((i) => [i.label, i.count]), [["web_scan", 8000]]);
});

Deno.test("Shortcut - an incident marked false positive no longer explains its lines", async () => {
  await using t = await tempKv();
  await handleBatch(
    t.kv,
    classify,
    msg("p1", Array.from({ length: 50 }, (_, i) => dirb(i))),
    t.opts,
  );
  let inc: Incident | undefined;
  for await (const e of t.kv.list<Incident>({ prefix: K.incidentPrefix })) inc = e.value;
  assert.ok(!("error" in await setStatus(t.kv, inc!.id, "false_positive", "local", "our crawler")));
  asked.length = 0;
  const next = Array.from({ length: 50 }, (_, i) => dirb(50 + i));
  await handleBatch(t.kv, classify, msg("p2", next), t.opts);
  assert.equal(asked.length, 50);
});
