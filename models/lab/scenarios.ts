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
  "squid",
  "bind9",
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

const PYREQ = "python-requests/2.31.0";
const FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
const WGET = "Wget/1.21.3";
/** s8 brute-forces before it touches the web. */
const CHAIN_CRED_FIRST = [
  "nmap_discovery",
  "nmap_services",
  "ssh_brute",
  "service_brute",
  "dns_brute",
  "web_fingerprint",
  "web_scan",
  "web_payloads",
  "sqlmap",
  "webshell",
  "tool_download",
  "reverse_shell",
  "crack",
  "privesc",
  "dns_exfil",
];

/** The seeded scenarios s1..s8 (the smoke scenario is below). */
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
  sc(2, {
    net: "198.18.12",
    octets: { srv: 5, atk: 201, users: [30, 31, 32, 33, 34, 35] },
    domain: "northwind.corp",
    srvHost: "web01",
    userHostPrefix: "nw-pc",
    atkHost: "parrot",
    exfilDomain: "telemetry-upd.example",
    users: ["akhan", "bsmith", "cnguyen", "dlopez", "epetrov"],
    syslog: "rfc3339",
    apacheLog: "vhost_combined",
    daemons: FULL,
    attacks: CHAIN,
    tools: {
      webScanner: "gobuster",
      webWords: 350,
      dnsTool: "dnsrecon",
      bruteTool: "medusa",
      bruteTasks: 3,
      agent: PYREQ,
    },
  }),
  sc(3, {
    net: "198.19.3",
    octets: { srv: 40, atk: 13, users: [100, 101, 102, 103] },
    domain: "santos.internal",
    srvHost: "srv-app",
    userHostPrefix: "lt",
    atkHost: "box7",
    exfilDomain: "img-cache.example",
    users: ["rsantos", "mferreira", "tcosta", "jalves"],
    syslog: "rfc5424",
    apacheLog: "common",
    daemons: FULL,
    attacks: CHAIN,
    tools: {
      webScanner: "ffuf",
      webWords: 300,
      dnsTool: "dig",
      bruteTool: "hydra",
      bruteTasks: 2,
      agent: FIREFOX,
    },
  }),
  sc(4, {
    net: "198.18.44",
    octets: { srv: 2, atk: 250, users: [60, 61, 62, 63, 64] },
    domain: "wardbeck.lab",
    srvHost: "gw",
    userHostPrefix: "desk",
    atkHost: "attacker",
    exfilDomain: "static-edge.example",
    users: ["hmueller", "kschmidt", "oweber", "sfischer"],
    syslog: "traditional",
    apacheLog: "vhost_combined",
    daemons: FULL,
    attacks: CHAIN,
    tools: {
      webScanner: "dirb",
      webWords: 450,
      dnsTool: "dnsrecon",
      bruteTool: "hydra",
      bruteTasks: 4,
      agent: WGET,
    },
  }),
  sc(5, {
    net: "198.19.77",
    octets: { srv: 77, atk: 9, users: [120, 121, 122, 123, 124] },
    domain: "wheeler.corp",
    srvHost: "mx1",
    userHostPrefix: "client",
    atkHost: "vps",
    exfilDomain: "metrics-push.example",
    users: ["ljones", "pwhite", "gbrown", "ntaylor"],
    syslog: "rfc3339",
    apacheLog: "combined",
    daemons: FULL,
    attacks: CHAIN,
    tools: {
      webScanner: "gobuster",
      webWords: 300,
      dnsTool: "dnsenum",
      bruteTool: "medusa",
      bruteTasks: 2,
      agent: CURL,
    },
  }),
  sc(6, {
    net: "198.18.200",
    octets: { srv: 20, atk: 180, users: [50, 51, 52, 53] },
    domain: "acme-gmbh.lab",
    srvHost: "files",
    userHostPrefix: "acme-nb",
    atkHost: "red",
    exfilDomain: "update-check.example",
    users: ["admin.k", "j.meier", "s.wolf", "t.lang"],
    syslog: "rfc5424",
    apacheLog: "combined",
    daemons: FULL,
    attacks: CHAIN,
    tools: {
      webScanner: "ffuf",
      webWords: 350,
      dnsTool: "dnsenum",
      bruteTool: "hydra",
      bruteTasks: 3,
      agent: PYREQ,
    },
  }),
  sc(7, {
    net: "198.19.128",
    octets: { srv: 129, atk: 254, users: [140, 141, 142, 143, 144, 145] },
    domain: "shaw.intra",
    srvHost: "portal",
    userHostPrefix: "pc",
    atkHost: "implant",
    exfilDomain: "cdn-assets.example",
    users: ["opsadmin", "alee", "mchen", "rpatel", "ywang"],
    syslog: "traditional",
    apacheLog: "common",
    daemons: FULL,
    attacks: CHAIN,
    tools: {
      webScanner: "gobuster",
      webWords: 250,
      dnsTool: "dig",
      bruteTool: "medusa",
      bruteTasks: 3,
      agent: FIREFOX,
    },
  }),
  sc(8, {
    net: "198.18.99",
    octets: { srv: 99, atk: 3, users: [10, 11, 12, 13, 14] },
    domain: "russell.lan",
    srvHost: "dmz-web",
    userHostPrefix: "ws",
    atkHost: "ghost",
    exfilDomain: "sync-api.example",
    users: ["itadmin", "bmoreau", "cdubois", "elaurent"],
    syslog: "rfc3339",
    apacheLog: "vhost_combined",
    daemons: FULL,
    attacks: CHAIN_CRED_FIRST,
    tools: {
      webScanner: "dirb",
      webWords: 350,
      dnsTool: "dnsrecon",
      bruteTool: "hydra",
      bruteTasks: 4,
      agent: WGET,
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
