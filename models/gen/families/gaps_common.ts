/**
 * Shared builders for the gap-filling templates: Zeek notices, journald/auditd records, FTP and
 * firewall lines.
 *
 * @module
 */
import type { Ctx, Template } from "../types.ts";
import { isoTime, syslog } from "../format.ts";
import { auditStamp, auditVal, hostLanIp, SERVICE_USERS } from "./host_common.ts";
import { ephemeral } from "./network_common.ts";

export const ts = (ctx: Ctx) => (ctx.now.getTime() / 1000).toFixed(6);
export const gapsPid = (ctx: Ctx) => ctx.rng.int(300, 65000);
export const tpl = (
  family: string,
  label: Template["label"],
  weight: number,
  make: (c: Ctx) => string,
) => ({ family, label, weight, make });

/** A Zeek notice.log record (TSV or JSON). */
export function notice(
  ctx: Ctx,
  note: string,
  msg: string,
  sub: string,
  src: string,
  dst: string,
  p: number | null,
): string {
  const { rng } = ctx;
  const uid = rng.chance(0.4) ? "C" + rng.alnum(17) : null;
  if (rng.chance(0.45)) {
    const o: Record<string, unknown> = { ts: Number(ts(ctx)) };
    if (uid) o.uid = uid;
    if (p !== null) {
      Object.assign(o, {
        "id.orig_h": src,
        "id.orig_p": ephemeral(rng),
        "id.resp_h": dst,
        "id.resp_p": p,
        proto: "tcp",
      });
    }
    Object.assign(o, {
      note,
      msg,
      sub: sub || undefined,
      src,
      dst,
      p: p ?? undefined,
      actions: ["Notice::ACTION_LOG"],
      email_dest: [],
      suppress_for: 3600.0,
    });
    return JSON.stringify(o);
  }
  const f = [
    ts(ctx),
    uid ?? "-",
    p !== null ? src : "-",
    p !== null ? ephemeral(rng) : "-",
    p !== null ? dst : "-",
    p ?? "-",
    "-",
    "-",
    p !== null ? "tcp" : "-",
    note,
    msg,
    sub || "-",
    src,
    dst || "-",
    p ?? "-",
    "-",
    "Notice::ACTION_LOG",
    "(empty)",
    "3600.000000",
    "-",
    "-",
    "-",
    "-",
    "-",
  ];
  return f.join("\t");
}

/** A journalctl -o json record. */
export function journal(
  ctx: Ctx,
  host: string,
  ident: string,
  p: number,
  msg: string,
  prio: number,
  extra: Record<string, string> = {},
): string {
  const { rng, now } = ctx;
  const us = String(now.getTime() * 1000 + rng.int(0, 999));
  return JSON.stringify({
    __CURSOR: `s=${rng.hex(32)};i=${rng.int(1000, 999999).toString(16)};b=${rng.hex(32)};m=${
      rng.hex(8)
    };t=${rng.hex(13)};x=${rng.hex(16)}`,
    __REALTIME_TIMESTAMP: us,
    __MONOTONIC_TIMESTAMP: String(rng.int(1e7, 9e11)),
    _BOOT_ID: rng.hex(32),
    PRIORITY: String(prio),
    SYSLOG_FACILITY: rng.pick(["4", "10", "3", "9"]),
    SYSLOG_IDENTIFIER: ident,
    _PID: String(p),
    _UID: extra._UID ?? "0",
    _COMM: extra._COMM ?? ident,
    _TRANSPORT: "syslog",
    _HOSTNAME: host,
    _MACHINE_ID: rng.hex(32),
    MESSAGE: msg,
    ...extra,
  });
}

/** One auditd EXECVE record for argv. */
export function execve(ctx: Ctx, argv: string[]): string {
  return `type=EXECVE msg=${auditStamp(ctx)}: argc=${argv.length} ${
    argv.map((a, i) => `a${i}=${auditVal(a)}`).join(" ")
  }`;
}

export const svc = (ctx: Ctx) => ctx.rng.pick(SERVICE_USERS);
export const subnet = (ctx: Ctx) => ctx.rng.pick([ctx.sc.lan, ctx.sc.dmz]) + "0/24";

export function scanCmd(ctx: Ctx): string[] {
  const { rng } = ctx;
  const t = rng.chance(0.5) ? subnet(ctx) : hostLanIp(ctx);
  const ports = rng.pick([
    "22,80,443,445,3389",
    "1-1000",
    "1-65535",
    "21-25,80,139,445",
    "80,443,8080,8443",
  ]);
  return rng.pick([
    () => [
      "nmap",
      rng.pick(["-sS", "-sT", "-sV", "-sn", "-A", "-Pn"]),
      ...(rng.chance(0.5) ? ["-p", ports] : ["-T4"]),
      t,
    ],
    () => ["nmap", "-sn", subnet(ctx), "-oG", rng.pick(["/tmp/hosts.txt", "-", "/dev/shm/.o"])],
    () => ["masscan", t, "-p" + ports, "--rate", String(rng.pick([1000, 10000, 100000]))],
    () => [
      "nc",
      rng.pick(["-zv", "-nvz", "-z", "-zvw1"]),
      hostLanIp(ctx),
      rng.pick(["1-1024", "20-443", "22", "3306"]),
    ],
    () => ["zmap", "-p", String(rng.pick([22, 80, 443, 445, 3389])), t, "-o", "/tmp/z.csv"],
    () => [
      "arp-scan",
      rng.chance(0.5) ? "--localnet" : "-l",
      ...(rng.chance(0.5) ? ["-I", rng.pick(["eth0", "ens18"])] : []),
    ],
    () => ["nbtscan", "-r", subnet(ctx)],
    () => ["enum4linux", rng.pick(["-a", "-U", "-S"]), hostLanIp(ctx)],
    () => [
      "bash",
      "-c",
      `for i in $(seq 1 254); do ping -c1 -W1 ${ctx.sc.lan}$i | grep 'bytes from' & done`,
    ],
    () => ["fping", "-a", "-g", subnet(ctx)],
  ])();
}

/** asctime-style stamp: `Fri May 17 02:14:20 2024`. */
export function ctime(ctx: Ctx): string {
  const [wd, day, mon, year, time] = ctx.now.toUTCString().replace(",", "").split(" ");
  return `${wd} ${mon} ${day.replace(/^0/, " ")} ${time} ${year}`;
}

export const bigSize = (ctx: Ctx) => ctx.rng.int(800_000_000, 48_000_000_000);
export const SENSITIVE = [
  "/srv/ftp/hr/payroll.tar.gz",
  "/backup/db/customers.sql.gz",
  "/home/ftp/exports/crm_full_dump.sql.gz",
  "/srv/ftp/finance/payroll_2024.xlsx.zip",
  "/var/backups/mysql/all-databases.sql.gz",
  "/data/share/customers_export.csv.gz",
  "/srv/ftp/backup/fileserver.tar",
  "/home/shared/hr/employees_ssn.7z",
];
export const OFFICE = [
  "/srv/ftp/pub/menu.pdf",
  "/home/{u}/reports/weekly.xlsx",
  "/srv/ftp/upload/scan_0412.pdf",
  "/home/{u}/notes.txt",
  "/srv/ftp/pub/price_list.docx",
  "/home/{u}/logo.png",
  "/srv/ftp/incoming/invoice_8812.pdf",
];

export function vsftpd(ctx: Ctx, user: string, ip: string, path: string, bytes: number): string {
  const { rng } = ctx;
  const kbs = (rng.int(200, 90000) + rng.next()).toFixed(2);
  const dir = rng.chance(0.8) ? "DOWNLOAD" : "UPLOAD";
  const body = `[pid ${gapsPid(ctx)}] [${user}] OK ${dir}: Client "${
    rng.chance(0.2) ? "::ffff:" : ""
  }${ip}", "${path}", ${bytes} bytes, ${kbs}Kbyte/sec`;
  return rng.chance(0.5)
    ? `${ctime(ctx)} ${body}`
    : syslog(ctx, ctx.sc.hosts.share, "vsftpd", null, body, "ftp");
}

export function xferlog(
  ctx: Ctx,
  ip: string,
  bytes: number,
  path: string,
  user: string,
  secs: number,
): string {
  const real = user !== "anonymous";
  return `${ctime(ctx)} ${secs} ${ip} ${bytes} ${path} b _ ${ctx.rng.pick(["o", "o", "i"])} ${
    real ? "r" : "a"
  } ${real ? user : "guest@"} ftp 0 * c`;
}

export function outPkt(ctx: Ctx, dst: string, dpt: number, proto: "TCP" | "UDP" = "TCP") {
  const { rng } = ctx;
  return {
    v6: false,
    src: hostLanIp(ctx),
    dst,
    proto,
    spt: ephemeral(rng),
    dpt,
    flags: proto === "TCP" ? ["SYN"] : [],
    window: rng.pick([64240, 29200, 65535, 14600]),
    len: rng.pick([60, 52, 44]),
    ttl: rng.pick([63, 64, 127]),
    id: rng.int(0, 65535),
    df: true,
    icmpType: 0,
    icmpCode: 0,
    inbound: false,
  };
}

export function filterlog(ctx: Ctx, dst: string, dpt: number, action: string): string {
  const { rng } = ctx;
  const body = `${rng.int(4, 120)},,,${rng.int(1000000000, 1800000000)},${
    rng.pick(["igb0", "em0", "vtnet0", "ix0"])
  },match,${action},out,4,0x0,,${rng.pick([63, 64, 127])},${rng.int(0, 65535)},0,DF,6,tcp,60,${
    hostLanIp(ctx)
  },${dst},${ephemeral(rng)},${dpt},0,S,${rng.int(1e8, 4e9)},,64240,,mss;sackOK;TS;nop;wscale`;
  return syslog(ctx, ctx.sc.hosts.fw, "filterlog", rng.int(5000, 90000), body, "local0");
}

export function zconn(
  ctx: Ctx,
  resp: string,
  rp: number,
  dur: number,
  ob: number,
  rb: number,
  service = "-",
): string {
  const { rng } = ctx;
  const orig = hostLanIp(ctx), op = ephemeral(rng), uid = "C" + rng.alnum(17);
  if (rng.chance(0.4)) {
    return JSON.stringify({
      ts: Number(ts(ctx)),
      uid,
      "id.orig_h": orig,
      "id.orig_p": op,
      "id.resp_h": resp,
      "id.resp_p": rp,
      proto: "tcp",
      ...(service === "-" ? {} : { service }),
      duration: dur,
      orig_bytes: ob,
      resp_bytes: rb,
      conn_state: "SF",
      local_orig: true,
      local_resp: false,
      missed_bytes: 0,
      history: "ShADadFf",
      orig_pkts: Math.ceil(ob / 1200) + 3,
      orig_ip_bytes: ob + 200,
      resp_pkts: Math.ceil(rb / 1200) + 3,
      resp_ip_bytes: rb + 200,
    });
  }
  return [
    ts(ctx),
    uid,
    orig,
    op,
    resp,
    rp,
    "tcp",
    service,
    dur.toFixed(6),
    ob,
    rb,
    "SF",
    "T",
    "F",
    0,
    "ShADadFf",
    Math.ceil(ob / 1200) + 3,
    ob + 200,
    Math.ceil(rb / 1200) + 3,
    rb + 200,
    "-",
  ].join("\t");
}

export function b32(ctx: Ctx, n: number): string {
  return ctx.rng.chars(n, "abcdefghijklmnopqrstuvwxyz234567");
}

export const AUTHFAIL_APPS = [
  (c: Ctx, u: string, ip: string) =>
    `t=${c.now.toISOString()} lvl=eror msg="Invalid username or password" logger=context userId=0 orgId=0 uname= error="invalid username or password" remote_addr=${ip}`
      .replace("uname=", `uname=${u}`),
  (c: Ctx, u: string, ip: string) =>
    `${isoTime(c.now, c.sc.tz)} {${c.rng.hex(8)}} Login failed: '${u}' (Remote IP: '${ip}')`,
  (c: Ctx, u: string, ip: string) =>
    JSON.stringify({
      reqId: c.rng.alnum(20),
      level: 2,
      time: c.now.toISOString(),
      remoteAddr: ip,
      user: "--",
      app: "core",
      method: "POST",
      url: "/login",
      message: `Login failed: ${u} (Remote IP: ${ip})`,
      userAgent: "Mozilla/5.0",
      version: "28.0.4.1",
    }),
  (c: Ctx, u: string, ip: string) =>
    `${
      isoTime(c.now, c.sc.tz)
    } WARNING hudson.security.AuthenticationProcessingFilter2#unsuccessfulAuthentication: Login attempt failed for ${u} from ${ip}`,
  (c: Ctx, u: string, ip: string) =>
    JSON.stringify({
      severity: "INFO",
      time: c.now.toISOString(),
      correlation_id: c.rng.alnum(26),
      message: "Failed Login",
      username: u,
      ip,
      meta: { caller_id: "SessionsController#create" },
    }),
];

export const C2_PORTS = [4444, 1337, 31337, 5555, 6666, 8081, 4445, 9001, 7777];
export const SHARE_SITES = [
  "gofile.io",
  "store1.gofile.io",
  "mega.nz",
  "g.api.mega.co.nz",
  "transfer.sh",
  "anonfiles.com",
  "file.io",
  "temp.sh",
  "bashupload.com",
  "pixeldrain.com",
  "upload.ee",
];
