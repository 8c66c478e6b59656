/** @module Pins line templates, template patterns and template distance. */
import assert from "node:assert/strict";
import { lineTemplate, templateDistance, templateMatcher } from "./template.ts";

Deno.test("Template - numbers, addresses and hex ids collapse to #", () => {
  assert.equal(
    lineTemplate(
      "sshd[811]: Failed password for root from 203.0.113.7 port 40001 ssh2 id deadbeef01",
    ),
    "sshd[#]: Failed password for root from #.#.#.# port # ssh# id #",
  );
});

Deno.test("Template - a pattern matches lines of its shape only", () => {
  const m = templateMatcher('"GET /health* HTTP/#.#" # *');
  assert.equal(m('10.0.0.1 - - "GET /healthz?x=3 HTTP/1.1" 200 12'), false); // anchored at start
  const n = templateMatcher('* "GET /health* HTTP/#.#" # *');
  assert.equal(n('10.0.0.1 - - "GET /healthz?x=3 HTTP/1.1" 200 12'), true);
  assert.equal(n('10.0.0.1 - - "GET /admin HTTP/1.1" 200 12'), false);
  assert.equal(templateMatcher("a(b")("a(b"), true); // regex characters are literal
});

Deno.test("Template - distance is 0 for the same tokens and 1 for none shared", () => {
  assert.equal(templateDistance("GET /a #", "GET /a #"), 0);
  assert.equal(templateDistance("alpha beta", "gamma delta"), 1);
  const d = templateDistance("GET /a #", "GET /b #");
  assert.ok(d > 0 && d < 1);
});
