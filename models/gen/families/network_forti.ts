/**
 * FortiGate key=value traffic, anomaly and IPS logs and MikroTik RouterOS firewall lines.
 *
 * @module
 */
import type { Ctx, Template } from "../types.ts";
import { bsdTime, hms, ymd } from "../format.ts";
import { ephemeral, insideIp, mac, netAttackerIp } from "./network_common.ts";
import { noisePkt, okPkt, type Pkt, scanPkt } from "./network_pkt.ts";

/** A FortiGate key=value log record. */
function forti(ctx: Ctx, fields: string): string {
  const { rng, now, sc } = ctx;
  const head = `date=${ymd(now)} time=${hms(now)} devname="${
    rng.pick(["FGT60F", "FG100E", sc.hosts.fw, "FGT-" + sc.name.toUpperCase()])
  }" devid="FG${rng.pick(["T60F", "100E", "T40F", "200F"])}TK${rng.int(19, 23)}${
    rng.int(10000, 99999)
  }" eventtime=${now.getTime()}${rng.int(100000, 999999)} tz="${sc.tz}"`;
  const line = `${head} ${fields}`;
  return rng.weighted([[line, 5], [`<${rng.pick([185, 188, 189])}>${line}`, 2], [
    `${bsdTime(now)} ${sc.lan}1 ${line}`,
    2,
  ]]);
}

const SVC: Record<number, string> = {
  443: "HTTPS",
  80: "HTTP",
  53: "DNS",
  22: "SSH",
  23: "TELNET",
  3389: "RDP",
  445: "SMB",
  123: "NTP",
};

function fortiTraffic(ctx: Ctx, p: Pkt, action: string, local: boolean): string {
  const { rng } = ctx;
  const proto = { TCP: 6, UDP: 17, ICMP: 1, ICMPv6: 58, IGMP: 2 }[p.proto];
  const icmp = p.proto === "ICMP" || p.proto === "ICMPv6";
  const svc = icmp ? "PING" : SVC[p.dpt] ?? `${p.proto.toLowerCase()}/${p.dpt}`;
  const ports = icmp
    ? `icmpid=0x${rng.hex(4)} icmptype=0x${p.icmpType.toString(16).padStart(2, "0")} icmpcode=0x00`
    : `srcport=${p.spt}`;
  const deny = action === "deny";
  const bytes = deny
    ? "sentbyte=0 rcvdbyte=0 sentpkt=0 rcvdpkt=0"
    : `duration=${rng.int(1, 600)} sentbyte=${rng.int(60, 90000)} rcvdbyte=${
      rng.int(60, 3000000)
    } sentpkt=${rng.int(1, 90)} rcvdpkt=${rng.int(1, 2000)}`;
  const intf = p.inbound
    ? `srcintf="wan1" srcintfrole="wan" dstintf="${local ? "root" : "internal"}" dstintfrole="${
      local ? "undefined" : "lan"
    }"`
    : `srcintf="internal" srcintfrole="lan" dstintf="wan1" dstintfrole="wan"`;
  return forti(
    ctx,
    `logid="${local ? "0001000014" : "0000000013"}" type="traffic" subtype="${
      local ? "local" : "forward"
    }" level="${
      deny ? "warning" : "notice"
    }" vd="root" srcip=${p.src} ${ports} ${intf} dstip=${p.dst}${
      icmp ? "" : ` dstport=${p.dpt}`
    } srccountry="${
      p.inbound
        ? rng.pick([
          "China",
          "Russian Federation",
          "United States",
          "Netherlands",
          "Brazil",
          "Germany",
        ])
        : "Reserved"
    }" dstcountry="${
      p.inbound ? "Reserved" : rng.pick(["United States", "Ireland", "Germany"])
    }" sessionid=${rng.int(100000, 99999999)} proto=${proto} action="${action}" policyid=${
      deny ? 0 : rng.int(1, 40)
    } policytype="${local ? "local-in-policy" : "policy"}" service="${svc}" trandisp="${
      deny || p.inbound ? "noop" : "snat"
    }" ${bytes}${
      deny
        ? ` appcat="unscanned" crscore=${rng.pick([5, 30])} craction=${
          rng.pick([262144, 131072])
        } crlevel="${rng.pick(["low", "high"])}"`
        : ` appcat="unscanned"`
    }`,
  );
}

function fortiScanEvent(ctx: Ctx): string {
  const { rng } = ctx;
  const src = netAttackerIp(ctx), dst = insideIp(ctx);
  const kind = rng.pick(["tcp_port_scan", "udp_scan", "icmp_sweep", "tcp_port_scan"]);
  if (rng.chance(0.5)) {
    const thr = rng.pick([1000, 500, 100]);
    return forti(
      ctx,
      `logid="0720018432" type="anomaly" subtype="anomaly" level="alert" vd="root" severity="critical" srcip=${src} srccountry="${
        rng.pick(["China", "United States", "Russian Federation", "Netherlands"])
      }" dstip=${dst} srcintf="wan1" srcintfrole="wan" sessionid=0 action="${
        rng.pick(["detected", "clear_session", "dropped"])
      }" proto=${kind === "udp_scan" ? 17 : kind === "icmp_sweep" ? 1 : 6} service="${
        kind === "icmp_sweep" ? "PING" : `tcp/${rng.pick([22, 23, 445, 3389, 8080])}`
      }" count=${rng.int(1, 9000)} attack="${kind}" srcport=${ephemeral(rng)} dstport=${
        rng.pick([22, 23, 445, 3389, 8080, 0])
      } attackid=${
        rng.pick([100663396, 100663402, 100663401])
      } policyid=1 policytype="DoS-policy" ref="http://www.fortinet.com/ids/VID${
        rng.pick([100663396, 100663402])
      }" msg="anomaly: ${kind}, ${thr + rng.int(1, 50)} > threshold ${thr}, repeats ${
        rng.int(1, 9000)
      } times" crscore=50 craction=4096 crlevel="critical"`,
    );
  }
  const sig = rng.pick([
    "Nmap.Script.Scanner",
    "Masscan.Scanner",
    "ZMap.Scanner",
    "Port.Scan.TCP.SYN",
    "SSH.Version.Scan",
    "ZGrab.Scanner",
    "SMB.Enumeration.Attempt",
  ]);
  return forti(
    ctx,
    `logid="0419016384" type="utm" subtype="ips" eventtype="signature" level="alert" vd="root" severity="${
      rng.pick(["low", "medium", "info"])
    }" srcip=${src} srccountry="${
      rng.pick(["China", "United States", "Bulgaria"])
    }" dstip=${dst} srcintf="wan1" srcintfrole="wan" dstintf="internal" dstintfrole="lan" sessionid=${
      rng.int(100000, 9999999)
    } action="${rng.pick(["dropped", "detected", "reset"])}" proto=6 service="${
      rng.pick(["HTTP", "SSH", "SMB", "tcp/8443"])
    }" policyid=${rng.int(1, 30)} attack="${sig}" srcport=${ephemeral(rng)} dstport=${
      rng.pick([80, 22, 445, 8443])
    } direction="outgoing" attackid=${
      rng.int(10000, 60000)
    } profile="default" ref="http://www.fortinet.com/ids/VID${
      rng.int(10000, 60000)
    }" incidentserialno=${rng.int(10000000, 999999999)} msg="${
      rng.pick(["misc", "scanner", "web_misc", "network"])
    }: ${sig},"`,
  );
}

function fortiExfil(ctx: Ctx): string {
  const { rng } = ctx;
  const port = rng.pick([4444, 8443, 9001, 2222, 21, 6666, 1337, 53, 8080]);
  const big = rng.int(800, 12000) * 1048576 + rng.int(0, 1048575);
  return forti(
    ctx,
    `logid="0000000013" type="traffic" subtype="forward" level="notice" vd="root" srcip=${
      insideIp(ctx)
    } srcport=${ephemeral(rng)} srcintf="internal" srcintfrole="lan" dstip=${
      netAttackerIp(ctx)
    } dstport=${port} dstintf="wan1" dstintfrole="wan" dstcountry="${
      rng.pick([
        "Russian Federation",
        "China",
        "Netherlands",
        "Romania",
        "Seychelles",
        "Moldova, Republic of",
      ])
    }" sessionid=${
      rng.int(100000, 99999999)
    } proto=6 action="close" policyid=1 policytype="policy" service="tcp/${port}" trandisp="snat" duration=${
      rng.int(900, 40000)
    } sentbyte=${big} rcvdbyte=${rng.int(2000, 90000)} sentpkt=${Math.floor(big / 1400)} rcvdpkt=${
      rng.int(100, 9000)
    } appcat="unscanned"`,
  );
}

const MT_FLAGS = (p: Pkt) =>
  p.proto === "TCP"
    ? `TCP (${p.flags.join(",") || "NONE"})`
    : p.proto === "ICMP"
    ? `ICMP (type ${p.icmpType}, code ${p.icmpCode})`
    : p.proto === "IGMP"
    ? "2"
    : p.proto;

/** A MikroTik RouterOS firewall log line. */
function mikrotik(ctx: Ctx, p: Pkt, prefix: string): string {
  const { rng, sc } = ctx;
  const chain = p.inbound ? rng.pick(["input", "forward"]) : "forward";
  const inIf = p.inbound
    ? rng.pick(["ether1", "ether1-gateway", "pppoe-out1", "sfp1-wan", "WAN"])
    : rng.pick(["bridge", "bridge-lan", "ether2", "vlan10"]);
  const outIf = chain === "input" ? "(unknown 0)" : p.inbound ? "bridge" : "ether1";
  const ports = p.proto === "TCP" || p.proto === "UDP"
    ? `${p.src}:${p.spt}->${p.dst}:${p.dpt}`
    : `${p.src}->${p.dst}`;
  const state = rng.chance(0.6)
    ? `connection-state:${p.flags.includes("SYN") || p.proto !== "TCP" ? "new" : "invalid"} `
    : "";
  const msg = `${prefix}${chain}: in:${inIf} out:${outIf}, ${state}src-mac ${mac(rng)}, proto ${
    MT_FLAGS(p)
  }, ${ports}, len ${p.len}`;
  const host = rng.pick(["MikroTik", sc.hosts.fw, `${sc.lan}1`]);
  return rng.chance(0.7)
    ? `${bsdTime(ctx.now)} ${host} firewall,info ${msg}`
    : `${hms(ctx.now)} firewall,info ${msg}`;
}

function mikrotikLogin(ctx: Ctx): string {
  const { rng, sc } = ctx;
  const user = rng.pick(["admin", "admin", "root", "user", "test", "support", "ubnt", "manager"]);
  const msg = `login failure for user ${user} from ${netAttackerIp(ctx)} via ${
    rng.pick(["winbox", "ssh", "telnet", "web", "api", "ftp"])
  }`;
  return rng.chance(0.7)
    ? `${bsdTime(ctx.now)} ${rng.pick(["MikroTik", sc.hosts.fw])} system,error,critical ${msg}`
    : `${hms(ctx.now)} system,error,critical ${msg}`;
}

/** FortiGate and MikroTik templates. */
export const TEMPLATES: Template[] = [
  {
    family: "fortigate",
    label: "recon_scan",
    weight: 1.5,
    make: (ctx) => fortiTraffic(ctx, scanPkt(ctx), "deny", ctx.rng.chance(0.5)),
  },
  { family: "fortigate", label: "recon_scan", weight: 1, make: fortiScanEvent },
  {
    family: "fortigate",
    label: "benign",
    weight: 2,
    make: (ctx) =>
      fortiTraffic(
        ctx,
        okPkt(ctx),
        ctx.rng.pick(["close", "accept", "timeout", "server-rst", "client-rst"]),
        false,
      ),
  },
  {
    family: "fortigate",
    label: "benign",
    weight: 0.7,
    make: (ctx) => fortiTraffic(ctx, noisePkt(ctx), "deny", true),
  },
  { family: "fortigate", label: "exfiltration", weight: 1, make: fortiExfil },
  {
    family: "mikrotik",
    label: "recon_scan",
    weight: 1.5,
    make: (ctx) =>
      mikrotik(
        ctx,
        scanPkt(ctx),
        ctx.rng.pick(["drop-wan ", "PORTSCAN ", "DROP ", "", "input-drop ", "port scanners "]),
      ),
  },
  {
    family: "mikrotik",
    label: "benign",
    weight: 1.2,
    make: (ctx) =>
      mikrotik(
        ctx,
        ctx.rng.chance(0.5) ? noisePkt(ctx) : okPkt(ctx),
        ctx.rng.pick(["", "lan-drop ", "accept ", "fwd "]),
      ),
  },
  { family: "mikrotik", label: "credential_access", weight: 0.8, make: mikrotikLogin },
];
