/**
 * Pins the built-in playbooks: every class and entity kind renders complete advice, and
 * incident values stay inert code spans.
 *
 * @module
 */
import assert from "node:assert/strict";
import { LABELS, TAXONOMY } from "../../core/taxonomy.ts";
import { AdviceSchema, type Incident } from "../../core/schemas.ts";
import { codeSpan } from "../../core/text.ts";
import { incidentFixture } from "../../../tests/incident_fixture.ts";
import { playbookAdvice, playbookMarkdown } from "./render.ts";
import { techniqueNote } from "./techniques.ts";

const SECTIONS = ["### Why this class", "### Containment", "### Eradication", "### Recovery"];

Deno.test("Playbook - every class and entity kind gets all sections with the incident filled in", () => {
  for (const label of LABELS) {
    for (const entityKind of ["ip", "user", "source"] as Incident["entityKind"][]) {
      const inc = incidentFixture({
        label,
        entityKind,
        tactics: TAXONOMY[label].tactics,
        techniques: TAXONOMY[label].techniques,
      });
      const md = playbookMarkdown(inc);
      for (const s of [...SECTIONS, "### What to look at next"]) {
        assert.ok(md.includes(s), `${label}/${entityKind} lacks ${s}`);
      }
      assert.ok(md.includes("`203.0.113.7`"), `${label} lacks the entity`);
      assert.ok(md.includes("4,211"), `${label} lacks the count`);
      assert.doesNotMatch(md, /\{(entity|hosts|users|count|span)\}/, `${label} left a placeholder`);
      for (const t of TAXONOMY[label].techniques) {
        assert.ok(md.includes(`**${t} ${techniqueNote(t)!.name}**`), `${label} lacks ${t}`);
      }
    }
  }
});

Deno.test("Playbook - sub-techniques fall back to the parent's note; unknown ones are listed", () => {
  assert.equal(techniqueNote("T1110.001")?.name, "Brute Force");
  const md = playbookMarkdown(incidentFixture({ techniques: ["T1110.003", "T9999"] }));
  assert.ok(md.includes("**T1110.003 Brute Force**"));
  assert.ok(md.includes("**`T9999`**"));
});

Deno.test("Playbook - hostile entity, host and user names appear only as code spans", () => {
  const hostile = [
    "x](javascript:alert(1)) <script>alert(1)</script>",
    "``` `<img src=x onerror=alert(1)>`",
    "evil\u0000\u001b[31mred\u202e\nnext line",
  ];
  for (const h of hostile) {
    const md = playbookMarkdown(incidentFixture({ entity: h, hosts: [h], users: [h] }));
    const span = codeSpan(h);
    assert.ok(md.includes(span));
    for (const c of ["\u0000", "\u001b", "\u202e"]) assert.ok(!md.includes(c));
    // Every occurrence of the hostile text is the inside of one of its code spans.
    const inside = span.replace(/^`+ ?| ?`+$/g, "");
    assert.equal(md.split(inside).length, md.split(span).length);
  }
});

Deno.test("Playbook - advice is a complete playbook record for the incident's version", () => {
  const a = playbookAdvice(incidentFixture({ version: 7 }), "ollama down", 1234);
  assert.deepEqual(AdviceSchema.parse(a), a);
  assert.equal(a.source, "playbook");
  assert.equal(a.version, 7);
  assert.equal(a.complete, true);
  assert.equal(a.error, "ollama down");
  assert.ok(a.markdown.length > 500);
});
