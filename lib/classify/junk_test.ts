/**
 * Pins which lines are junk: random bytes and binary are, real log lines (with a stray
 * invalid byte or a tab) are not.
 *
 * @module
 */
import assert from "node:assert/strict";
import { isJunk } from "./junk.ts";

const lenient = new TextDecoder();

Deno.test("Junk - random bytes decoded as UTF-8 are junk, 1,000 of 1,000", () => {
  let seed = 7;
  const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) & 0xff;
  let junk = 0;
  for (let n = 0; n < 1000; n++) {
    const bytes = Uint8Array.from({ length: 20 + (n % 200) }, rnd);
    if (isJunk(lenient.decode(bytes))) junk++;
  }
  assert.equal(junk, 1000);
});

Deno.test("Junk - log lines are not junk", () => {
  const lines = [
    "Mar  7 04:05:06 web sshd[812]: Failed password for invalid user oracle from 203.0.113.7 port 4711 ssh2",
    "GET /index.php?id=1%27%20UNION%20SELECT HTTP/1.1\t200\t512",
    "user Jos\ufffd logged in from 10.0.0.1", // one Latin-1 byte read as U+FFFD
    "\x1b[31mERROR\x1b[0m connection refused to db:5432 after 3 retries",
    "2024-05-14 10:00:00.123 +0000 [42] 12 34 56 ok",
    "",
    "[42]",
    "-- MARK --",
    "ok",
  ];
  for (const l of lines) assert.equal(isJunk(l), false, l);
});

Deno.test("Junk - NULs, control bytes and invalid UTF-8 beyond a quarter are junk", () => {
  for (
    const l of ["\0\0\0\0abc", "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", "\ufffd\ufffdab"]
  ) {
    assert.equal(isJunk(l), true, JSON.stringify(l));
  }
});
