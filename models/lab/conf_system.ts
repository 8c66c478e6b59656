/**
 * The server's private system files: passwd/shadow/group built from scratch (system accounts
 * plus the lab's users), sudoers, PAM without pam_limits/pam_loginuid, hostname, hosts,
 * resolv.conf, snoopy preload and cron jobs, all written into the run's copy of /etc.
 *
 * @module
 */
import type { Plan } from "./plan.ts";
import { must } from "./proc.ts";

/** System accounts the installed daemons own files as (uids copied from the host's passwd). */
const SYSTEM = [
  "root",
  "daemon",
  "bin",
  "sys",
  "sync",
  "mail",
  "www-data",
  "nobody",
  "sshd",
  "postfix",
  "dovecot",
  "dovenull",
  "mysql",
  "ftp",
  "messagebus",
  "_apt",
  "proxy",
  "bind",
];

async function hash(pw: string, salt: string): Promise<string> {
  return (await must(["openssl", "passwd", "-6", "-salt", salt, pw])).trim();
}

function entries(text: string, keep: (name: string) => boolean): string[] {
  return text.split("\n").filter((l) => l && keep(l.split(":")[0]));
}

/** Writes passwd, shadow, group and gshadow for the system accounts and the plan's users. */
export async function writeAccounts(etc: string, p: Plan): Promise<void> {
  const hostPasswd = await Deno.readTextFile("/etc/passwd");
  const hostGroup = await Deno.readTextFile("/etc/group");
  const passwd = entries(hostPasswd, (n) => SYSTEM.includes(n));
  const shadow = passwd.map((l) => `${l.split(":")[0]}:*:20000:0:99999:7:::`);
  shadow[0] = `root:${await hash(`root-${p.seed}-lab`, "labroot")}:20000:0:99999:7:::`;
  const sudoers = p.accounts.filter((a) => a.admin).map((a) => a.name);
  const group = entries(hostGroup, (n) => n !== "sudo" && !p.accounts.some((a) => a.name === n))
    .filter((l) => Number(l.split(":")[2]) < 1000 || l.startsWith("nogroup:"));
  const sudoGid = hostGroup.split("\n").find((l) => l.startsWith("sudo:"))?.split(":")[2] ?? "27";
  group.push(`sudo:x:${sudoGid}:${sudoers.join(",")}`);
  for (const [i, a] of p.accounts.entries()) {
    const uid = 1001 + i;
    passwd.push(`${a.name}:x:${uid}:${uid}:${a.name},,,:/home/${a.name}:/bin/bash`);
    shadow.push(`${a.name}:${await hash(a.password, `s${p.seed}x${i}`)}:20000:0:99999:7:::`);
    group.push(`${a.name}:x:${uid}:`);
  }
  await Deno.writeTextFile(`${etc}/passwd`, passwd.join("\n") + "\n");
  await Deno.writeTextFile(`${etc}/shadow`, shadow.join("\n") + "\n", { mode: 0o640 });
  await Deno.writeTextFile(`${etc}/group`, group.join("\n") + "\n");
  const gshadow = group.map((l) => `${l.split(":")[0]}:!::${l.split(":")[3] ?? ""}`);
  await Deno.writeTextFile(`${etc}/gshadow`, gshadow.join("\n") + "\n", { mode: 0o640 });
}

/** Drops the PAM modules that fail in this sandbox from every private pam.d file. */
export async function fixPam(etc: string): Promise<void> {
  for await (const f of Deno.readDir(`${etc}/pam.d`)) {
    if (!f.isFile) continue;
    const path = `${etc}/pam.d/${f.name}`;
    const text = await Deno.readTextFile(path);
    const kept = text.split("\n").filter((l) => !/pam_(limits|loginuid|systemd|motd)\.so/.test(l));
    await Deno.writeTextFile(path, kept.join("\n"));
  }
}

/** Identity, name resolution, sudoers, snoopy and cron. */
export async function writeSystem(etc: string, p: Plan): Promise<void> {
  await Deno.writeTextFile(`${etc}/hostname`, `${p.srvHost}\n`);
  const hosts = [
    "127.0.0.1\tlocalhost",
    `${p.srvIp}\t${p.srvHost}.${p.domain} ${p.srvHost}`,
    ...p.userIps.map((ip, i) => `${ip}\t${p.userHosts[i]}.${p.domain} ${p.userHosts[i]}`),
  ];
  await Deno.writeTextFile(`${etc}/hosts`, hosts.join("\n") + "\n");
  await Deno.writeTextFile(`${etc}/resolv.conf`, `search ${p.domain}\nnameserver 127.0.0.1\n`);
  await Deno.writeTextFile(`${etc}/mailname`, `${p.srvHost}.${p.domain}\n`);
  await Deno.writeTextFile(
    `${etc}/sudoers`,
    "Defaults\tenv_reset\nDefaults\tmail_badpass\n" +
      "root\tALL=(ALL:ALL) ALL\n%sudo\tALL=(ALL:ALL) ALL\n" +
      `${p.victim.name}\tALL=(root) /usr/bin/cat, /usr/bin/less, /usr/bin/find\n`,
    { mode: 0o440 },
  );
  await Deno.remove(`${etc}/ld.so.preload`).catch(() => {});
  await Deno.writeTextFile(`${etc}/ld.so.preload.lab`, "/lib/x86_64-linux-gnu/libsnoopy.so\n");
  const cron = [
    "SHELL=/bin/sh",
    "* * * * * root /usr/bin/test -x /usr/sbin/logrotate && /bin/true",
    "*/2 * * * * www-data /usr/bin/find /var/lib/php/sessions -mmin +30 -type f -delete",
    `* * * * * ${p.accounts[0].name} /usr/bin/df -h / > /dev/null`,
    "*/3 * * * * root /usr/bin/du -sh /var/log > /dev/null",
  ];
  await Deno.writeTextFile(`${etc}/cron.d/lab`, cron.join("\n") + "\n", { mode: 0o644 });
  for (const f of ["e2scrub_all", "php", "sysstat"]) {
    await Deno.remove(`${etc}/cron.d/${f}`).catch(() => {});
  }
}
