/**
 * The built-in response playbook of each attack class: why an incident looks like that class,
 * then containment, eradication, recovery and what to look at next. Written for INSyT's
 * incidents (an entity, its hosts and users, counts over a time span). Placeholders in braces
 * are filled by render.ts with the incident's values, each as an inert code span.
 *
 * @module
 */
import type { Label } from "../../core/taxonomy.ts";

/** One class's playbook; each list item is one markdown bullet. */
export interface ClassPlaybook {
  /** The advice's heading. */
  title: string;
  /** Why lines like the incident's point to this class (a paragraph, with placeholders). */
  why: string;
  /** Containment steps. */
  contain: string[];
  /** Steps that remove the attacker's foothold. */
  eradicate: string[];
  /** Steps that restore normal service. */
  recover: string[];
  /** What to look at next. */
  next: string[];
}

/** Playbooks by class. Placeholders: {entity} {hosts} {users} {count} {span}. */
export const CLASS_PLAYBOOKS: Record<Label, ClassPlaybook> = {
  benign: {
    title: "Activity classed as benign",
    why: "The lines grouped here look like normal user, admin or system activity.",
    contain: ["No containment is needed unless a review below finds otherwise."],
    eradicate: ["Nothing to remove."],
    recover: ["Nothing to restore."],
    next: [
      "Read the sample lines: if they are an attack, mark the incident and its lines so the next model learns from it.",
    ],
  },
  recon_scan: {
    title: "Reconnaissance: host, port or DNS discovery",
    why:
      "{count} lines over {span} show {entity} probing for live hosts, open ports or DNS names on {hosts}: scan-shaped firewall drops, banner grabs, zone-transfer or brute-force DNS queries.",
    contain: [
      "Rate-limit or drop {entity} at the perimeter firewall for the duration of the scan; a scan is cheap to repeat, so prefer a timed block over a permanent one.",
      "Refuse DNS zone transfers (AXFR/IXFR) to anyone but your secondaries, and disable recursion for outside clients.",
    ],
    eradicate: [
      "Close or firewall every service the scan found that does not need to be reachable from where {entity} sits.",
      "Remove version banners that name exact software releases (SSH, web server, mail server).",
    ],
    recover: [
      "Nothing was changed by a scan itself; confirm that firewall rules added during containment are recorded and will expire or be reviewed.",
    ],
    next: [
      "Scans come before exploitation: watch {entity} for web_exploit, credential_access or successful logins in the next hours, and check whether this incident already has a chain.",
      "List which ports and names answered: those are what an attacker now knows about {hosts}.",
    ],
  },
  web_scan: {
    title: "Web content or vulnerability scanning",
    why:
      "{count} requests over {span} from {entity} against {hosts} look like a scanner: wordlist paths, sensitive-file probes (.env, .git, backups), scanner user agents, bursts of 404s.",
    contain: [
      "Block or rate-limit {entity} at the reverse proxy or WAF; a per-client 404 rate limit slows every wordlist scanner.",
      "If the scan hit an admin or login path that answered 200, restrict that path to trusted networks now.",
    ],
    eradicate: [
      "Remove files the scan may have found: backups, .git and .env, phpinfo pages, old installers, default credentials pages.",
      "Update the CMS, its plugins and themes; scanners such as wpscan list known-vulnerable plugin versions.",
    ],
    recover: [
      "Rotate any secret that lived in a file the scanner fetched with a 200 response.",
    ],
    next: [
      "Filter the access log of {hosts} for {entity} with status 200, 301 or 500: those are the paths that exist or broke.",
      "Watch for a web_exploit incident from {entity}: scanning usually precedes an exploit against what it found.",
    ],
  },
  web_exploit: {
    title: "Exploitation of a public web application",
    why:
      "{count} requests over {span} from {entity} to {hosts} carry exploit payloads: SQL injection, cross-site scripting, path traversal, command injection or requests to an uploaded web shell.",
    contain: [
      "Block {entity} at the WAF or reverse proxy, and put the targeted application behind a maintenance page or an allow-list if any payload got a 200 response.",
      "If a web shell may exist, take the web host off the network segment that reaches databases and internal services until it is checked.",
    ],
    eradicate: [
      "Search the web root of {hosts} for files changed or created since the first request of this incident (PHP, JSP, ASPX files in upload directories are the usual web shells) and remove them.",
      "Patch or disable the vulnerable component; if no patch exists, block the exploited parameter or path at the WAF.",
    ],
    recover: [
      "Rotate the application's database and API credentials, and any session secrets, since code execution exposes them.",
      "Restore changed files from a known-good deployment rather than editing them in place.",
    ],
    next: [
      "Look for processes started by the web server user (shells, curl/wget, interpreters) on {hosts} after the first payload: they show whether the exploit ran commands.",
      "Check outbound connections from {hosts} for a reverse shell or a tool download (command_and_control).",
    ],
  },
  credential_access: {
    title: "Password guessing or account enumeration",
    why:
      "{count} authentication failures or enumeration attempts over {span} from {entity} against {hosts}, trying users {users}.",
    contain: [
      "Block {entity} at the firewall, or let fail2ban-style tooling ban it on every exposed login service (SSH, mail, VPN, web logins).",
      "Lock or force a password change on any targeted account that is real: {users}.",
    ],
    eradicate: [
      "Turn off password logins where keys or a second factor can be required (SSH `PasswordAuthentication no`, VPN and webmail MFA).",
      "Remove or disable default and unused accounts the attempts named.",
    ],
    recover: [
      "If any attempt succeeded, treat the account as compromised: reset its credentials, revoke its sessions and keys, and review what it did after the login.",
    ],
    next: [
      "Search the auth logs of {hosts} for a successful login from {entity} or for {users} after the failures: that turns a nuisance into a breach.",
      "Check whether the same address also hits other services or hosts: spread raises the incident's severity.",
    ],
  },
  privilege_escalation: {
    title: "Privilege escalation on a host",
    why:
      "{count} lines over {span} on {hosts} show sudo or su use, or a local exploit, by {users} that does not fit normal administration.",
    contain: [
      "Suspend the account(s) {users} and terminate their sessions on {hosts}.",
      "Isolate {hosts} from the rest of the network if root access may have been gained.",
    ],
    eradicate: [
      "Review /etc/sudoers and /etc/sudoers.d on {hosts}; remove rules that let a user run shells, editors or interpreters as root.",
      "Patch the kernel and setuid programs if a local exploit was used, and look for new setuid files.",
    ],
    recover: [
      "Rotate root and service credentials on {hosts}; if /etc/shadow was read, every local password there is exposed.",
      "Rebuild the host from a trusted image when root compromise cannot be ruled out.",
    ],
    next: [
      "Find how {users} got onto {hosts} in the first place: look for a credential_access or web_exploit incident that comes before this one in its chain.",
      "List commands run as root after the escalation (auditd, snoopy, shell history) for persistence: cron jobs, new keys, new users, services.",
    ],
  },
  command_and_control: {
    title: "Command and control: remote shells, tool downloads, beacons",
    why:
      "{count} lines over {span} on {hosts} show a reverse shell, a tool fetched and executed, or regular beaconing to {entity}.",
    contain: [
      "Block traffic to and from {entity} at the egress firewall, and cut the affected process's connections on {hosts}.",
      "Isolate {hosts}: a live shell means someone is operating it now.",
    ],
    eradicate: [
      "Kill the shell or implant processes, remove the tools they downloaded (look in /tmp, /dev/shm, /var/tmp and web directories) and every persistence they added.",
    ],
    recover: [
      "Rebuild {hosts} from a trusted image if an implant ran as root; otherwise restore changed files and rotate the credentials of the user it ran as.",
      "Make egress filtering default-deny for servers that never need to open outbound connections.",
    ],
    next: [
      "Look for the same destination {entity} in DNS, proxy and firewall logs from other hosts: a second infected host talks to the same place.",
      "Watch for exfiltration from {hosts}: control channels are usually followed by data leaving.",
    ],
  },
  exfiltration: {
    title: "Data exfiltration",
    why:
      "{count} lines over {span} show data leaving {hosts} toward {entity}: long encoded DNS subdomains (DNS tunnelling) or bulk transfers to an unusual destination.",
    contain: [
      "Block {entity} and its domains at the resolver and the egress firewall; force servers to use only your internal resolvers.",
      "Isolate the sending host(s) {hosts} to stop the transfer while evidence is kept.",
    ],
    eradicate: [
      "Find and remove the program sending the data (a DNS tunnel client or a scheduled transfer) and the access that let it run.",
    ],
    recover: [
      "Establish which data left (the files read before the transfer, the volume per minute) and start your breach-notification process if personal or customer data is involved.",
      "Rotate every secret that was stored on {hosts}.",
    ],
    next: [
      "Estimate the volume: queries or bytes per minute times the incident's span ({span}).",
      "Go back along the incident's chain: exfiltration is the last step; the earlier steps show how the attacker got in and what else they reached.",
    ],
  },
};
