/**
 * Table of the text hygiene helpers: controls out, code spans that nothing escapes.
 *
 * @module
 */
import assert from "node:assert/strict";
import { codeList, codeSpan, formatDuration, oneLine, stripControl } from "./text.ts";

Deno.test("Text - control characters and bidi overrides are removed, tab and newline kept", () => {
  assert.equal(stripControl("a\u0000b\u001b[31mc\u202ed\te\r\nf\u0085g"), "ab[31mcd\te\nfg");
  assert.equal(stripControl("x".repeat(10), 4), "xxxx…");
  assert.equal(oneLine("a\nb\tc"), "a b c");
});

const SPANS: [string, string][] = [
  ["203.0.113.7", "`203.0.113.7`"],
  ["a`b", "``a`b``"],
  ["``x", "``` ``x ```"],
  ["[x](javascript:alert(1))", "`[x](javascript:alert(1))`"],
  ["<script>", "`<script>`"],
  ["", "` `"],
  ["two\nlines", "`two lines`"],
];
for (const [input, want] of SPANS) {
  Deno.test(`Text - code span of ${JSON.stringify(input)}`, () => {
    assert.equal(codeSpan(input), want);
  });
}

Deno.test("Text - lists and durations", () => {
  assert.equal(codeList([]), "none seen");
  assert.equal(codeList(["a", "b", "c"], 2), "`a`, `b` and 1 more");
  assert.deepEqual(
    [45_000, 12 * 60_000, 3.5 * 3_600_000, 2.1 * 86_400_000].map(formatDuration),
    ["45 s", "12 min", "3.5 h", "2.1 days"],
  );
});
