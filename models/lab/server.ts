/**
 * The lab server: prepares its private root (copies of /etc and spool, fresh /var/log and
 * home directories, generated configs) in the run directory, then boots it as PID 1 of its
 * own PID/mount/UTS namespace inside the server network namespace.
 *
 * @module
 */
import { fixPam, writeAccounts, writeSystem } from "./conf_system.ts";
import { rsyslogConf } from "./conf_rsyslog.ts";
import { bindZone, dnsmasqConf, namedConf, squidConf, sshdConf, vsftpdConf } from "./conf_net.ts";
import { writeWeb } from "./conf_web.ts";
import { writeMail } from "./conf_mail.ts";
import type { Plan } from "./plan.ts";
import { must, spawnLive } from "./proc.ts";

/** Daemons the boot script knows, in start order. */
export type Daemon =
  | "sshd"
  | "dnsmasq"
  | "mariadb"
  | "apache"
  | "nginx"
  | "vsftpd"
  | "postfix"
  | "dovecot"
  | "cron"
  | "squid"
  | "bind9";

const LOG_DIRS: [string, string][] = [
  ["apache2", "root:adm"],
  ["nginx", "www-data:adm"],
  ["mysql", "mysql:adm"],
  ["squid", "proxy:proxy"],
];

/** Builds the server's private tree under `root` and returns the directories to bind. */
export async function prepareServer(root: string, p: Plan, daemons: Daemon[]): Promise<void> {
  await Deno.mkdir(root, { recursive: true });
  await must(["cp", "-a", "/etc", `${root}/etc`], 60);
  await must(["cp", "-a", "/var/spool", `${root}/spool`], 60);
  await must(["cp", "-a", "/var/lib/postfix", `${root}/postfix`], 60);
  await Deno.remove(`${root}/etc/netns`, { recursive: true }).catch(() => {});
  const etc = `${root}/etc`;
  await Deno.writeTextFile(`${root}/hostname`, p.srvHost);
  await writeAccounts(etc, p);
  await fixPam(etc);
  await writeSystem(etc, p);
  await Deno.writeTextFile(`${etc}/rsyslog.conf`, rsyslogConf(p.scenario.syslog));
  await Deno.remove(`${etc}/rsyslog.d`, { recursive: true }).catch(() => {});
  for (const f of await Array.fromAsync(Deno.readDir(`${etc}/ssh`))) {
    if (f.name.startsWith("ssh_host_")) await Deno.remove(`${etc}/ssh/${f.name}`);
  }
  await must([
    "ssh-keygen",
    "-q",
    "-t",
    "ed25519",
    "-N",
    "",
    "-f",
    `${etc}/ssh/ssh_host_ed25519_key`,
  ]);
  await Deno.writeTextFile(`${etc}/ssh/sshd_config`, sshdConf(p));
  await Deno.writeTextFile(`${etc}/dnsmasq.lab.conf`, dnsmasqConf(p));
  await Deno.writeTextFile(`${etc}/vsftpd.conf`, vsftpdConf(p));
  await Deno.writeTextFile(`${etc}/squid/squid.lab.conf`, squidConf(p));
  await Deno.writeTextFile(`${etc}/bind/named.lab.conf`, namedConf(p));
  await Deno.writeTextFile(`${etc}/bind/db.lab`, bindZone(p));
  await Deno.mkdir(`${root}/log`, { recursive: true });
  for (const [d, owner] of LOG_DIRS) {
    await Deno.mkdir(`${root}/log/${d}`, { recursive: true });
    await must(["chown", owner, `${root}/log/${d}`]);
  }
  await Deno.mkdir(`${etc}/lab`, { recursive: true });
  if (daemons.includes("apache") || daemons.includes("nginx")) await writeWeb(root, p);
  if (daemons.includes("postfix") || daemons.includes("dovecot")) await writeMail(root, p);
  if (daemons.includes("mariadb")) {
    // Its own temporary directory: two lab runs bootstrapping at once in the shared /tmp
    // collided on one temporary table's file name ("Unknown table 'mysql.tmp_user_sys'").
    for (const d of ["mysql", "mysql-tmp"]) {
      await Deno.mkdir(`${root}/${d}`);
      await must(["chown", "mysql:mysql", `${root}/${d}`]);
    }
    await must([
      "mariadb-install-db",
      "--user=mysql",
      `--datadir=${root}/mysql`,
      `--tmpdir=${root}/mysql-tmp`,
      "--skip-test-db",
      "--auth-root-authentication-method=socket",
    ], 120);
  }
  await Deno.mkdir(`${root}/home`, { recursive: true });
  for (const a of p.accounts) {
    const h = `${root}/home/${a.name}`;
    await Deno.mkdir(`${h}/.ssh`, { recursive: true });
    await Deno.mkdir(`${h}/Maildir`, { recursive: true });
    await Deno.writeTextFile(`${h}/notes.txt`, `project notes of ${a.name}\n`);
    await must([
      "chown",
      "-R",
      `${1001 + p.accounts.indexOf(a)}:${1001 + p.accounts.indexOf(a)}`,
      h,
    ]);
  }
}

/** Boots the server; resolves when its daemons are up (or throws after `waitS`). */
export async function bootServer(
  root: string,
  p: Plan,
  daemons: Daemon[],
  budgetS: number,
  waitS = 60,
): Promise<number> {
  const boot = new URL("./server_boot.sh", import.meta.url).pathname;
  const pid = spawnLive(
    [
      "ip",
      "netns",
      "exec",
      p.ns.srv,
      "unshare",
      "--mount",
      "--uts",
      "--pid",
      "--kill-child",
      "--mount-proc",
      "bash",
      boot,
      root,
      ...daemons,
    ],
    budgetS,
    `${root}/unshare.out`,
  );
  const until = Date.now() + waitS * 1000;
  while (Date.now() < until) {
    try {
      await Deno.stat(`${root}/ready`);
      return pid;
    } catch { /* not yet */ }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server did not come up in ${waitS}s (see ${root}/boot.log)`);
}
