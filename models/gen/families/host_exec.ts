/**
 * Shell-command log renderers for the host families: auditd EXECVE/PROCTITLE/USER_CMD, snoopy,
 * bash history forwarders, sudo and Sysmon for Linux.
 *
 * @module
 */
import type { Ctx } from "../types.ts";
import { hms, isoTime, syslog, ymd } from "../format.ts";
import { anyHost, auditStamp, auditVal, cwdOf, hostLanIp, hx, type Who } from "./host_common.ts";

const SBIN = new Set([
  "useradd",
  "usermod",
  "userdel",
  "groupadd",
  "iptables",
  "ip",
  "sshd",
  "tcpdump",
  "unix_chkpwd",
  "visudo",
  "chpasswd",
  "unshadow",
  "logrotate",
  "service",
  "cron",
  "rsyslogd",
  "nft",
  "ss",
  "ifconfig",
  "reboot",
  "shutdown",
]);

/** The executable path of a command word, as exe= / filename: fields show it. */
export function exePath(word: string): string {
  if (word.startsWith("/")) return word;
  if (word.startsWith("./")) return "/tmp/" + word.slice(2);
  return (SBIN.has(word) ? "/usr/sbin/" : "/usr/bin/") + word;
}

/** Splits a simple command line into argv (single and double quotes group words). */
export function argvOf(cmd: string): string[] {
  const out: string[] = [];
  let cur = "", q = "", any = false;
  for (const c of cmd) {
    if (q) {
      if (c === q) q = "";
      else cur += c;
    } else if (c === "'" || c === '"') {
      q = c;
      any = true;
    } else if (c === " ") {
      if (cur || any) out.push(cur);
      cur = "";
      any = false;
    } else cur += c;
  }
  if (cur || any) out.push(cur);
  return out;
}

/** True when the line needs a shell (pipes, redirections, lists, substitutions). */
function needsShell(cmd: string): boolean {
  return /[|;&<>`$]|\(\)/.test(cmd);
}

/**
 * The simple command of a pipeline or list that talks to the network, with its redirections
 * removed: what auditd and snoopy record when a shell runs each part as its own process.
 * Empty when no part names a host or URL (the whole line is then logged as `sh -c`).
 */
function mainSegment(cmd: string): string {
  if (/['"]/.test(cmd)) return "";
  const parts = cmd.split(/\s*(?:\|\||&&|\||;|(?<![<>])&(?!>))\s*/)
    .map((s) => s.replace(/\d?>>?&?\s*\S+|<\s*\S+/g, "").trim())
    .filter((s) =>
      s && !s.includes("$") && /\d+\.\d+\.\d+\.\d+|:\/\/|@[\w.-]+:|\w\.\w+\.\w/.test(s)
    );
  return parts.reduce((a, b) => (b.length > a.length ? b : a), "");
}

/** How a command reaches the log. */
export type ExecFmt =
  | "execve"
  | "proctitle"
  | "snoopy"
  | "history"
  | "logger"
  | "sysmon"
  | "sudo"
  | "usercmd";

/** One command run by someone on a host. */
export interface Exec {
  cmd: string;
  who: Who;
  host?: string;
  cwd?: string;
  /** Remote peer of the session (for snoopy's ssh field); omitted for cron and service processes. */
  peer?: string;
  /** Parent image for Sysmon (bash by default). */
  parent?: string;
}

const DEFAULT_FMTS: readonly (readonly [ExecFmt, number])[] = [
  ["execve", 5],
  ["proctitle", 2],
  ["snoopy", 3],
  ["history", 3],
  ["logger", 2],
  ["sysmon", 1],
];

/** Wraps an auditd record as auditd, a remote forwarder or the kernel printk would write it. */
export function auditRecord(
  ctx: Ctx,
  host: string,
  type: string,
  num: number,
  body: string,
): string {
  const { rng } = ctx;
  const st = auditStamp(ctx);
  return rng.weighted<() => string>([
    [() => `type=${type} msg=${st}: ${body}`, 6],
    [() => `node=${host} type=${type} msg=${st}: ${body}`, 2],
    [
      () =>
        syslog(
          ctx,
          host,
          rng.pick(["audisp-syslog", "audispd", "audit"]),
          rng.int(300, 9000),
          `type=${type} msg=${st}: ${body}`,
          "local0",
        ),
      2,
    ],
    [() => syslog(ctx, host, "kernel", null, `audit: type=${num} ${st}: ${body}`, "kern"), 1],
  ])();
}

function execveBody(argv: string[]): string {
  const parts = argv.map((a, i) => `a${i}=${auditVal(a)}`);
  return `argc=${argv.length} ${parts.join(" ")}`;
}

function snoopyLine(ctx: Ctx, e: Exec, host: string, argvText: string, file: string): string {
  const { rng } = ctx;
  const tty = e.peer ? `/dev/pts/${rng.int(0, 6)}` : "(none)";
  const sid = rng.int(800, 90000);
  const cwd = e.cwd ?? cwdOf(ctx, e.who);
  const u = `${e.who.name}(${e.who.uid})`;
  const ssh = e.peer
    ? `(${e.peer} ${rng.int(32768, 64000)} ${hostLanIp(ctx)} 22)`
    : "((undefined))";
  const login = e.peer ? e.who.name : "(unknown)";
  const hdr = rng.weighted<string>([
    [
      `[login:${login} ssh:${ssh} sid:${sid} tty:${tty} (${e.who.uid}/${e.who.name}) uid:${u}/${u} cwd:${cwd}]`,
      4,
    ],
    [`[uid:${e.who.uid} sid:${sid} tty:${tty} cwd:${cwd} filename:${file}]`, 3],
    [
      `[login:${login} username:${e.who.name} uid:${e.who.uid} group:${e.who.name} gid:${e.who.uid} sid:${sid} tty:${tty} cwd:${cwd} filename:${file}]`,
      2,
    ],
  ]);
  return syslog(ctx, host, "snoopy", rng.int(1000, 99999), `${hdr}: ${argvText}`, "authpriv");
}

function sysmonLine(ctx: Ctx, e: Exec, host: string, image: string): string {
  const { rng, now } = ctx;
  const guid = () => `{${rng.hex(8)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(12)}}`;
  const esc = (s: string) =>
    s.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll(
      '"',
      "&quot;",
    );
  const t = `${ymd(now)} ${hms(now)}.${String(now.getUTCMilliseconds()).padStart(3, "0")}`;
  const parent = e.parent ??
    rng.pick(["/usr/bin/bash", "/bin/sh", "/usr/bin/dash", "/usr/bin/zsh"]);
  const d = (n: string, v: string | number) => `<Data Name="${n}">${v}</Data>`;
  const data = [
    d("RuleName", "-"),
    d("UtcTime", t),
    d("ProcessGuid", guid()),
    d("ProcessId", rng.int(1000, 99999)),
    d("Image", image),
    d("FileVersion", "-"),
    d("Description", "-"),
    d("Product", "-"),
    d("Company", "-"),
    d("OriginalFileName", "-"),
    d("CommandLine", esc(e.cmd)),
    d("CurrentDirectory", e.cwd ?? cwdOf(ctx, e.who)),
    d("User", e.who.name),
    d("LogonGuid", guid()),
    d("LogonId", e.who.uid),
    d("TerminalSessionId", rng.int(1, 900)),
    d("IntegrityLevel", "no level"),
    d("Hashes", "-"),
    d("ParentProcessGuid", guid()),
    d("ParentProcessId", rng.int(900, 99999)),
    d("ParentImage", parent),
    d("ParentCommandLine", parent.split("/").pop()!),
    d("ParentUser", e.who.name),
  ].join("");
  const ev =
    `<Event><System><Provider Name="Linux-Sysmon" Guid="{ff032593-a8d3-4f13-b0d6-01fc615a0f97}"/><EventID>1</EventID><Version>5</Version><Level>4</Level><Task>1</Task><Opcode>0</Opcode><Keywords>0x8000000000000000</Keywords><TimeCreated SystemTime="${
      isoTime(now, "+0000", true).replace("+00:00", "Z")
    }"/><EventRecordID>${
      rng.int(1000, 9999999)
    }</EventRecordID><Correlation/><Execution ProcessID="${rng.int(500, 3000)}" ThreadID="${
      rng.int(500, 3000)
    }"/><Channel>Linux-Sysmon/Operational</Channel><Computer>${host}</Computer><Security UserId="0"/></System><EventData>${data}</EventData></Event>`;
  return syslog(ctx, host, "sysmon", rng.int(500, 3000), ev, "user");
}

/**
 * One command line in one of the formats hosts record commands in.
 * Pipelines and redirections reach auditd/snoopy as `sh -c` (cron, webshells, scripts) or as typed history.
 */
export function execLine(
  ctx: Ctx,
  e: Exec,
  fmts: readonly (readonly [ExecFmt, number])[] = DEFAULT_FMTS,
): string {
  const { rng } = ctx;
  const host = e.host ?? anyHost(ctx);
  const fmt = rng.weighted(fmts);
  const shell = needsShell(e.cmd);
  const seg = shell && !/\/dev\/(tcp|udp)|<<|\$\(/.test(e.cmd) && rng.chance(0.5)
    ? mainSegment(e.cmd)
    : "";
  const argv = seg
    ? argvOf(seg)
    : shell
    ? [rng.pick(["/bin/sh", "sh", "bash", "/bin/bash"]), "-c", e.cmd]
    : argvOf(e.cmd).filter((_a, i, xs) => !xs.slice(0, i + 1).every((x) => /^[A-Z_]+=/.test(x)));
  const image = exePath(argv[0]);
  const cwd = e.cwd ?? cwdOf(ctx, e.who);
  const tty = e.peer ? `pts${rng.int(0, 6)}` : "(none)";
  switch (fmt) {
    case "execve":
      return auditRecord(ctx, host, "EXECVE", 1309, execveBody(argv));
    case "proctitle":
      return auditRecord(
        ctx,
        host,
        "PROCTITLE",
        1327,
        `proctitle=${argv.length > 1 ? hx(argv.join("\0")) : auditVal(argv[0])}`,
      );
    case "snoopy":
      return snoopyLine(ctx, { ...e, cwd }, host, argv.join(" "), image);
    case "history": {
      const pid = rng.int(1000, 99999);
      return rng.weighted<() => string>([
        [
          () =>
            syslog(
              ctx,
              host,
              rng.pick(["bash", "-bash"]),
              pid,
              `HISTORY: PID=${pid} UID=${e.who.uid} ${e.cmd}`,
              "user",
            ),
          3,
        ],
        [
          () =>
            syslog(
              ctx,
              host,
              "-bash",
              null,
              `HISTORY: PID=${pid} PPID=${rng.int(900, pid)} SID=${
                rng.int(900, pid)
              }  User=${e.who.name} USER=${e.who.name} CMD=${e.cmd}`,
              "local6",
            ),
          1,
        ],
        [
          () =>
            syslog(
              ctx,
              host,
              rng.pick(["-bash", "bash"]),
              null,
              `user ${e.who.name}: ${e.cmd}`,
              "user",
            ),
          1,
        ],
      ])();
    }
    case "logger": {
      const pid = rng.int(1000, 99999);
      return rng.weighted<() => string>([
        [
          () =>
            syslog(
              ctx,
              host,
              e.who.name,
              null,
              `${e.who.name} [${pid}]: ${e.cmd} [${rng.pick([0, 0, 0, 1, 127])}]`,
              "local6",
            ),
          2,
        ],
        [
          () =>
            syslog(
              ctx,
              host,
              "bash_history",
              null,
              `user=${e.who.name} pid=${pid} pwd=${cwd} tty=${tty} cmd=${e.cmd}`,
              "local6",
            ),
          1,
        ],
        [
          () =>
            syslog(
              ctx,
              host,
              e.who.name,
              null,
              `${e.who.name} ${tty}:[${cwd}]: ${e.cmd}`,
              "local6",
            ),
          1,
        ],
      ])();
    }
    case "sysmon":
      return sysmonLine(ctx, { ...e, cwd }, host, image);
    case "sudo": {
      const fullArgv = argvOf(e.cmd);
      const full = [exePath(fullArgv[0]), ...fullArgv.slice(1)].join(" ");
      return syslog(
        ctx,
        host,
        "sudo",
        null,
        `${rng.pick(["", "   ", "    "])}${e.who.name} : TTY=${
          e.peer ? `pts/${rng.int(0, 6)}` : "unknown"
        } ; PWD=${cwd} ; USER=root ; COMMAND=${full}`,
        "authpriv",
      );
    }
    case "usercmd": {
      const body = `pid=${rng.int(1000, 99999)} uid=${e.who.uid} auid=${e.who.uid} ses=${
        rng.int(1, 400)
      } ${rng.chance(0.5) ? "subj=unconfined " : ""}msg='cwd="${cwd}" cmd=${
        auditVal(e.cmd)
      } exe="/usr/bin/sudo" terminal=${e.peer ? `pts/${rng.int(0, 6)}` : "?"} res=success'`;
      return auditRecord(
        ctx,
        host,
        "USER_CMD",
        1123,
        body +
          (rng.chance(0.4) ? ` UID="${e.who.name}" AUID="${e.who.name}"` : ""),
      );
    }
  }
}

/** Formats for commands run through sudo. */
export const SUDO_FMTS: readonly (readonly [ExecFmt, number])[] = [
  ["sudo", 4],
  ["usercmd", 3],
  ["execve", 2],
  ["snoopy", 1],
  ["history", 1],
];

/** Formats for non-interactive processes (cron jobs, webshells, services): no typed history. */
export const PROC_FMTS: readonly (readonly [ExecFmt, number])[] = [
  ["execve", 5],
  ["proctitle", 2],
  ["snoopy", 3],
  ["sysmon", 1],
];
