/**
 * su, pkexec/polkit, cron sessions and console logins: routine use versus escalation from service
 * accounts.
 *
 * @module
 */
import type { Template } from "../types.ts";
import { syslog } from "../format.ts";
import { authPid, humanUid, siteUser, tpl } from "./auth_common.ts";
import { admin, EVIL_PWD, privHost, svc, tty } from "./auth_priv_common.ts";

const BENIGN: Template[] = [
  tpl("systemd-logind", "benign", 4, (c) => {
    const n = c.rng.int(1, 9000);
    const u = siteUser(c);
    const msg = c.rng.weighted([
      [`New session ${n} of user ${u}.`, 4],
      [`Session ${n} logged out. Waiting for processes to exit.`, 3],
      [`Removed session ${n}.`, 3],
      [`New session c${c.rng.int(1, 50)} of user ${c.rng.pick(["gdm", "lightdm", u])}.`, 1],
    ]);
    return syslog(c, privHost(c), "systemd-logind", authPid(c), msg, "auth");
  }),
  tpl("su", "benign", 3, (c) => {
    const u = admin(c), t = tty(c);
    const app = c.rng.pick(["su", "su-l"]);
    return syslog(
      c,
      privHost(c),
      "su",
      authPid(c),
      c.rng.weighted([
        [`(to root) ${u} on ${t}`, 2],
        [`Successful su for root by ${u}`, 1],
        [`+ ${t} ${u}:root`, 1],
        [
          `pam_unix(${app}:session): session opened for user root${
            c.rng.chance(0.6) ? "(uid=0)" : ""
          } by ${u}(uid=${humanUid(c)})`,
          3,
        ],
        [`pam_unix(${app}:session): session closed for user root`, 2],
      ]),
      "authpriv",
    );
  }),
  tpl("cron", "benign", 4, (c) => {
    const u = c.rng.weighted([["root", 6], [c.rng.pick(["www-data", "backup", "postgres"]), 1], [
      siteUser(c),
      1,
    ]]);
    const uid = u === "root" ? "(uid=0)" : `(uid=${humanUid(c)})`;
    const msg = c.rng.chance(0.5)
      ? `pam_unix(cron:session): session opened for user ${u}${c.rng.chance(0.6) ? uid : ""} by ${
        c.rng.chance(0.7) ? "(uid=0)" : ""
      }`
      : `pam_unix(cron:session): session closed for user ${u}`;
    return syslog(c, privHost(c), c.rng.pick(["CRON", "crond"]), authPid(c), msg.trimEnd(), "cron");
  }),
  tpl("login", "benign", 2, (c) => {
    const u = siteUser(c);
    return c.rng.weighted([
      [
        () =>
          syslog(
            c,
            privHost(c),
            "gdm-password]",
            null,
            `pam_unix(gdm-password:auth): authentication failure; logname= uid=0 euid=0 tty=/dev/tty1 ruser= rhost=  user=${u}`,
            "authpriv",
          ),
        2,
      ],
      [
        () =>
          syslog(
            c,
            privHost(c),
            "login",
            authPid(c),
            `FAILED LOGIN (1) on '/dev/tty${c.rng.int(1, 6)}' FOR '${u}', Authentication failure`,
            "authpriv",
          ),
        1,
      ],
      [
        () =>
          syslog(
            c,
            privHost(c),
            "lightdm",
            authPid(c),
            `pam_unix(lightdm:auth): authentication failure; logname= uid=0 euid=0 tty=:0 ruser= rhost=  user=${u}`,
            "authpriv",
          ),
        1,
      ],
      [
        () =>
          syslog(
            c,
            privHost(c),
            "login",
            authPid(c),
            `pam_unix(login:session): session opened for user ${u}(uid=${
              humanUid(c)
            }) by LOGIN(uid=0)`,
            "authpriv",
          ),
        1,
      ],
    ])();
  }),
  tpl("polkitd", "benign", 2, (c) => {
    const u = siteUser(c);
    return c.rng.weighted([
      [
        () =>
          syslog(
            c,
            privHost(c),
            "polkitd",
            authPid(c),
            `Registered Authentication Agent for unix-session:${
              c.rng.int(1, 40)
            } (system bus name :1.${
              c.rng.int(20, 900)
            } [/usr/bin/gnome-shell], object path /org/freedesktop/PolicyKit1/AuthenticationAgent, locale en_US.UTF-8)`,
            "authpriv",
          ),
        2,
      ],
      [
        () =>
          syslog(
            c,
            privHost(c),
            "pkexec",
            authPid(c),
            `pam_unix(polkit-1:session): session opened for user root(uid=0) by ${u}(uid=${
              humanUid(c)
            })`,
            "authpriv",
          ),
        1,
      ],
      [
        () =>
          syslog(
            c,
            privHost(c),
            "pkexec",
            authPid(c),
            `${u}: Executing command [USER=root] [TTY=unknown] [CWD=/home/${u}] [COMMAND=/usr/lib/update-notifier/package-system-locked]`,
            "authpriv",
          ),
        1,
      ],
    ])();
  }),
];

const PRIVESC: Template[] = [
  tpl("su", "privilege_escalation", 6, (c) => {
    const [u, uid] = svc(c);
    const target = c.rng.chance(0.6) ? "root" : c.rng.pick(c.sc.users);
    const t = c.rng.pick(["none", "pts/0", "pts/1", "unknown"]);
    const app = c.rng.pick(["su", "su-l"]);
    const msg = c.rng.weighted([
      [`(to ${target}) ${u} on ${t}`, 3],
      [`FAILED su for ${target} by ${u}`, 2],
      [`FAILED SU (to ${target}) ${u} on ${t}`, 1],
      [`- ${t} ${u}:${target}`, 1],
      [`+ ${t} ${u}:${target}`, 1],
      [`Successful su for ${target} by ${u}`, 1],
      [
        `pam_unix(${app}:session): session opened for user ${target}${
          target === "root" ? "(uid=0)" : `(uid=${humanUid(c)})`
        } by (uid=${uid})`,
        3,
      ],
      [
        `pam_unix(${app}:auth): authentication failure; logname= uid=${uid} euid=0 tty=${
          t === "none" ? "" : "/dev/" + t
        } ruser=${u} rhost=  user=${target}`,
        2,
      ],
      [`pam_authenticate: Authentication failure`, 0.5],
    ]);
    return syslog(c, privHost(c), "su", authPid(c), msg, "authpriv");
  }),
  tpl("pkexec", "privilege_escalation", 3, (c) => {
    const u = c.rng.chance(0.5) ? svc(c)[0] : c.rng.pick(c.sc.users);
    const cwd = c.rng.pick(EVIL_PWD);
    const gconv = c.rng.pick(["GCONV_PATH=./pwnkit.so:.", "GCONV_PATH=.", "GCONV_PATH=./lol"]);
    const msg = c.rng.weighted([
      [
        `${u}: The value for the SHELL variable was not found the /etc/shells file [USER=root] [TTY=/dev/pts/${
          c.rng.int(0, 5)
        }] [CWD=${cwd}] [COMMAND=${gconv} PATH=GCONV_PATH=. CHARSET=PWNKIT SHELL=${
          c.rng.pick(["pwnkit", "/lol/i/do/not/exists", "xyz"])
        } GIO_USE_VFS=]`,
        4,
      ],
      [
        `${u}: The value for environment variable XAUTHORITY contains suscipious content [USER=root] [TTY=/dev/pts/0] [CWD=${cwd}] [COMMAND=GCONV_PATH=./pwnkit.so:. PATH=GCONV_PATH=. CHARSET=PWNKIT SHELL=pwnkit]`,
        1,
      ],
      [
        `${u}: Executing command [USER=root] [TTY=unknown] [CWD=${cwd}] [COMMAND=${
          c.rng.pick(["/bin/sh", "/bin/bash", "/tmp/.x/payload", "/dev/shm/pwn"])
        }]`,
        2,
      ],
      [`pam_unix(polkit-1:session): session opened for user root(uid=0) by (uid=${svc(c)[1]})`, 1],
    ]);
    return syslog(c, privHost(c), "pkexec", authPid(c), msg, "authpriv");
  }),
  tpl("polkitd", "privilege_escalation", 2, (c) => {
    const name = c.rng.pick([
      "hacker",
      "backdoor",
      "sysupdate",
      "x",
      "toor",
      "lol",
      "pwned",
      "svc_" + c.rng.alnum(4).toLowerCase(),
    ]);
    const bus = `:1.${c.rng.int(100, 9000)}`;
    return c.rng.weighted([
      [
        () =>
          syslog(
            c,
            privHost(c),
            "accounts-daemon",
            authPid(c),
            `request by system-bus-name::${
              bus.slice(1)
            } [dbus-send --system --dest=org.freedesktop.Accounts --type=method_call --print-reply /org/freedesktop/Accounts org.freedesktop.Accounts.CreateUser string:${name} string:"${name}" int32:1 pid:${
              authPid(c)
            } uid:${c.rng.pick([33, 1001, 1002])}]: create user '${name}'`,
            "authpriv",
          ),
        3,
      ],
      [
        () =>
          syslog(
            c,
            privHost(c),
            "accounts-daemon",
            authPid(c),
            `request by system-bus-name::${
              bus.slice(1)
            } [dbus-send --system --dest=org.freedesktop.Accounts --type=method_call --print-reply /org/freedesktop/Accounts/User${
              c.rng.int(1001, 1010)
            } org.freedesktop.Accounts.User.SetPassword string:'$5$${c.rng.alnum(8)}$${
              c.rng.alnum(43)
            }' string:GoldenEye]: set password and hint of user '${name}' (${
              c.rng.int(1001, 1010)
            })`,
            "authpriv",
          ),
        2,
      ],
    ])();
  }),
  tpl("kernel", "privilege_escalation", 1, (c) => {
    const prog = c.rng.pick(["sudoedit", "sudoedit", "pkexec", "sudo"]);
    const ip = "00007f" + c.rng.hex(10), sp = "00007ffd" + c.rng.hex(8);
    const up = (c.rng.int(1000, 9999999) / 1000).toFixed(6);
    return syslog(
      c,
      privHost(c),
      "kernel",
      null,
      `[${up.padStart(12, " ")}] ${prog}[${authPid(c)}]: segfault at ${
        c.rng.hex(12)
      } ip ${ip} sp ${sp} error ${c.rng.pick([4, 6])} in ${
        c.rng.pick(["libc-2.31.so", "libc.so.6", "sudoers.so", "libnss_X.so.2"])
      }[${"7f" + c.rng.hex(10)}+${c.rng.hex(6)}]`,
      "kern",
    );
  }),
];

/** The su/pkexec/polkit/cron/login templates. */
export const SU_TEMPLATES: Template[] = [...BENIGN, ...PRIVESC];
