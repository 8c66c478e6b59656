/**
 * Pins allow-list matching.
 *
 * @module
 */
import assert from "node:assert/strict";
import { assertCidrs, inCidrs } from "./cidr.ts";

Deno.test("inCidrs matches IPv4, IPv6 and IPv4-mapped peers", () => {
  assert.equal(inCidrs("10.1.2.3", ["10.0.0.0/8"]), true);
  assert.equal(inCidrs("11.1.2.3", ["10.0.0.0/8"]), false);
  assert.equal(inCidrs("192.168.1.7", ["192.168.1.7"]), true);
  assert.equal(inCidrs("::ffff:10.9.9.9", ["10.0.0.0/8"]), true);
  assert.equal(inCidrs("2001:db8::5", ["2001:db8::/32"]), true);
  assert.equal(inCidrs("2001:db9::5", ["2001:db8::/32"]), false);
  assert.equal(inCidrs("0.0.0.1", ["0.0.0.0/0"]), true);
  assert.equal(inCidrs("not-an-ip", ["0.0.0.0/0"]), false);
});

Deno.test("assertCidrs rejects malformed entries", () => {
  assert.doesNotThrow(() => assertCidrs(["10.0.0.0/8", "::1/128", "127.0.0.1"]));
  assert.throws(() => assertCidrs(["10.0.0.0/33"]), /not a CIDR/);
  assert.throws(() => assertCidrs(["example.com/8"]), /not a CIDR/);
});
