/**
 * What matters per ATT&CK technique, beyond the class playbook: the technique's name and one
 * or two specific steps. A sub-technique without its own entry uses its parent's
 * ("T1110.001" → "T1110").
 *
 * @module
 */

/** A technique's name and what to do about it specifically. */
export interface TechniqueNote {
  /** ATT&CK's name for the technique. */
  name: string;
  /** One or two steps specific to it (with placeholders). */
  note: string;
}

/** Notes by technique id. Placeholders as in classes.ts. */
export const TECHNIQUE_NOTES: Record<string, TechniqueNote> = {
  "T1595.001": {
    name: "Active Scanning: Scanning IP Blocks",
    note:
      "Sweeps across address ranges: check which of your addresses answered at all, and whether unused ranges can be black-holed.",
  },
  "T1595.002": {
    name: "Active Scanning: Vulnerability Scanning",
    note:
      "The scanner tests for known flaws: compare the probed paths and versions with your patch level on {hosts}; a probe for a flaw you still have is urgent.",
  },
  "T1595.003": {
    name: "Active Scanning: Wordlist Scanning",
    note:
      "Wordlist tools (dirb, gobuster, ffuf) reveal hidden paths through the responses that were not 404: review each one.",
  },
  "T1590.002": {
    name: "Gather Victim Network Information: DNS",
    note:
      "DNS brute force or zone transfers map your names: make sure internal names are not served to outside resolvers (split DNS).",
  },
  "T1046": {
    name: "Network Service Discovery",
    note:
      "Service discovery from inside the network means the scanning host is already compromised: treat {entity} as a foothold, not just a scanner.",
  },
  "T1190": {
    name: "Exploit Public-Facing Application",
    note:
      "Check the responses to the payload requests: a 200 with an unusual size, or a 500, means the payload reached the application code.",
  },
  "T1505.003": {
    name: "Server Software Component: Web Shell",
    note:
      "A web shell survives password changes: find it by modification time and by requests with command-like parameters, and remove it before anything else.",
  },
  "T1059.004": {
    name: "Command and Scripting Interpreter: Unix Shell",
    note:
      "Shell commands ran on {hosts}: recover the exact command lines (auditd, snoopy, shell history, web shell parameters) to know what the attacker saw and changed.",
  },
  "T1110": {
    name: "Brute Force",
    note:
      "Tell guessing (many passwords, one user) from spraying (one password, many users {users}) and stuffing (leaked pairs): spraying and stuffing call for resetting every targeted account.",
  },
  "T1548.003": {
    name: "Abuse Elevation Control Mechanism: Sudo and Sudo Caching",
    note:
      "Check `sudo -l` for {users} on {hosts}, set `timestamp_timeout=0` where cached sudo credentials are a risk, and remove NOPASSWD rules that are not needed.",
  },
  "T1078.003": {
    name: "Valid Accounts: Local Accounts",
    note:
      "A real local account was used: its password is known to the attacker; reset it and check where else the same password is used.",
  },
  "T1068": {
    name: "Exploitation for Privilege Escalation",
    note:
      "Identify the exploited program or kernel version from the lines and patch it on every host that runs it, not only {hosts}.",
  },
  "T1071": {
    name: "Application Layer Protocol",
    note:
      "Control traffic hides in ordinary protocols (HTTP, DNS): look for regular intervals and unusual user agents or destinations from {hosts}.",
  },
  "T1071.004": {
    name: "Application Layer Protocol: DNS",
    note:
      "DNS used as a channel shows as many unique, long subdomains under one domain: block that domain at the resolver and look for the querying process.",
  },
  "T1105": {
    name: "Ingress Tool Transfer",
    note:
      "Tools were downloaded (curl, wget, scp): record their URLs and hashes, then search other hosts for the same files.",
  },
  "T1048.003": {
    name: "Exfiltration Over Unencrypted Non-C2 Protocol",
    note:
      "Data left over a plain protocol (DNS, FTP, HTTP): the resolver or proxy logs may hold enough of it to tell what was taken.",
  },
};

/** The note for a technique or, failing that, for its parent technique. */
export function techniqueNote(id: string): TechniqueNote | undefined {
  return TECHNIQUE_NOTES[id] ?? TECHNIQUE_NOTES[id.split(".")[0]];
}
