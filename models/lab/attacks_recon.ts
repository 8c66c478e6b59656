/**
 * Reconnaissance steps: nmap host discovery over the lab's own address list, an nmap
 * service/version/default-script scan of the server (which leaves application log lines),
 * and DNS brute force plus a zone-transfer attempt with dnsenum, dnsrecon or a bounded dig loop.
 *
 * @module
 */
import { act } from "./actor.ts";
import type { AttackCtx, Step } from "./attacks.ts";
import { labAddresses } from "./plan.ts";
import { sampleList } from "./sample.ts";

async function dnsBrute(c: AttackCtx): Promise<void> {
  const dns = c.target(c.plan.srvIp), auth = c.target(c.plan.dnsIp), d = c.plan.domain;
  const list = await sampleList(c.plan.rng, "/usr/share/dnsenum/dns.txt", 120, `${c.dir}/dns.txt`, [
    "www",
    "mail",
    "ftp",
    "intranet",
    "vpn",
  ]);
  const bound = Math.min(c.left(), 60);
  switch (c.plan.scenario.tools.dnsTool) {
    case "dnsenum":
      await act(c.atk, [
        "dnsenum",
        "--dnsserver",
        dns,
        "--noreverse",
        "--nocolor",
        "-f",
        list,
        "--threads",
        "2",
        "-t",
        "3",
        "-s",
        "0",
        "-p",
        "0",
        d,
      ], bound);
      break;
    case "dnsrecon":
      await act(c.atk, [
        "dnsrecon",
        "-d",
        d,
        "-n",
        dns,
        "-t",
        "std,brt",
        "-D",
        list,
        "--lifetime",
        "3",
      ], bound);
      break;
    case "dig": {
      const words = (await Deno.readTextFile(list)).trim().split("\n");
      const script = words.map((w) => `dig +short +tries=1 +time=1 @${dns} ${w}.${d}`).join("\n");
      await act(c.atk, ["sh", "-c", script], bound);
    }
  }
  await act(c.atk, ["dig", `@${auth}`, "+tries=1", "+time=2", d, "AXFR"], 8);
  await act(c.atk, ["dig", `@${dns}`, "+tries=1", "+time=2", "version.bind", "TXT", "CH"], 8);
  if (c.plan.scenario.daemons.includes("bind9")) {
    // bind9 too: a zone transfer it denies, its version, and the first words of the list.
    const bind = c.target(c.plan.bindIp);
    const words = (await Deno.readTextFile(list)).trim().split("\n").slice(0, 40);
    const script = [
      `dig @${bind} +tries=1 +time=2 ${d} AXFR`,
      `dig @${bind} +tries=1 +time=2 version.bind TXT CH`,
      ...words.map((w) => `dig +short +tries=1 +time=1 @${bind} ${w}.${d}`),
    ].join("\n");
    await act(c.atk, ["sh", "-c", script], Math.max(5, Math.min(c.left(), 30)));
  }
}

const DNS = ["dnsmasq", "named"];

/** The reconnaissance steps. */
export const RECON_STEPS: Step[] = [
  {
    name: "nmap_discovery",
    label: "recon_scan",
    families: [],
    targets: [],
    maxS: 30,
    run: (c) => {
      const targets = labAddresses(c.plan).filter((ip) => ip !== c.plan.atkIp).map(c.target);
      return act(
        c.atk,
        ["nmap", "-sn", "-n", "--max-retries", "1", ...targets],
        Math.min(c.left(), 30),
      );
    },
  },
  {
    name: "nmap_services",
    label: "recon_scan",
    families: [],
    targets: [],
    maxS: 120,
    run: (c) =>
      act(c.atk, [
        "nmap",
        "-sT",
        "-sV",
        "-sC",
        "-n",
        "-Pn",
        "-p",
        "21,22,25,53,80,110,143,3128,3306,8080",
        "--max-retries",
        "1",
        "--host-timeout",
        `${Math.max(10, c.left() - 5)}s`,
        c.target(c.plan.srvIp),
      ], c.left()),
  },
  { name: "dns_brute", label: "recon_scan", families: [], targets: DNS, maxS: 70, run: dnsBrute },
];
