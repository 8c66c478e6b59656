/**
 * MITRE ATT&CK names and links for the board, and the kill-chain order of our classes. Ids
 * come from the taxonomy table, yet every link is rebuilt from a validated id, never from text.
 *
 * @module
 */
import { type Label, LABELS } from "../../lib/core/taxonomy.ts";

/** Tactic names (enterprise matrix). */
export const TACTIC_NAMES: Record<string, string> = {
  TA0043: "Reconnaissance",
  TA0042: "Resource Development",
  TA0001: "Initial Access",
  TA0002: "Execution",
  TA0003: "Persistence",
  TA0004: "Privilege Escalation",
  TA0005: "Defense Evasion",
  TA0006: "Credential Access",
  TA0007: "Discovery",
  TA0008: "Lateral Movement",
  TA0009: "Collection",
  TA0011: "Command and Control",
  TA0010: "Exfiltration",
  TA0040: "Impact",
};

/** Names of the techniques the taxonomy maps to. */
export const TECHNIQUE_NAMES: Record<string, string> = {
  "T1595.001": "Scanning IP Blocks",
  "T1595.002": "Vulnerability Scanning",
  "T1595.003": "Wordlist Scanning",
  "T1590.002": "Gather Victim Network Information: DNS",
  T1046: "Network Service Discovery",
  T1190: "Exploit Public-Facing Application",
  "T1505.003": "Web Shell",
  "T1059.004": "Unix Shell",
  T1110: "Brute Force",
  "T1548.003": "Sudo and Sudo Caching",
  "T1078.003": "Local Accounts",
  T1068: "Exploitation for Privilege Escalation",
  T1071: "Application Layer Protocol",
  "T1071.004": "DNS",
  T1105: "Ingress Tool Transfer",
  "T1048.003": "Exfiltration Over Unencrypted Non-C2 Protocol",
};

/** Short titles of the classes. */
export const LABEL_TITLES: Record<Label, string> = {
  benign: "Benign",
  recon_scan: "Recon scan",
  web_scan: "Web scan",
  web_exploit: "Web exploit",
  credential_access: "Credential access",
  privilege_escalation: "Privilege escalation",
  command_and_control: "Command and control",
  exfiltration: "Exfiltration",
};

/** The steps of an intrusion, earliest first: the taxonomy already lists the attack classes in that order. */
export const KILL_CHAIN: Label[] = LABELS.filter((l) => l !== "benign");

/** The attack.mitre.org page of a tactic or technique id, or null for anything else. */
export function attackUrl(id: string): string | null {
  if (/^TA\d{4}$/.test(id)) return `https://attack.mitre.org/tactics/${id}/`;
  const m = id.match(/^(T\d{4})(?:\.(\d{3}))?$/);
  if (!m) return null;
  return `https://attack.mitre.org/techniques/${m[1]}/${m[2] ? m[2] + "/" : ""}`;
}
