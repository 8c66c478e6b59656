/** @module Feedback JSONL becomes weighted training records in the corpus format. */
import assert from "node:assert/strict";
import { feedbackRecords } from "./feedback.ts";

Deno.test("Feedback corpus - each labelled line becomes `weight` train records with model text", () => {
  const jsonl = [
    JSON.stringify({
      line: "Dec  1 07:00:01 web sshd[1]: Failed password for root from 10.0.0.1 port 2 ssh2",
      label: "benign",
      source: "feedback",
      reason: "our test",
      incident: "x",
    }),
    "",
  ].join("\n");
  const recs = feedbackRecords(jsonl, 3);
  assert.equal(recs.length, 3);
  assert.equal(recs[0].label, "benign");
  assert.equal(recs[0].split, "train");
  assert.ok(!String(recs[0].text).includes("10.0.0.1"), "the text is masked like the corpus");
  assert.throws(() => feedbackRecords('{"line":"x","label":"nope"}', 1), /not a feedback record/);
});
