/**
 * The lab topology: a switch namespace with a bridge and one veth per host namespace (server,
 * users, attacker), each veth created directly inside its namespaces so nothing touches the
 * host; per-namespace resolv.conf; teardown by namespace name recorded at creation.
 *
 * @module
 */
import { labAddresses, type Plan } from "./plan.ts";
import { must, run } from "./proc.ts";
import { auditNamespace } from "./safety.ts";

/** Namespaces this process created and has not yet deleted. */
const created: string[] = [];
/**
 * One file per live namespace, holding its runner's PID, so a run killed with SIGKILL is cleaned
 * up next time. A file per namespace, not one shared file: concurrent runs never rewrite each
 * other's records.
 */
const STATE_DIR = "/run/insyt-lab-netns";

async function record(ns: string, add: boolean): Promise<void> {
  if (add) {
    await Deno.mkdir(STATE_DIR, { recursive: true });
    await Deno.writeTextFile(`${STATE_DIR}/${ns}`, String(Deno.pid));
  } else await Deno.remove(`${STATE_DIR}/${ns}`).catch(() => {});
}

/**
 * Cleans up after a runner that was killed before it could tear down: ends the processes still
 * inside its recorded namespaces (by the PIDs `ip netns pids` lists) and deletes the namespaces.
 * A namespace whose runner is alive is left alone.
 */
export async function reapStale(): Promise<string[]> {
  const reaped: string[] = [];
  const entries = await Array.fromAsync(Deno.readDir(STATE_DIR)).catch(() => []);
  for (const { name: ns } of entries) {
    const pid = (await Deno.readTextFile(`${STATE_DIR}/${ns}`).catch(() => "")).trim();
    if (!/^\d+$/.test(pid) || await Deno.stat(`/proc/${pid}`).catch(() => null)) continue;
    const pids = (await run(["ip", "netns", "pids", ns], 5)).stdout.split("\n").filter(Boolean);
    for (const p of pids) {
      try {
        Deno.kill(Number(p), "SIGKILL");
      } catch { /* already gone */ }
    }
    await run(["ip", "netns", "del", ns], 10);
    await Deno.remove(`/etc/netns/${ns}`, { recursive: true }).catch(() => {});
    await record(ns, false);
    reaped.push(ns);
  }
  return reaped;
}

async function addNs(ns: string): Promise<void> {
  await must(["ip", "netns", "add", ns]);
  created.push(ns);
  await record(ns, true);
  const sysctl = ["ip", "netns", "exec", ns, "sysctl", "-q", "-w"];
  await must([...sysctl, "net.ipv6.conf.all.disable_ipv6=1"]);
  await must([...sysctl, "net.ipv6.conf.default.disable_ipv6=1"]);
  await must(["ip", "-n", ns, "link", "set", "lo", "up"]);
}

/** Writes /etc/netns/NS/resolv.conf (and hosts) so lookups inside go to the lab DNS. */
async function netnsEtc(ns: string, p: Plan): Promise<void> {
  const dir = `/etc/netns/${ns}`;
  await Deno.mkdir(dir, { recursive: true });
  await Deno.writeTextFile(`${dir}/resolv.conf`, `search ${p.domain}\nnameserver ${p.srvIp}\n`);
}

/** Builds the topology and audits every namespace; throws (after cleaning up) on any fault. */
export async function buildTopology(p: Plan): Promise<void> {
  const { sw, srv, usr, atk } = p.ns;
  const existing = await must(["ip", "netns", "list"]);
  for (const ns of [sw, srv, usr, atk]) {
    if (existing.split("\n").some((l) => l.split(" ")[0] === ns)) {
      throw new Error(`namespace ${ns} already exists`);
    }
  }
  for (const ns of [sw, srv, usr, atk]) await addNs(ns);
  await must(["ip", "-n", sw, "link", "add", "br0", "type", "bridge"]);
  await must(["ip", "-n", sw, "link", "set", "br0", "up"]);
  const hosts: [string, string, string[]][] = [
    [srv, "p-srv", [p.srvIp, p.dnsIp, p.bindIp]],
    [usr, "p-usr", p.userIps],
    [atk, "p-atk", [p.atkIp]],
  ];
  for (const [ns, port, ips] of hosts) {
    await must([
      "ip",
      "link",
      "add",
      "eth0",
      "netns",
      ns,
      "type",
      "veth",
      "peer",
      port,
      "netns",
      sw,
    ]);
    await must(["ip", "-n", sw, "link", "set", port, "master", "br0", "up"]);
    for (const ip of ips) await must(["ip", "-n", ns, "addr", "add", `${ip}/24`, "dev", "eth0"]);
    await must(["ip", "-n", ns, "link", "set", "eth0", "up"]);
  }
  for (const ns of [srv, usr, atk]) await netnsEtc(ns, p);
  for (const ns of [sw, srv, usr, atk]) await auditNamespace(ns, labAddresses(p));
}

/** Deletes every namespace this run created, and its /etc/netns directory. */
export async function teardownTopology(): Promise<void> {
  while (created.length) {
    const ns = created.pop()!;
    await run(["ip", "netns", "del", ns], 10);
    await Deno.remove(`/etc/netns/${ns}`, { recursive: true }).catch(() => {});
    await record(ns, false);
  }
}

/** The namespaces of the run with this tag (`<tag>-sw`, ...) that currently exist. */
export async function listLabNamespaces(tag: string): Promise<string[]> {
  const out = await must(["ip", "netns", "list"]);
  return out.split("\n").map((l) => l.split(" ")[0]).filter((n) => n.startsWith(`${tag}-`));
}
