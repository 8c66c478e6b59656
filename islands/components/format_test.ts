/**
 * Formatting must not depend on the machine's zone or locale (hydration compares it).
 *
 * @module
 */
import assert from "node:assert/strict";
import { num, sourceText, span, utc } from "./format.ts";
import { sparkPoints } from "./sparkline.tsx";

Deno.test("Format - UTC times, durations, thousands and sources", () => {
  assert.equal(utc(Date.UTC(2026, 11, 1, 7, 8, 9)), "2026-12-01 07:08:09Z");
  assert.deepEqual([45e3, 12 * 6e4, 3.5 * 3.6e6, 2 * 8.64e7].map(span), [
    "45 s",
    "12 min",
    "3.5 h",
    "2.0 d",
  ]);
  assert.deepEqual([0, 999, 4211, 1234567].map(num), ["0", "999", "4,211", "1,234,567"]);
  assert.equal(
    sourceText({ transport: "file", path: "/var/log/auth.log", lineNo: 7, host: "web1" }),
    "file · web1 · /var/log/auth.log:7",
  );
});

Deno.test("Sparkline - one value draws a flat line, the maximum touches the top", () => {
  assert.equal(sparkPoints([5], 10, 10), "0.0,1.0 10.0,1.0");
  assert.equal(sparkPoints([0, 2], 10, 10), "0.0,9.0 10.0,1.0");
});
