/**
 * Benign auditd records and benign shell commands (admin work, vendor downloads, backups) in every
 * command-log format.
 *
 * @module
 */
import type { Ctx, Template } from "../types.ts";
import { adminUser, anyHost, auditVal, hostLanIp, siteUser, type Who } from "./host_common.ts";
import { auditRecord, type Exec, execLine, PROC_FMTS, SUDO_FMTS } from "./host_exec.ts";
import { CRON_CMDS } from "./host_sys.ts";
import { ADMIN_CMDS, SUDO_CMDS } from "./host_audit_cmds.ts";

function fill(ctx: Ctx, cmd: string): string {
  const { rng, sc } = ctx;
  return cmd.replaceAll(
    "{bk}",
    rng.pick(["backup", "backup01", "nas", sc.hosts.share, "bkp"]) +
      (rng.chance(0.5) ? "." + sc.domain : ""),
  )
    .replaceAll("{lan}", hostLanIp(ctx)).replaceAll(
      "{dom}",
      rng.chance(0.5) ? sc.publicDomain : sc.domain,
    )
    .replaceAll("{host}", anyHost(ctx)).replaceAll("{user}", rng.pick(sc.users));
}

function benignExec(ctx: Ctx, who: Who, cmd: string, peer = true): Exec {
  return {
    cmd: fill(ctx, cmd),
    who,
    peer: peer
      ? (ctx.rng.chance(0.8) ? hostLanIp(ctx) : ctx.sc.vpnPool + ctx.rng.int(2, 250))
      : undefined,
  };
}

/** Benign auditd records that carry no command: logins, PAM, services. */
function auditNoise(ctx: Ctx): string {
  const { rng, sc } = ctx;
  const host = anyHost(ctx);
  const who = rng.chance(0.5) ? siteUser(ctx) : adminUser(ctx);
  const ses = rng.int(1, 900), pid = rng.int(300, 99999);
  const ip = rng.chance(0.85) ? hostLanIp(ctx) : sc.vpnPool + rng.int(2, 250);
  const sshd = rng.chance(0.5) ? "/usr/sbin/sshd" : "/usr/sbin/cron";
  const cron = sshd.endsWith("cron");
  const addr = cron ? "hostname=? addr=? terminal=cron" : `hostname=${ip} addr=${ip} terminal=ssh`;
  const acct = cron ? "root" : who.name;
  const auid = cron ? 0 : who.uid;
  const subj = rng.chance(0.5) ? "subj=unconfined " : "";
  const pam = (op: string, grantors: string) =>
    `pid=${pid} uid=0 auid=${op === "PAM:authentication" ? 4294967295 : auid} ses=${
      op === "PAM:authentication" ? 4294967295 : ses
    } ${subj}msg='op=${op} grantors=${grantors} acct="${acct}" exe="${sshd}" ${addr} res=success'`;
  const [type, num, body] = rng.weighted<() => [string, number, string]>([
    [() => ["USER_ACCT", 1101, pam("PAM:accounting", "pam_permit")], 3],
    [() => ["CRED_ACQ", 1103, pam("PAM:setcred", "pam_permit")], 3],
    [
      () => [
        "USER_START",
        1105,
        pam(
          "PAM:session_open",
          "pam_selinux,pam_loginuid,pam_keyinit,pam_limits,pam_systemd,pam_unix",
        ),
      ],
      3,
    ],
    [
      () => [
        "USER_END",
        1106,
        pam("PAM:session_close", "pam_loginuid,pam_keyinit,pam_limits,pam_unix"),
      ],
      2,
    ],
    [() => ["CRED_DISP", 1104, pam("PAM:setcred", "pam_permit")], 2],
    [
      () => [
        "USER_AUTH",
        1100,
        `pid=${pid} uid=0 auid=4294967295 ses=4294967295 ${subj}msg='op=${
          rng.pick(["PAM:authentication", "pubkey"])
        } grantors=pam_unix acct="${who.name}" exe="/usr/sbin/sshd" hostname=${ip} addr=${ip} terminal=ssh res=success'`,
      ],
      2,
    ],
    [
      () => [
        "USER_LOGIN",
        1112,
        `pid=${pid} uid=0 auid=${who.uid} ses=${ses} ${subj}msg='op=login id=${who.uid} exe="/usr/sbin/sshd" hostname=${ip} addr=${ip} terminal=/dev/pts/${
          rng.int(0, 6)
        } res=success'`,
      ],
      2,
    ],
    [
      () => [
        "LOGIN",
        1006,
        `pid=${pid} uid=0 old-auid=4294967295 auid=${auid} tty=(none) old-ses=4294967295 ses=${ses} res=1`,
      ],
      2,
    ],
    [
      () => [
        rng.pick(["SERVICE_START", "SERVICE_STOP"]),
        1130,
        `pid=1 uid=0 auid=4294967295 ses=4294967295 ${subj}msg='unit=${
          rng.pick([
            "apt-daily",
            "logrotate",
            "nginx",
            "sysstat-collect",
            "man-db",
            "user@1000",
            "systemd-tmpfiles-clean",
            "certbot",
            "fstrim",
          ])
        } comm="systemd" exe="/usr/lib/systemd/systemd" hostname=? addr=? terminal=? res=success'`,
      ],
      3,
    ],
    [
      () => [
        "CONFIG_CHANGE",
        1305,
        `auid=4294967295 ses=4294967295 op=add_rule key=${
          rng.pick(['"exec"', '"identity"', '"sshd"', "(null)"])
        } list=4 res=1`,
      ],
      1,
    ],
    [
      () => [
        "DAEMON_START",
        1200,
        `op=start ver=${
          rng.pick(["3.0.7", "3.0.9", "2.8.5", "3.1.2"])
        } format=enriched kernel=5.15.0-91-generic auid=4294967295 pid=${pid} uid=0 ses=4294967295 res=success`,
      ],
      1,
    ],
    [
      () => [
        "CWD",
        1307,
        `cwd=${
          auditVal(rng.pick(["/", "/root", `/home/${who.name}`, "/var/www/html", "/srv/app"]))
        }`,
      ],
      2,
    ],
    [
      () => [
        "PATH",
        1302,
        `item=${rng.int(0, 1)} name=${
          auditVal(
            rng.pick([
              "/usr/bin/ls",
              "/usr/bin/python3",
              "/etc/ld.so.cache",
              "/usr/bin/git",
              "/usr/bin/rsync",
            ]),
          )
        } inode=${
          rng.int(1000, 9999999)
        } dev=08:01 mode=0100755 ouid=0 ogid=0 rdev=00:00 nametype=NORMAL cap_fp=0 cap_fi=0 cap_fe=0 cap_fver=0`,
      ],
      2,
    ],
  ])();
  return auditRecord(ctx, host, type, num, body);
}

/** A benign SYSCALL execve record (comm/exe of ordinary programs). */
function syscallBenign(ctx: Ctx): string {
  const { rng } = ctx;
  const [comm, exe, uid] = rng.pick(
    [
      ["ls", "/usr/bin/ls", 1000],
      ["cron", "/usr/sbin/cron", 0],
      ["run-parts", "/usr/bin/run-parts", 0],
      ["logrotate", "/usr/sbin/logrotate", 0],
      ["git", "/usr/bin/git", 1000],
      ["python3", "/usr/bin/python3.11", 1000],
      ["php-fpm8.2", "/usr/sbin/php-fpm8.2", 33],
      ["sh", "/usr/bin/dash", 0],
      ["rsync", "/usr/bin/rsync", 34],
      ["apt-get", "/usr/bin/apt-get", 0],
      ["curl", "/usr/bin/curl", 0],
      ["systemctl", "/usr/bin/systemctl", 0],
      ["node", "/usr/bin/node", 1001],
      ["sshd", "/usr/sbin/sshd", 0],
      ["bash", "/usr/bin/bash", 1000],
      ["sudo", "/usr/bin/sudo", 1000],
    ] as const,
  );
  const u = uid === 1000 ? rng.int(1000, 1040) : uid;
  const pid = rng.int(300, 99999);
  const body = `arch=c000003e syscall=59 success=yes exit=0 a0=${rng.hex(12)} a1=${
    rng.hex(12)
  } a2=${rng.hex(12)} a3=${rng.hex(4)} items=${rng.int(2, 3)} ppid=${
    rng.int(1, pid)
  } pid=${pid} auid=${
    u === 0 ? 4294967295 : u
  } uid=${u} gid=${u} euid=${u} suid=${u} fsuid=${u} egid=${u} sgid=${u} fsgid=${u} tty=${
    rng.pick(["(none)", "pts0", "pts1"])
  } ses=${rng.int(1, 900)} comm="${comm}" exe="${exe}" ${
    rng.chance(0.4) ? "subj=unconfined " : ""
  }key=${rng.pick(['"exec"', '"execve"', '"rootcmd"', "(null)", '"auditcmd"'])}`;
  return auditRecord(
    ctx,
    anyHost(ctx),
    "SYSCALL",
    1300,
    body +
      (rng.chance(0.3)
        ? ` ARCH=x86_64 SYSCALL=execve AUID="${ctx.rng.pick(ctx.sc.users)}" UID="${
          u === 0 ? "root" : ctx.rng.pick(ctx.sc.users)
        }"`
        : ""),
  );
}

/** Benign auditd and command-log templates. */
export const AUDIT_TEMPLATES: Template[] = [
  { family: "auditd", label: "benign", weight: 8, make: auditNoise },
  { family: "auditd", label: "benign", weight: 3, make: syscallBenign },
  {
    family: "shell_cmd",
    label: "benign",
    weight: 10,
    make: (c) =>
      execLine(
        c,
        benignExec(c, c.rng.chance(0.6) ? adminUser(c) : siteUser(c), c.rng.pick(ADMIN_CMDS)),
      ),
  },
  {
    family: "shell_cmd",
    label: "benign",
    weight: 4,
    make: (c) => execLine(c, benignExec(c, adminUser(c), c.rng.pick(SUDO_CMDS)), SUDO_FMTS),
  },
  {
    family: "shell_cmd",
    label: "benign",
    weight: 3,
    make: (c) => {
      const cmd = c.rng.pick([
        "rsync -az --delete /var/www/ backup@{bk}:/srv/backups/{host}/www/",
        "/usr/local/bin/backup.sh",
        "run-parts --report /etc/cron.daily",
        "/usr/sbin/logrotate /etc/logrotate.conf",
        "php -f /var/www/nextcloud/cron.php",
        "/usr/lib/php/sessionclean",
        "/usr/bin/certbot -q renew",
        "debian-sa1 1 1",
        "/usr/bin/mandb --quiet",
        "mysqldump --all-databases --single-transaction | gzip > /var/backups/mysql.sql.gz",
        "scp -i /root/.ssh/backup_key /var/backups/db.sql.gz backup@{bk}:/srv/backups/",
        "/usr/bin/apt-get -qq update",
        "/usr/bin/freshclam --quiet",
      ]);
      const who = c.rng.pick<Who>([{ name: "root", uid: 0 }, { name: "backup", uid: 34 }, {
        name: "www-data",
        uid: 33,
      }]);
      return execLine(c, benignExec(c, who, cmd, false), PROC_FMTS);
    },
  },
  {
    family: "shell_cmd",
    label: "benign",
    weight: 4,
    make: (c) => {
      const who = c.rng.pick<Who>([{ name: "root", uid: 0 }, { name: "root", uid: 0 }, {
        name: "www-data",
        uid: 33,
      }]);
      const cmd = c.rng.pick(CRON_CMDS).trim();
      const sh = /[|;&<>`$]/.test(cmd) ? cmd : `${cmd} > /dev/null 2>&1`;
      return execLine(c, { cmd: sh, who, cwd: who.uid === 0 ? "/root" : "/var/www" }, PROC_FMTS);
    },
  },
];
