/**
 * Gap templates: group changes and privilege-escalation traces.
 *
 * @module
 */
import type { Template } from "../types.ts";
import { syslog } from "../format.ts";
import { anyHost, auditStamp, SERVICE_USERS } from "./host_common.ts";
import { gapsPid, journal, svc, tpl } from "./gaps_common.ts";

/** Gap templates: group changes and privilege-escalation traces. */
export const TEMPLATES: Template[] = [
  tpl("usermod", "privilege_escalation", 1.3, (c) => {
    const u = c.rng.pick(SERVICE_USERS)[0],
      g = c.rng.pick(["sudo", "wheel", "docker", "admin", "root", "lxd"]);
    return syslog(
      c,
      anyHost(c),
      c.rng.pick(["usermod", "gpasswd"]),
      gapsPid(c),
      c.rng.pick([
        `add '${u}' to group '${g}'`,
        `add '${u}' to shadow group '${g}'`,
        `user ${u} added by root to group ${g}`,
      ]),
      "authpriv",
    );
  }),
  tpl(
    "kernel",
    "privilege_escalation",
    0.8,
    (c) =>
      syslog(
        c,
        anyHost(c),
        "kernel",
        null,
        `[${c.rng.int(100, 999999)}.${c.rng.int(100000, 999999)}] process '${
          c.rng.pick(["PwnKit", "GCONV_PATH=.", "pwnkit", "exploit"])
        }' launched '/usr/bin/pkexec' with NULL argv: empty string added`,
        "kern",
      ),
  ),
  tpl("journald_json", "privilege_escalation", 1.2, (c) => {
    const [u, uid] = svc(c);
    const m = c.rng.pick([
      `${u} : user NOT in sudoers ; TTY=pts/${
        c.rng.int(0, 4)
      } ; PWD=/tmp ; USER=root ; COMMAND=/bin/bash`,
      `${u} : TTY=pts/${
        c.rng.int(0, 4)
      } ; PWD=/var/www/html ; USER=root ; COMMAND=/bin/sh -c chmod u+s /bin/bash`,
      `pam_unix(su:session): session opened for user root(uid=0) by ${u}(uid=${uid})`,
      `${u} : TTY=unknown ; PWD=/tmp ; USER=root ; COMMAND=/usr/bin/find . -exec /bin/sh -p \\; -quit`,
    ]);
    return journal(
      c,
      anyHost(c),
      m.startsWith("pam") ? "su" : "sudo",
      gapsPid(c),
      m,
      m.includes("NOT") ? 1 : 5,
      { _UID: String(uid) },
    );
  }),
  tpl("auditd", "privilege_escalation", 1, (c) => {
    const [, uid] = svc(c),
      comm = c.rng.pick([
        "exploit",
        "pwn",
        "dirtypipe",
        "cve-2021-4034",
        "sh",
        "bash",
        "a.out",
        "polkit",
      ]);
    return `type=SYSCALL msg=${auditStamp(c)}: arch=c000003e syscall=${
      c.rng.pick([105, 117, 113])
    } success=yes exit=0 a0=0 a1=0 a2=0 a3=0 items=0 ppid=${gapsPid(c)} pid=${
      gapsPid(c)
    } auid=4294967295 uid=${uid} gid=${uid} euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=pts0 ses=4294967295 comm="${comm}" exe="/tmp/${comm}" key="${
      c.rng.pick(["priv_esc", "setuid", "(null)"])
    }"`;
  }),
];
