/**
 * The attack taxonomy: the 8 classes INSyT classifies log lines into, mapped to MITRE ATT&CK.
 *
 * @module
 */

/** Every label, in the model's class-id order (id 0 = benign). */
export const LABELS = [
  "benign",
  "recon_scan",
  "web_scan",
  "web_exploit",
  "credential_access",
  "privilege_escalation",
  "command_and_control",
  "exfiltration",
] as const;

/** One of the 8 classes. */
export type Label = typeof LABELS[number];

/** What a class means and where it sits in ATT&CK. */
export interface ClassInfo {
  /** One-line meaning for operators. */
  meaning: string;
  /** ATT&CK tactic ids. */
  tactics: string[];
  /** ATT&CK technique ids. */
  techniques: string[];
}

/** The taxonomy table (DESIGN.md, "Attack taxonomy"). */
export const TAXONOMY: Record<Label, ClassInfo> = {
  benign: { meaning: "normal user, admin and system activity", tactics: [], techniques: [] },
  recon_scan: {
    meaning:
      "host/port/service discovery, DNS brute force and zone transfers, traceroute, banner grabs, scan-shaped firewall drops",
    tactics: ["TA0043", "TA0007"],
    techniques: ["T1595.001", "T1595.002", "T1590.002", "T1046"],
  },
  web_scan: {
    meaning:
      "web content / vulnerability scanning: dirb, gobuster, ffuf, nikto, wpscan, sensitive-file probes, scanner user agents",
    tactics: ["TA0043"],
    techniques: ["T1595.002", "T1595.003"],
  },
  web_exploit: {
    meaning:
      "exploiting a public web app: SQLi, XSS, LFI/path traversal, RCE payloads, webshell upload and commands sent to a webshell",
    tactics: ["TA0001", "TA0003", "TA0002"],
    techniques: ["T1190", "T1505.003", "T1059.004"],
  },
  credential_access: {
    meaning: "password guessing / brute force, user enumeration, password cracking",
    tactics: ["TA0006"],
    techniques: ["T1110"],
  },
  privilege_escalation: {
    meaning: "su/sudo abuse after compromise, local privesc exploits",
    tactics: ["TA0004"],
    techniques: ["T1548.003", "T1078.003", "T1068"],
  },
  command_and_control: {
    meaning: "reverse shells, tool download and execution, C2 beacons",
    tactics: ["TA0011"],
    techniques: ["T1071", "T1105", "T1059.004"],
  },
  exfiltration: {
    meaning: "data leaving: DNS tunnelling / encoded subdomains, bulk transfers to odd hosts",
    tactics: ["TA0010"],
    techniques: ["T1048.003", "T1071.004"],
  },
};

/** True when `x` is one of the 8 labels. */
export function isLabel(x: string): x is Label {
  return (LABELS as readonly string[]).includes(x);
}
