/**
 * Helpers shared by the sudo and su/pkexec templates: hosts, terminals, service accounts.
 *
 * @module
 */
import type { Ctx } from "../types.ts";
import { SERVICE_USERS, sshHost } from "./auth_common.ts";

/** Working directories of a shell an attacker got through a web app or service. */
export const EVIL_PWD = [
  "/tmp",
  "/var/www/html",
  "/dev/shm",
  "/var/tmp",
  "/",
  "/var/www",
  "/usr/share/nginx/html",
  "/var/www/html/wp-content/uploads",
  "/opt/tomcat/bin",
  "/home/www-data",
];

/** A host where local accounts log in. */
export function privHost(c: Ctx): string {
  return c.rng.chance(0.6)
    ? sshHost(c)
    : c.rng.pick([c.sc.hosts.web, c.sc.hosts.intranet, c.sc.hosts.share]);
}

/** A terminal name. */
export function tty(c: Ctx): string {
  return c.rng.weighted([[`pts/${c.rng.int(0, 12)}`, 8], ["unknown", 2], ["tty1", 1]]);
}

/** A service account and its uid. */
export function svc(c: Ctx): readonly [string, number] {
  return c.rng.pick(SERVICE_USERS);
}

/** One of the site admins. */
export function admin(c: Ctx): string {
  const people = c.sc.admins.filter((a) => a !== "root");
  return c.rng.pick(people.length ? people : c.sc.admins);
}

/** A user's home directory. */
export const home = (u: string) => (u === "root" ? "/root" : `/home/${u}`);
