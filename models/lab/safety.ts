/**
 * Network safety: the lab's address range, the target check every tool goes through, and
 * the namespace audit (no default route, no foreign address, no IPv6) that must pass before
 * any tool runs.
 *
 * @module
 */
import { must } from "./proc.ts";

/** True when `ip` is an IPv4 address inside 198.18.0.0/15. */
export function inLabRange(ip: string): boolean {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(ip);
  if (!m) return false;
  const o = m.slice(1).map(Number);
  return o.every((x) => x <= 255) && o[0] === 198 && (o[1] === 18 || o[1] === 19);
}

/** Throws unless `target` is one of the lab's own addresses. */
export function assertLabTarget(target: string, labAddrs: readonly string[]): string {
  if (!inLabRange(target) || !labAddrs.includes(target)) {
    throw new Error(`refusing target ${target}: not one of the lab's addresses`);
  }
  return target;
}

interface IpAddr {
  ifname: string;
  addr_info: { family: string; local: string; scope: string }[];
}

/** Checks one namespace: loopback or lab addresses only, no IPv6 address, no default route. */
export async function auditNamespace(ns: string, labAddrs: readonly string[]): Promise<void> {
  const addrs: IpAddr[] = JSON.parse(await must(["ip", "-n", ns, "-j", "addr", "show"]));
  for (const link of addrs) {
    for (const a of link.addr_info) {
      const ok = a.family === "inet" && (a.local === "127.0.0.1" || labAddrs.includes(a.local));
      if (!ok) throw new Error(`namespace ${ns}: foreign address ${a.local} on ${link.ifname}`);
    }
  }
  for (const fam of ["-4", "-6"]) {
    const routes: { dst: string }[] = JSON.parse(
      await must(["ip", "-n", ns, fam, "-j", "route", "show", "table", "all"]),
    );
    const bad = routes.find((r) => r.dst === "default");
    if (bad) throw new Error(`namespace ${ns}: has a default route (${fam})`);
  }
}
