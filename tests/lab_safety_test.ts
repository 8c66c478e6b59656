/**
 * Pins the lab's network-safety checks: the 198.18.0.0/15 range, the target check every tool
 * goes through, and the namespace audit refusing a foreign address or a default route (on a
 * throwaway namespace with a veth pair inside it: no traffic is sent). The audit test needs root.
 *
 * @module
 */
import assert from "node:assert/strict";
import { assertLabTarget, auditNamespace, inLabRange } from "../models/lab/safety.ts";

Deno.test("Lab safety - only 198.18.0.0/15 is lab range", () => {
  assert.ok(inLabRange("198.18.0.1"));
  assert.ok(inLabRange("198.19.255.254"));
  for (const ip of ["198.20.0.1", "198.17.255.255", "10.0.0.1", "127.0.0.1", "198.18.0.256", "x"]) {
    assert.equal(inLabRange(ip), false, ip);
  }
});

Deno.test("Lab safety - a target must be one of the lab's own addresses", () => {
  const lab = ["198.18.0.10", "198.18.0.66"];
  assert.equal(assertLabTarget("198.18.0.10", lab), "198.18.0.10");
  assert.throws(() => assertLabTarget("198.18.0.11", lab), /refusing target/);
  assert.throws(() => assertLabTarget("192.168.1.1", ["192.168.1.1"]), /refusing target/);
});

async function ip(...args: string[]): Promise<void> {
  const r = await new Deno.Command("ip", { args, stderr: "piped" }).output();
  assert.equal(r.code, 0, new TextDecoder().decode(r.stderr));
}

Deno.test("Lab safety - the audit refuses a foreign address and a default route", async () => {
  if (Deno.uid() !== 0) throw new Error("the namespace audit test needs root (ip netns add)");
  const ns = `ilaudit${Deno.pid}`;
  await ip("netns", "add", ns);
  try {
    await ip("-n", ns, "link", "add", "d0", "type", "veth", "peer", "name", "d1");
    await ip("-n", ns, "link", "set", "d0", "up");
    await ip("-n", ns, "addr", "add", "198.18.0.10/24", "dev", "d0");
    await auditNamespace(ns, ["198.18.0.10"]);
    await ip("-n", ns, "route", "add", "default", "via", "198.18.0.1");
    await assert.rejects(auditNamespace(ns, ["198.18.0.10"]), /default route/);
    await ip("-n", ns, "route", "del", "default");
    await ip("-n", ns, "addr", "add", "10.1.2.3/24", "dev", "d0");
    await assert.rejects(auditNamespace(ns, ["198.18.0.10"]), /foreign address 10\.1\.2\.3/);
  } finally {
    await ip("netns", "del", ns);
  }
});
