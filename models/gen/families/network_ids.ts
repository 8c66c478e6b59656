/**
 * Suricata and Snort alerts: fast.log, syslog alert output and eve.json alert records.
 *
 * @module
 */
import type { Ctx, Label, Template } from "../types.ts";
import { hms, syslog, ymd } from "../format.ts";
import { BENIGN_PATHS, BROWSER_UAS } from "../pools.ts";
import { ephemeral, insideIp, netAttackerIp } from "./network_common.ts";
import { CLASS_PRIO, type Sig, SIGS } from "./network_ids_sigs.ts";

const p2 = (n: number) => String(n).padStart(2, "0");
const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** Suricata's eve timestamp: "2023-12-14T10:12:33.123456+0000". */
export function eveTime(ctx: Ctx): string {
  return `${ymd(ctx.now)}T${hms(ctx.now)}.${p2(ctx.now.getUTCMilliseconds() % 100)}${
    ctx.rng.int(0, 9999).toString().padStart(4, "0")
  }${ctx.sc.tz}`;
}

/** fast.log time: "12/14/2023-10:12:33.123456" (Snort drops the year). */
function fastTime(ctx: Ctx, year: boolean): string {
  const d = ctx.now;
  const us = String(d.getUTCMilliseconds() * 1000 + ctx.rng.int(0, 999)).padStart(6, "0");
  return `${p2(d.getUTCMonth() + 1)}/${p2(d.getUTCDate())}${year ? "/" + d.getUTCFullYear() : ""}-${
    hms(d)
  }.${us}`;
}

interface Hit {
  sig: Sig;
  src: string;
  sp: number;
  dst: string;
  dp: number;
  rev: number;
}

function hitFor(ctx: Ctx, sig: Sig): Hit {
  const { rng } = ctx;
  const bad = sig.label !== "benign";
  const ext = bad ? netAttackerIp(ctx) : rng.publicIp();
  const port = rng.pick(sig.ports);
  const rev = rng.int(1, 24);
  if (sig.proto === "ICMP") {
    const [a, b] = sig.dir === "in" ? [ext, insideIp(ctx)] : [insideIp(ctx), ext];
    return { sig, src: a, sp: sig.dir === "resp" ? 3 : 8, dst: b, dp: 0, rev };
  }
  switch (sig.dir) {
    case "in":
      return { sig, src: ext, sp: ephemeral(rng), dst: insideIp(ctx), dp: port, rev };
    case "out":
      return {
        sig,
        src: insideIp(ctx),
        sp: ephemeral(rng),
        dst: port === 53 ? rng.pick(["8.8.8.8", "1.1.1.1", ctx.sc.lan + "1", "9.9.9.9"]) : ext,
        dp: port,
        rev,
      };
    default:
      return { sig, src: ext, sp: port, dst: insideIp(ctx), dp: ephemeral(rng), rev };
  }
}

function pickSig(ctx: Ctx, label: Label): Sig {
  return ctx.rng.pick(SIGS.filter((s) => s.label === label));
}

/** One alert in fast.log form (Suricata, Snort 2, Snort 3) or syslog alert output. */
function fastLine(ctx: Ctx, label: Label): string {
  const { rng, sc } = ctx;
  const h = hitFor(ctx, pickSig(ctx, label));
  const prio = CLASS_PRIO[h.sig.cls] ?? 2;
  const ends = `{${h.sig.proto}} ${h.src}:${h.sp} -> ${h.dst}:${h.dp}`;
  const tag = `[1:${h.sig.sid}:${h.rev}]`;
  const cls = `[Classification: ${h.sig.cls}] [Priority: ${prio}]`;
  const style = rng.weighted([["suri", 6], ["snort", 2], ["snort3", 1], ["syslog", 2]]);
  switch (style) {
    case "suri": {
      const action = rng.weighted([["", 8], ["[Drop] ", 1], ["[wDrop] ", 1]]);
      return `${fastTime(ctx, true)}  ${action}[**] ${tag} ${h.sig.msg} [**] ${cls} ${ends}`;
    }
    case "snort":
      return `${fastTime(ctx, false)}  [**] ${tag} ${h.sig.msg} [**] ${cls} ${ends}`;
    case "snort3":
      return `${fastTime(ctx, false)} [**] ${tag} "${h.sig.msg}" [**] ${cls} ${ends}`;
    default:
      return syslog(
        ctx,
        rng.pick([sc.hosts.fw, sc.hosts.monitor, "ids", "suricata"]),
        rng.pick(["suricata", "snort"]),
        rng.int(500, 90000),
        `${tag} ${h.sig.msg} ${cls} ${ends}`,
        "local0",
      );
  }
}

const SCAN_UA: Partial<Record<Label, string[]>> = {
  recon_scan: [
    "Mozilla/5.0 (compatible; Nmap Scripting Engine; https://nmap.org/book/nse.html)",
    "masscan/1.3 (https://github.com/robertdavidgraham/masscan)",
    "Mozilla/5.0 zgrab/0.x",
  ],
  web_scan: [
    "Mozilla/5.00 (Nikto/2.1.6) (Evasions:None) (Test:000578)",
    "WPScan v3.8.24 (https://wpscan.com/wordpress-security-scanner)",
    "gobuster/3.6",
    "Fuzz Faster U Fool v2.1.0-dev",
    "Mozilla/5.0 (compatible; Nuclei - Open-source project (github.com/projectdiscovery/nuclei))",
    "DirBuster-1.0-RC1 (http://www.owasp.org/index.php/Category:OWASP_DirBuster_Project)",
  ],
  web_exploit: [
    "sqlmap/1.7.11#stable (https://sqlmap.org)",
    "python-requests/2.31.0",
    "curl/7.88.1",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/114.0.0.0 Safari/537.36",
    "() { :; }; /bin/bash -c 'id'",
  ],
  command_and_control: [
    "Wget/1.21.2",
    "curl/7.81.0",
    "Mozilla/5.0 (compatible; MSIE 9.0; Windows NT 6.1; WOW64; Trident/5.0)",
    "python-requests/2.28.1",
  ],
  exfiltration: ["curl/8.4.0", "rclone/v1.64.2", "python-requests/2.31.0"],
  benign: [
    "Debian APT-HTTP/1.3 (2.6.1)",
    "Microsoft-CryptoAPI/10.0",
    "Python-urllib/3.10",
    "Dropbox/189.4.8395",
  ],
};

function community(ctx: Ctx): string {
  return `1:${ctx.rng.chars(27, B64)}=`;
}

/** The common head of an eve record, in Suricata's key order. */
export function head(
  ctx: Ctx,
  type: string,
  src: string,
  sp: number,
  dst: string,
  dp: number,
  proto: string,
) {
  const { rng } = ctx;
  return {
    timestamp: eveTime(ctx),
    flow_id: rng.int(1, 2 ** 31) * 1000000 + rng.int(0, 999999),
    in_iface: rng.pick(["eth0", "eth1", "ens192", "enp1s0", "igb1", "em0", "br0"]),
    event_type: type,
    ...(rng.chance(0.2) ? { vlan: [rng.int(1, 400)] } : {}),
    src_ip: src,
    src_port: sp,
    dest_ip: dst,
    dest_port: dp,
    proto,
    ...(rng.chance(0.5) ? { pkt_src: "wire/pcap" } : {}),
    ...(rng.chance(0.6) ? { community_id: community(ctx) } : {}),
  };
}

/** An eve.json alert record. */
function eveAlert(ctx: Ctx, label: Label): string {
  const { rng, sc } = ctx;
  const h = hitFor(ctx, pickSig(ctx, label));
  const prio = CLASS_PRIO[h.sig.cls] ?? 2;
  const rec: Record<string, unknown> = head(ctx, "alert", h.src, h.sp, h.dst, h.dp, h.sig.proto);
  if (h.sig.proto === "ICMP") Object.assign(rec, { icmp_type: h.sp, icmp_code: 0 });
  rec.alert = {
    action: rng.chance(0.85) ? "allowed" : "blocked",
    gid: 1,
    signature_id: h.sig.sid,
    rev: h.rev,
    signature: h.sig.msg,
    category: h.sig.cls,
    severity: prio,
    ...(rng.chance(0.4)
      ? {
        metadata: {
          created_at: [`20${rng.int(10, 23)}_${p2(rng.int(1, 12))}_${p2(rng.int(1, 28))}`],
          signature_severity: [prio === 1 ? "Major" : "Minor"],
          updated_at: [`2024_${p2(rng.int(1, 12))}_${p2(rng.int(1, 28))}`],
        },
      }
      : {}),
  };
  const web = h.sig.urls ||
    (h.sig.proto === "TCP" && [80, 8080, 8000].includes(h.dp) && rng.chance(0.5));
  if (web) {
    rec.http = {
      hostname: h.sig.dir === "in"
        ? rng.pick([`${sc.hosts.web}.${sc.publicDomain}`, sc.publicDomain, h.dst])
        : rng.pick([h.dst, "transfer.sh", "pastebin.com", `cdn.${rng.alnum(6).toLowerCase()}.com`]),
      url: h.sig.urls ? rng.pick(h.sig.urls) : rng.pick(BENIGN_PATHS),
      http_user_agent: rng.pick(SCAN_UA[label] ?? BROWSER_UAS),
      http_method: rng.pick(["GET", "GET", "POST", "HEAD"]),
      protocol: "HTTP/1.1",
      status: rng.pick([200, 301, 403, 404, 500]),
      length: rng.int(0, 40000),
    };
    rec.app_proto = "http";
  } else if (h.dp === 53) rec.app_proto = "dns";
  else if (h.dp === 443 || h.sp === 443) rec.app_proto = rng.pick(["tls", "failed"]);
  rec.direction = h.sig.dir === "resp" ? "to_client" : "to_server";
  rec.flow = {
    pkts_toserver: rng.int(1, 40),
    pkts_toclient: rng.int(0, 40),
    bytes_toserver: rng.int(60, 9000),
    bytes_toclient: rng.int(0, 90000),
    start: eveTime(ctx),
  };
  return JSON.stringify(rec);
}

const ALERT_LABELS: [Label, number][] = [
  ["recon_scan", 3],
  ["web_scan", 1.5],
  ["web_exploit", 1.5],
  ["credential_access", 1.2],
  ["command_and_control", 2.5],
  ["exfiltration", 2],
  ["benign", 1],
];

/** IDS templates. */
export const TEMPLATES: Template[] = [
  ...ALERT_LABELS.map(([label, w]): Template => ({
    family: "suricata_fast",
    label,
    weight: w,
    make: (ctx) => fastLine(ctx, label),
  })),
  ...ALERT_LABELS.map(([label, w]): Template => ({
    family: "suricata_eve",
    label,
    weight: w * 0.8,
    make: (ctx) => eveAlert(ctx, label),
  })),
];
