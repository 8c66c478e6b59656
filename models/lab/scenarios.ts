/**
 * The lab's scenarios: each varies names, the IP plan inside 198.18.0.0/15, the syslog file
 * format, Apache's LogFormat, the daemons it runs, the attack steps and the tools' options.
 *
 * @module
 */
import type { SyslogFormat } from "./conf_rsyslog.ts";
import type { Daemon } from "./server.ts";

/** Apache access-log formats (the names Debian's apache2.conf defines). */
export type ApacheFormat = "common" | "combined" | "vhost_combined";

/** One scenario. */
export interface Scenario {
  name: string;
  index: number;
  /** The lab's /24 as its first three octets. */
  net: string;
  octets: { srv: number; atk: number; users: number[] };
  domain: string;
  srvHost: string;
  userHostPrefix: string;
  atkHost: string;
  exfilDomain: string;
  /** Lab accounts: the first is an admin (sudo), the last is the one the attacker cracks. */
  users: string[];
  syslog: SyslogFormat;
  apacheLog: ApacheFormat;
  daemons: Daemon[];
  /** Attack step names (see attacks.ts), in order. */
  attacks: string[];
  tools: {
    webScanner: "dirb" | "gobuster" | "ffuf";
    /** How many words of the scanner's list a step uses. */
    webWords: number;
    dnsTool: "dnsenum" | "dnsrecon" | "dig";
    bruteTool: "hydra" | "medusa";
    bruteTasks: number;
    /** User agent of the attacker's curl payloads. */
    agent: string;
  };
}

const FULL: Daemon[] = [
  "dnsmasq",
  "mariadb",
  "apache",
  "nginx",
  "sshd",
  "vsftpd",
  "postfix",
  "dovecot",
  "cron",
];
const CHAIN = [
  "nmap_discovery",
  "nmap_services",
  "dns_brute",
  "web_scan",
  "web_fingerprint",
  "sqlmap",
  "web_payloads",
  "ssh_brute",
  "service_brute",
  "webshell",
  "reverse_shell",
  "tool_download",
  "crack",
  "privesc",
  "dns_exfil",
];
const CURL = "curl/7.88.1";

function sc(index: number, o: Omit<Scenario, "index" | "name">): Scenario {
  return { name: `s${index}`, index, ...o };
}

/** The seeded scenarios s1..s8, plus "smoke" (sshd, one user, one ssh brute force). */
export const SCENARIOS: Scenario[] = [
  sc(1, {
    net: "198.18.0",
    octets: { srv: 10, atk: 66, users: [21, 22, 23, 24, 25] },
    domain: "fox.lab",
    srvHost: "intranet",
    userHostPrefix: "ws",
    atkHost: "kali",
    exfilDomain: "cdn-sync.example",
    users: ["mwagner", "jbauer", "lkoch", "phuber"],
    syslog: "traditional",
    apacheLog: "combined",
    daemons: FULL,
    attacks: CHAIN,
    tools: {
      webScanner: "dirb",
      webWords: 400,
      dnsTool: "dnsenum",
      bruteTool: "hydra",
      bruteTasks: 4,
      agent: CURL,
    },
  }),
];

/** Looks a scenario up by name. */
export function scenarioByName(name: string): Scenario {
  const s = name === "smoke" ? SMOKE : SCENARIOS.find((x) => x.name === name);
  if (!s) {
    throw new Error(`unknown scenario ${name} (have: smoke, ${SCENARIOS.map((x) => x.name)})`);
  }
  return s;
}

/** The smoke scenario: one daemon, one benign user, one bounded ssh brute force. */
export const SMOKE: Scenario = {
  ...SCENARIOS[0],
  name: "smoke",
  index: 0,
  net: "198.19.250",
  octets: { srv: 10, atk: 99, users: [20] },
  users: ["alice", "bob"],
  daemons: ["sshd"],
  attacks: ["ssh_brute"],
  tools: { ...SCENARIOS[0].tools, bruteTasks: 2 },
};
