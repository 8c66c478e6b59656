/**
 * Scenarios: distinct sites (host names, IP plans, users, date and log formats) so evaluation can
 * hold whole scenarios out.
 *
 * @module
 */
import { Rng } from "./rng.ts";
import { FIRST_NAMES, LAST_NAMES, ORG_WORDS, TLDS } from "./pools.ts";

/** How the syslog daemon writes the line header. */
export type DateStyle = "bsd" | "bsd_host_fqdn" | "iso" | "iso_micro" | "rfc5424" | "journal";

/** How the web server writes access lines. */
export type WebStyle = "combined" | "vhost_combined" | "nginx" | "combined_rt" | "common";

/** One simulated site. */
export interface Scenario {
  name: string;
  /** Internal DNS domain, e.g. "fox.lan". */
  domain: string;
  /** Public web domain, e.g. "acme-logistics.com". */
  publicDomain: string;
  hosts: {
    web: string;
    intranet: string;
    mail: string;
    vpn: string;
    dns: string;
    fw: string;
    share: string;
    monitor: string;
    db: string;
    bastion: string;
  };
  /** LAN prefix with trailing dot, e.g. "10.35.4.". */
  lan: string;
  /** DMZ prefix with trailing dot. */
  dmz: string;
  /** VPN client pool prefix with trailing dot. */
  vpnPool: string;
  users: string[];
  admins: string[];
  attackerIps: string[];
  dateStyle: DateStyle;
  webStyle: WebStyle;
  /** Numeric UTC offset, e.g. "+0100". */
  tz: string;
  /** Epoch ms where the scenario's days start. */
  start: number;
}

const SCENARIO_NAMES = [
  "fox",
  "harbor",
  "juniper",
  "kestrel",
  "lumen",
  "marlin",
  "nimbus",
  "orchid",
  "quartz",
  "raven",
  "sierra",
  "tundra",
] as const;

/** Names of the scenarios the group-aware evaluation holds out of training. */
export const HELDOUT_SCENARIOS = ["kestrel", "quartz", "tundra"];

function userName(rng: Rng, style: number): string {
  const f = rng.pick(FIRST_NAMES), l = rng.pick(LAST_NAMES);
  switch (style) {
    case 0:
      return `${f}.${l}`;
    case 1:
      return `${f[0]}${l}`;
    case 2:
      return f;
    case 3:
      return `${f}_${l[0]}`;
    case 4:
      return `${l}${rng.int(1, 99)}`;
    default:
      return `${f[0]}${l.slice(0, 6)}${rng.int(1, 9)}`;
  }
}

function prefix(rng: Rng): string {
  return rng.weighted([
    [`10.${rng.int(0, 254)}.${rng.int(0, 254)}.`, 4],
    [`192.168.${rng.int(0, 254)}.`, 3],
    [`172.${rng.int(16, 31)}.${rng.int(0, 254)}.`, 2],
  ]);
}

/** Builds scenario `i` deterministically from its seed. */
export function makeScenario(name: string, seed: number): Scenario {
  const rng = new Rng(seed);
  const org = rng.pick(ORG_WORDS);
  const domain = rng.weighted([
    [`${name}.lan`, 2],
    [`${org}.local`, 1],
    [`corp.${org}.${rng.pick(TLDS)}`, 2],
    [`${name}.int`, 1],
  ]);
  const publicDomain = `${org}${rng.pick(["", "-group", "-labs", "corp", "-systems"])}.${
    rng.pick(TLDS)
  }`;
  const style = rng.int(0, 5);
  const users = Array.from({ length: rng.int(12, 40) }, () => userName(rng, style).toLowerCase());
  const hn = (role: string, alts: string[]) =>
    rng.weighted([[role, 2], [rng.pick(alts), 2], [`${name}-${role}`, 1], [
      `${role}${rng.int(1, 3).toString().padStart(2, "0")}`,
      1,
    ]]);
  return {
    name,
    domain,
    publicDomain,
    hosts: {
      web: hn("web", ["www", "webserver", "proxy", "apache", "nginx", "frontend", "lb"]),
      intranet: hn("intranet", ["wiki", "wordpress", "wp", "portal", "cms", "blog"]),
      mail: hn("mail", ["mx", "smtp", "mailhub", "exchange", "postfix", "imap"]),
      vpn: hn("vpn", ["ovpn", "gw", "remote", "access"]),
      dns: hn("dns", ["ns1", "resolver", "inet-dns", "dnsmasq", "bind"]),
      fw: hn("fw", ["firewall", "inet-firewall", "edge", "pfsense", "gateway"]),
      share: hn("share", ["files", "nas", "cloud", "nextcloud", "fileserver"]),
      monitor: hn("monitor", ["mon", "metrics", "elk", "grafana", "zabbix"]),
      db: hn("db", ["mysql", "pg", "database", "sql", "mariadb"]),
      bastion: hn("bastion", ["jump", "admin", "ops", "shell", "login"]),
    },
    lan: prefix(rng),
    dmz: prefix(rng),
    vpnPool: `10.${rng.int(8, 9)}.${rng.int(0, 254)}.`,
    users,
    admins: [...rng.sample(users, rng.int(1, 3)), rng.pick(["admin", "sysadmin", "ops", "root"])],
    attackerIps: Array.from({ length: rng.int(3, 8) }, () => rng.publicIp()),
    dateStyle: rng.weighted([
      ["bsd", 5],
      ["bsd_host_fqdn", 1],
      ["iso", 2],
      ["iso_micro", 2],
      ["rfc5424", 1],
      ["journal", 1],
    ]),
    webStyle: rng.weighted([
      ["combined", 5],
      ["vhost_combined", 2],
      ["nginx", 3],
      ["combined_rt", 1],
      ["common", 1],
    ]),
    tz: rng.pick(["+0000", "+0100", "+0200", "-0500", "-0800", "+0530", "+0900", "-0300"]),
    start: Date.UTC(rng.int(2019, 2026), rng.int(0, 11), rng.int(1, 27), rng.int(0, 23)),
  };
}

/** All scenarios, in a fixed order. */
export const SCENARIOS: Scenario[] = SCENARIO_NAMES.map((n, i) => makeScenario(n, 1000 + i * 7919));
