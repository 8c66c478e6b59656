/**
 * Table of answers the advice check accepts and rejects.
 *
 * @module
 */
import assert from "node:assert/strict";
import { garbageReason } from "./output.ts";

const PLAN = "## Assessment\nThe lines show a password brute force against sshd.\n" +
  "## Containment\n- Block the address.\n";

const CASES: [string, unknown, RegExp | null][] = [
  ["a markdown plan", PLAN, null],
  [
    "a plan quoting HTML and a javascript: link (inert text, still advice)",
    PLAN +
    "- Payload seen: `<script>alert(1)</script>` and [x](javascript:alert(1))\n",
    null,
  ],
  [
    "a plan in German",
    "## Bewertung\nDie Zeilen zeigen einen Passwort-Angriff auf sshd von außen.",
    null,
  ],
  ["nothing", "", /empty/],
  ["whitespace", " \n\t\n ", /empty/],
  ["not a string", 42, /not text \(number\)/],
  ["too short", "ok, block it", /too short/],
  ["too long", "word ".repeat(3000), /longer than/],
  ["control characters", "\u0001\u0002\u0003 binary \u0000\u0000 junk ".repeat(10), /control/],
  ["replacement characters", "\ufffd\ufffd\ufffd valid? ".repeat(10), /control/],
  ["digits and symbols", "0101 1101 ==== ++++ 9999 #### ".repeat(5), /too few letters/],
];

for (const [name, text, want] of CASES) {
  Deno.test(`Advice output - ${name}`, () => {
    const got = garbageReason(text);
    if (want === null) assert.equal(got, null);
    else assert.match(got ?? "", want);
  });
}
