/**
 * Installs the lab's Debian packages idempotently: `dpkg -s` for each, then one
 * `apt-get install` of only the missing ones, with service starts denied (policy-rc.d) and
 * snoopy kept out of the host's preload.
 *
 * @module
 */
import { must, run } from "./proc.ts";

/**
 * Packages every run needs, the smoke run too: the server's private tree is built from every
 * daemon's /etc and /var/lib files (server.ts), whichever daemons the scenario starts.
 */
export const LAB_PACKAGES = [
  "openssh-server",
  "openssh-client",
  "rsyslog",
  "snoopy",
  "sshpass",
  "hydra",
  "apache2",
  "libapache2-mod-php",
  "php-mysql",
  "nginx-light",
  "dnsmasq-base",
  "vsftpd",
  "postfix",
  "dovecot-imapd",
  "dovecot-pop3d",
  "squid",
  "bind9",
  "mariadb-server",
  "sudo",
  "cron",
  "nmap",
  "dirb",
  "gobuster",
  "ffuf",
  "whatweb",
  "sqlmap",
  "medusa",
  "ncrack",
  "dnsenum",
  "dnsrecon",
  "john",
  "netcat-openbsd",
  "swaks",
  "dnsutils",
  "curl",
  "python3",
];

/** Installs whatever of `pkgs` is missing; returns the names it installed. */
export async function ensurePackages(pkgs: string[]): Promise<string[]> {
  const missing: string[] = [];
  for (const p of pkgs) {
    const r = await run(["dpkg-query", "-W", "-f=${Status}", p], 10);
    if (!r.stdout.includes("install ok installed")) missing.push(p);
  }
  if (!missing.length) return [];
  await must(
    ["debconf-set-selections"],
    30,
    "snoopy snoopy/install-ld-preload boolean false\npostfix postfix/main_mailer_type select No configuration\n",
  );
  // Installing daemons must not start them on the host: deny service starts while we install.
  const policy = "/usr/sbin/policy-rc.d";
  const ownPolicy = !(await Deno.stat(policy).catch(() => null));
  if (ownPolicy) await Deno.writeTextFile(policy, "#!/bin/sh\nexit 101\n", { mode: 0o755 });
  try {
    await run(["apt-get", "update", "-qq"], 300);
    await must([
      "env",
      "DEBIAN_FRONTEND=noninteractive",
      "apt-get",
      "install",
      "-y",
      "-q",
      "-o",
      "DPkg::Lock::Timeout=300",
      "--no-install-recommends",
      ...missing,
    ], 1200);
  } finally {
    if (ownPolicy) await Deno.remove(policy);
  }
  return missing;
}
