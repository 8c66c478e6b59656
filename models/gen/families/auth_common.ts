/**
 * Shared helpers of the auth family group: attacked user names, address pickers and daemon hosts.
 *
 * @module
 */
import type { Ctx, Label, Template } from "../types.ts";

/** User names that password-guessing bots try, most common first. */
export const ATTACKED_USERS = [
  "root",
  "admin",
  "test",
  "user",
  "oracle",
  "ubuntu",
  "pi",
  "postgres",
  "git",
  "guest",
  "ftpuser",
  "support",
  "administrator",
  "mysql",
  "deploy",
  "jenkins",
  "hadoop",
  "ftp",
  "test1",
  "user1",
  "ubnt",
  "centos",
  "ec2-user",
  "tomcat",
  "nagios",
  "minecraft",
  "steam",
  "www",
  "web",
  "dev",
  "backup",
  "operator",
  "demo",
  "sysadmin",
  "default",
  "debian",
  "vagrant",
  "ansible",
  "es",
  "elastic",
  "kafka",
  "zabbix",
  "teamspeak",
  "ts3",
  "student",
  "temp",
  "info",
  "sales",
  "office",
  "usuario",
  "admin1",
  "123456",
  "fa",
  "butter",
  "odoo",
  "sftp",
  "dspace",
  "ftpadmin",
  "server",
  "docker",
  "gitlab",
  "prueba",
  "tester",
  "testuser",
  "redis",
  "solr",
  "hduser",
  "mc",
  "cisco",
  "webmaster",
  "manager",
  "nexus",
  "www-data",
  "squid",
  "ali",
  "bitrix",
  "craft",
  "sonar",
  "sa",
];

/** Service accounts that should never log in or use sudo/su. */
export const SERVICE_USERS: readonly (readonly [string, number])[] = [
  ["www-data", 33],
  ["apache", 48],
  ["nginx", 986],
  ["nobody", 65534],
  ["tomcat", 91],
  ["daemon", 1],
  ["postgres", 26],
  ["mysql", 27],
  ["git", 998],
  ["jenkins", 112],
];

/** A user name a guessing attack would try (mostly dictionary names, sometimes real site users). */
export function attackUser(ctx: Ctx): string {
  const { rng, sc } = ctx;
  return rng.weighted<() => string>([
    [() => "root", 5],
    [() => rng.pick(ATTACKED_USERS), 8],
    [() => rng.pick(sc.users), 2],
    [() => rng.pick(ATTACKED_USERS) + rng.int(1, 2024), 1],
    [() => rng.alnum(rng.int(3, 9)).toLowerCase(), 1],
  ])();
}

/** An attacker source: the scenario's known attackers, fresh public hosts, private ranges or IPv6. */
export function authAttackerIp(ctx: Ctx): string {
  const { rng, sc } = ctx;
  return rng.weighted<() => string>([
    [() => rng.pick(sc.attackerIps), 4],
    [() => rng.publicIp(), 5],
    [
      () => `${rng.pick([sc.lan, sc.dmz, "192.168.1.", "10.0.0.", "172.16.0."])}${rng.int(2, 254)}`,
      1,
    ],
    [() => rng.ipv6(), 0.6],
  ])();
}

/** An internal client address (LAN, VPN pool or DMZ). */
export function internalIp(ctx: Ctx): string {
  const { rng, sc } = ctx;
  return rng.weighted([[sc.lan, 6], [sc.vpnPool, 2], [sc.dmz, 1]]) + rng.int(2, 254);
}

/** A legitimate client address: mostly internal, sometimes a public home/office address. */
export function clientIp(ctx: Ctx): string {
  return ctx.rng.chance(0.75) ? internalIp(ctx) : ctx.rng.publicIp();
}

/** A client's ephemeral source port. */
export function ephemeralPort(ctx: Ctx): number {
  return ctx.rng.int(1024, 65535);
}

/** A process id. */
export function authPid(ctx: Ctx): number {
  return ctx.rng.int(300, ctx.rng.chance(0.6) ? 65535 : 4194303);
}

/** A host of the site that runs an SSH server. */
export function sshHost(ctx: Ctx): string {
  const h = ctx.sc.hosts;
  return ctx.rng.weighted([
    [h.bastion, 4],
    [h.web, 2],
    [h.mail, 1],
    [h.db, 1],
    [h.share, 1],
    [
      h.monitor,
      1,
    ],
    [h.intranet, 1],
    [h.vpn, 1],
  ]);
}

/** A site user or admin, as a benign actor. */
export function siteUser(ctx: Ctx): string {
  return ctx.rng.chance(0.7) ? ctx.rng.pick(ctx.sc.users) : ctx.rng.pick(ctx.sc.admins);
}

/** A uid in the range distributions give to human accounts. */
export function humanUid(ctx: Ctx): number {
  return ctx.rng.weighted([[1000, 3], [ctx.rng.int(1001, 1050), 4], [ctx.rng.int(500, 530), 1]]);
}

/** Shorthand that builds a {@link Template}. */
export function tpl(
  family: string,
  label: Label,
  weight: number,
  make: (ctx: Ctx) => string,
): Template {
  return { family, label, weight, make };
}
