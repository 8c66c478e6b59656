/**
 * Pins the corpus generator: seeded, every class present, no duplicates, one line per sample.
 *
 * @module
 */
import assert from "node:assert/strict";
import { LABELS } from "../../lib/core/taxonomy.ts";
import { generate } from "./corpus.ts";
import { ALL_TEMPLATES } from "./families/mod.ts";
import { Rng } from "./rng.ts";
import { HELDOUT_SCENARIOS, SCENARIOS } from "./scenario.ts";

Deno.test("the same seed writes the same corpus; another seed another", () => {
  const a = [...generate({ n: 500, seed: 3, templates: ALL_TEMPLATES })];
  const b = [...generate({ n: 500, seed: 3, templates: ALL_TEMPLATES })];
  const c = [...generate({ n: 500, seed: 4, templates: ALL_TEMPLATES })];
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, c);
});

Deno.test("a corpus covers every class and every held-out scenario, without duplicate lines", () => {
  const s = [...generate({ n: 4000, seed: 5, templates: ALL_TEMPLATES })];
  assert.deepEqual(new Set(s.map((x) => x.label)), new Set(LABELS));
  for (const h of HELDOUT_SCENARIOS) assert.ok(s.some((x) => x.scenario === h), h);
  assert.equal(new Set(s.map((x) => x.line)).size, s.length);
});

Deno.test("every template writes one non-empty line in every scenario", () => {
  const rng = new Rng(11);
  for (const t of ALL_TEMPLATES) {
    for (const sc of SCENARIOS) {
      const line = t.make({ rng, sc, now: new Date(sc.start + 3600_000) });
      assert.ok(
        line.length > 0 && !/[\r\n]/.test(line),
        `${t.family}/${t.label}: ${JSON.stringify(line)}`,
      );
      // FortiGate's dstintfrole="undefined" and snoopy's ssh:((undefined)) are what they really write.
      assert.ok(
        !/(?<![("])undefined(?![)"])|NaN|\[object Object\]/.test(line),
        `${t.family}/${t.label}: ${line}`,
      );
    }
  }
});

Deno.test("generate refuses a template set that leaves a class empty", () => {
  const noExfil = ALL_TEMPLATES.filter((t) => t.label !== "exfiltration");
  assert.throws(() => [...generate({ n: 10, seed: 1, templates: noExfil })], /exfiltration/);
});

Deno.test("Corpus - a small seeded corpus is byte-identical to its golden digest", async () => {
  // Pinned before helpers were renamed: any change to what the generator draws changes it.
  const text = [...generate({ n: 3000, seed: 11, templates: ALL_TEMPLATES })]
    .map((s) => JSON.stringify(s)).join("\n");
  const d = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
  assert.equal(
    [...d].map((b) => b.toString(16).padStart(2, "0")).join(""),
    "7e56988c4628a22dcc16920f5c78c19c7f51bb10a5992cf30dc672b74b17343f",
  );
});
