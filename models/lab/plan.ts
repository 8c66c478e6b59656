/**
 * The concrete plan of one lab run: namespace names, the address list (all inside
 * 198.18.0.0/15), host, user and domain names, drawn from the scenario and the seed.
 *
 * @module
 */
import { Rng } from "../gen/rng.ts";
import type { Scenario } from "./scenarios.ts";

/** A lab account on the server. */
export interface Account {
  name: string;
  password: string;
  /** In the sudo group. */
  admin: boolean;
}

/** Everything a run needs to know about names and addresses. */
export interface Plan {
  scenario: Scenario;
  seed: number;
  rng: Rng;
  /** Prefix of every namespace of this run, e.g. "il4711". */
  tag: string;
  ns: { sw: string; srv: string; usr: string; atk: string };
  /** The lab /24, e.g. "198.18.7". */
  net: string;
  srvIp: string;
  /** A second server address that dnsmasq serves authoritatively. */
  dnsIp: string;
  /** A third server address: bind9's authoritative server for the lab domain. */
  bindIp: string;
  userIps: string[];
  atkIp: string;
  domain: string;
  srvHost: string;
  /** Hostnames the actors' UTS namespaces get. */
  userHosts: string[];
  atkHost: string;
  accounts: Account[];
  /** The account the attacker cracks and then uses. */
  victim: Account;
  /** Attacker's domain for DNS exfiltration. */
  exfilDomain: string;
}

const WORDS = ["alpha", "birch", "cobalt", "delta", "ember", "fjord", "granite", "harbor", "iris"];

/** The namespace-name prefix of the run whose runner has PID `pid`. */
export function runTag(pid: number): string {
  return `il${pid % 100000}`;
}

/** Builds the plan; the run tag keeps concurrent runs' namespace names apart. */
export function makePlan(scenario: Scenario, seed: number): Plan {
  const rng = new Rng(seed * 7919 + scenario.index);
  const tag = runTag(Deno.pid);
  const net = scenario.net;
  const o = scenario.octets;
  const userIps = Array.from({ length: o.users.length }, (_, i) => `${net}.${o.users[i]}`);
  const accounts: Account[] = scenario.users.map((name, i) => ({
    name,
    password: `${rng.pick(WORDS)}${rng.int(10, 99)}${rng.pick(["!", "#", "."])}${i}`,
    admin: i === 0,
  }));
  const victim = accounts[accounts.length - 1];
  // The cracked password must be in the attacker's short wordlist: a weak one.
  victim.password = rng.pick(["sunshine", "princess", "dragon", "welcome1", "monkey"]);
  return {
    scenario,
    seed,
    rng,
    tag,
    ns: { sw: `${tag}-sw`, srv: `${tag}-srv`, usr: `${tag}-usr`, atk: `${tag}-atk` },
    net,
    srvIp: `${net}.${o.srv}`,
    dnsIp: `${net}.${o.srv + 1}`,
    bindIp: `${net}.${o.srv + 2}`,
    userIps,
    atkIp: `${net}.${o.atk}`,
    domain: scenario.domain,
    srvHost: scenario.srvHost,
    userHosts: userIps.map((_, i) => `${scenario.userHostPrefix}${String(i + 1).padStart(2, "0")}`),
    atkHost: scenario.atkHost,
    accounts,
    victim,
    exfilDomain: scenario.exfilDomain,
  };
}

/** Every address the lab owns (the only allowed targets and interface addresses). */
export function labAddresses(p: Plan): string[] {
  return [p.srvIp, p.dnsIp, p.bindIp, ...p.userIps, p.atkIp];
}
