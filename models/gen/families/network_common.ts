/**
 * Shared values for the network families: site addresses, MACs and the ports scanners knock on.
 *
 * @module
 */
import type { Ctx } from "../types.ts";
import type { Rng } from "../rng.ts";

/** A host on the site's LAN. */
export function netLanIp(ctx: Ctx): string {
  return ctx.sc.lan + ctx.rng.int(2, 254);
}

/** A host in the site's DMZ. */
export function dmzIp(ctx: Ctx): string {
  return ctx.sc.dmz + ctx.rng.int(2, 60);
}

/** An inside address: LAN, DMZ or VPN pool. */
export function insideIp(ctx: Ctx): string {
  const { rng, sc } = ctx;
  return rng.weighted([[netLanIp(ctx), 5], [dmzIp(ctx), 3], [sc.vpnPool + rng.int(2, 200), 1]]);
}

/** Where an attack comes from: the scenario's attackers, a fresh public address, sometimes a private one. */
export function netAttackerIp(ctx: Ctx): string {
  const { rng, sc } = ctx;
  return rng.weighted([
    [rng.pick(sc.attackerIps), 4],
    [rng.publicIp(), 5],
    [`192.168.${rng.int(0, 254)}.${rng.int(2, 254)}`, 1],
    [`10.${rng.int(0, 254)}.${rng.int(0, 254)}.${rng.int(2, 254)}`, 1],
  ]);
}

/** A random MAC address, lowercase colon form. */
export function mac(rng: Rng): string {
  const first = (rng.int(0, 127) * 2).toString(16).padStart(2, "0");
  return [first, ...Array.from({ length: 5 }, () => rng.hex(2))].join(":");
}

/** A client's ephemeral source port. */
export function ephemeral(rng: Rng): number {
  return rng.weighted([[rng.int(32768, 60999), 5], [rng.int(49152, 65535), 4], [
    rng.int(1024, 32767),
    1,
  ]]);
}

/** Ports that scanners knock on (and that a site rarely exposes). */
export const SCAN_PORTS = [
  21,
  22,
  23,
  25,
  53,
  81,
  110,
  111,
  135,
  139,
  143,
  389,
  443,
  445,
  465,
  502,
  554,
  587,
  631,
  993,
  995,
  1080,
  1433,
  1521,
  1723,
  1883,
  2000,
  2222,
  2323,
  2375,
  2376,
  3000,
  3128,
  3306,
  3389,
  4443,
  4567,
  5000,
  5060,
  5432,
  5555,
  5601,
  5800,
  5900,
  5901,
  5985,
  6000,
  6379,
  6443,
  7001,
  7547,
  8000,
  8008,
  8080,
  8081,
  8088,
  8291,
  8443,
  8545,
  8888,
  9000,
  9001,
  9042,
  9090,
  9100,
  9200,
  9300,
  10000,
  10250,
  11211,
  15672,
  27017,
  37215,
  49152,
  50000,
  52869,
  60001,
];

/** UDP ports of a UDP scan. */
export const UDP_SCAN_PORTS = [
  53,
  69,
  111,
  123,
  137,
  161,
  389,
  500,
  623,
  1434,
  1900,
  3702,
  5060,
  5353,
  11211,
  17185,
  47808,
];

/** A scan target port: mostly the classic list, sometimes any port. */
export function scanPort(rng: Rng): number {
  return rng.chance(0.85) ? rng.pick(SCAN_PORTS) : rng.int(1, 65535);
}
