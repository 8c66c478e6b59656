/**
 * Shared helpers for the host families: auditd encoding, site values and who runs a command.
 *
 * @module
 */
import type { Ctx } from "../types.ts";
import { epochMillis } from "../format.ts";

/** Uppercase hex of the UTF-8 bytes of `s` (how auditd encodes untrusted strings). */
export function hx(s: string): string {
  return [...new TextEncoder().encode(s)].map((b) => b.toString(16).toUpperCase().padStart(2, "0"))
    .join("");
}

/** An auditd untrusted-string value: quoted when clean, hex when it holds a space, quote or control byte. */
export function auditVal(s: string): string {
  return /^[\x21\x23-\x7e]*$/.test(s) && s.length ? `"${s}"` : hx(s);
}

/** The `audit(epoch.ms:serial)` stamp. */
export function auditStamp(ctx: Ctx): string {
  return `audit(${epochMillis(ctx.now)}:${ctx.rng.int(200, 9_999_999)})`;
}

/** A host of the scenario (servers mostly), the machine the line comes from. */
export function anyHost(ctx: Ctx): string {
  const h = ctx.sc.hosts;
  return ctx.rng.pick([
    h.web,
    h.web,
    h.intranet,
    h.mail,
    h.db,
    h.bastion,
    h.share,
    h.monitor,
    h.dns,
    h.vpn,
  ]);
}

/** A LAN address of the scenario. */
export function hostLanIp(ctx: Ctx): string {
  return ctx.sc.lan + ctx.rng.int(2, 250);
}

/** Where an attacker connects back to or ships data to: known attackers, fresh public and sometimes private addresses. */
export function evilIp(ctx: Ctx): string {
  const { rng, sc } = ctx;
  return rng.weighted([
    [rng.pick(sc.attackerIps), 4],
    [rng.publicIp(), 4],
    [`192.168.${rng.int(0, 254)}.${rng.int(2, 254)}`, 1],
    [`10.${rng.int(0, 254)}.${rng.int(0, 254)}.${rng.int(2, 254)}`, 1],
    [`172.${rng.int(16, 31)}.${rng.int(0, 254)}.${rng.int(2, 254)}`, 1],
  ]);
}

/** A listener port attackers like for callbacks. */
export function evilPort(ctx: Ctx): number {
  return ctx.rng.weighted([
    [4444, 5],
    [
      ctx.rng.pick([
        443,
        8443,
        9001,
        1337,
        31337,
        5555,
        6666,
        7777,
        8080,
        9999,
        53,
        80,
        4242,
        1234,
        2222,
      ]),
      6,
    ],
    [ctx.rng.int(1025, 65000), 4],
  ]);
}

/** Service accounts a web or app compromise runs as. */
export const SERVICE_USERS: readonly (readonly [string, number])[] = [
  ["www-data", 33],
  ["apache", 48],
  ["nginx", 997],
  ["tomcat", 995],
  ["nobody", 65534],
  ["postgres", 113],
  ["mysql", 27],
  ["git", 998],
  ["jenkins", 996],
  ["redis", 112],
];

/** A user running a command: a site user, an admin, a service account or a commonly attacked name. */
export interface Who {
  name: string;
  uid: number;
}

/** A human (site) user. */
export function siteUser(ctx: Ctx): Who {
  const { rng, sc } = ctx;
  return { name: rng.pick(sc.users), uid: rng.int(1000, 1060) };
}

/** An admin, sometimes root. */
export function adminUser(ctx: Ctx): Who {
  const { rng, sc } = ctx;
  if (rng.chance(0.3)) return { name: "root", uid: 0 };
  const a = rng.pick(sc.admins);
  return { name: a, uid: a === "root" ? 0 : rng.int(1000, 1020) };
}

/** Whoever an attacker holds: mostly service accounts, also users and attacked names. */
export function victimUser(ctx: Ctx): Who {
  const { rng } = ctx;
  return rng.weighted<Who>([
    [(([name, uid]) => ({ name, uid }))(rng.pick(SERVICE_USERS)), 5],
    [siteUser(ctx), 3],
    [{
      name: rng.pick(["ubuntu", "pi", "admin", "test", "user", "oracle", "ftpuser", "guest"]),
      uid: rng.int(1000, 1003),
    }, 2],
    [{ name: "root", uid: 0 }, 1],
  ]);
}

/** A plausible working directory for `who`. */
export function cwdOf(ctx: Ctx, who: Who): string {
  const { rng } = ctx;
  if (who.uid === 0) return rng.pick(["/root", "/", "/tmp", "/etc", "/var/log", "/opt"]);
  if (who.uid < 1000 || who.uid > 60000) {
    return rng.pick([
      "/var/www/html",
      "/var/www",
      "/tmp",
      "/var/tmp",
      "/dev/shm",
      "/var/lib/" + who.name,
      "/",
      "/opt/app",
    ]);
  }
  return rng.pick([
    `/home/${who.name}`,
    `/home/${who.name}`,
    `/home/${who.name}/src`,
    "/tmp",
    "/srv",
    "/var/www/html",
  ]);
}
