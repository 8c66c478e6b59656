/**
 * Linux netfilter LOG lines (iptables, ufw, firewalld, nftables, OpenWrt, Shorewall) written
 * through the kernel log.
 *
 * @module
 */
import type { Ctx, Template } from "../types.ts";
import { syslog } from "../format.ts";
import { mac } from "./network_common.ts";
import { noisePkt, okPkt, type Pkt, scanPkt } from "./network_pkt.ts";

const WAN_IF = [
  "eth0",
  "ens18",
  "enp3s0",
  "ens160",
  "eno1",
  "ens3",
  "enp1s0",
  "vmbr0",
  "ppp0",
  "eth1",
  "wan",
  "enp0s31f6",
];
const LAN_IF = ["eth1", "br0", "br-lan", "ens19", "enp4s0", "eth0", "lan", "wlan0", "docker0"];

const DROP_PREFIXES = [
  "[UFW BLOCK] ",
  "[UFW BLOCK] ",
  "[UFW BLOCK] ",
  "[UFW LIMIT BLOCK] ",
  "IPTables-Dropped: ",
  "DROP: ",
  "iptables denied: ",
  "INPUT DROP: ",
  "[iptables-drop] ",
  "IPT-INPUT-DROP: ",
  "Dropped by firewall: ",
  "FINAL_REJECT: ",
  "IN_public_DROP: ",
  "filter_IN_public_REJECT: ",
  "filter_IN_external_DROP: ",
  "nft drop in: ",
  "[nftables] Inbound Denied: ",
  "nftables-dropped: ",
  "drop wan in: ",
  "reject wan in: ",
  "DROP(src wan)",
  "REJECT(src wan)",
  "Shorewall:net-fw:DROP:",
  "Shorewall:net2all:DROP:",
  "FW-IN-BLOCKED: ",
  "[FW DROP] ",
  "BLOCKED: ",
  "denied-in: ",
  "LOG_DROP ",
];

const ALLOW_PREFIXES = [
  "[UFW ALLOW] ",
  "[UFW ALLOW] ",
  "[UFW AUDIT] ",
  "[UFW AUDIT] ",
  "ACCEPT: ",
  "nft accept: ",
  "[nftables] Outbound Accepted: ",
  "IPTables-Accepted: ",
  "NEW_CONN: ",
  "fw-allow-out: ",
  "SSH-ACCEPT: ",
];

const NOISE_PREFIXES = [
  ...DROP_PREFIXES.slice(0, 20),
  "[UFW AUDIT INVALID] ",
  "[UFW AUDIT] ",
  "IN_public_DROP: ",
];

/** IPv6 in the fully expanded form netfilter prints (%pI6). */
function expand6(ip: string): string {
  const [head, tail = ""] = ip.split("::");
  const h = head ? head.split(":") : [];
  const t = tail ? tail.split(":") : [];
  const groups = ip.includes("::") ? [...h, ...Array(8 - h.length - t.length).fill("0"), ...t] : h;
  return groups.map((g) => g.padStart(4, "0")).join(":");
}

/** The kernel's nf_log body for one packet: IN= OUT= MAC= SRC= DST= ... */
export function nfBody(ctx: Ctx, p: Pkt): string {
  const { rng } = ctx;
  const wan = rng.pick(WAN_IF), lan = rng.pick(LAN_IF);
  let iface: string;
  if (p.inbound) iface = `IN=${wan} OUT=`;
  else if (!p.dstMac && rng.chance(0.5)) iface = `IN= OUT=${wan}`;
  else if (!p.dstMac && rng.chance(0.6)) iface = `IN=${lan} OUT=${wan}`;
  else iface = `IN=${lan} OUT=`;
  const tunnel = /IN=(ppp0|wg0)/.test(iface);
  const etype = p.v6 ? "86:dd" : "08:00";
  const macPart = iface.startsWith("IN= ") || tunnel
    ? ""
    : ` MAC=${p.dstMac ?? mac(rng)}:${mac(rng)}:${etype}`;
  const parts = [iface + macPart];
  if (p.v6) {
    parts.push(
      `SRC=${expand6(p.src)} DST=${expand6(p.dst)} LEN=${p.len} TC=0 HOPLIMIT=${p.ttl} FLOWLBL=${
        rng.chance(0.5) ? 0 : rng.int(1, 1048575)
      }`,
    );
  } else {
    const tos = rng.weighted([["0x00", 8], ["0x08", 1], ["0x10", 1], ["0x20", 1], ["0xB8", 1]]);
    parts.push(
      `SRC=${p.src} DST=${p.dst} LEN=${p.len} TOS=${tos} PREC=0x00 TTL=${p.ttl} ID=${p.id}${
        p.df ? " DF" : ""
      }`,
    );
  }
  switch (p.proto) {
    case "TCP": {
      const flags = p.flags.length ? p.flags.join(" ") + " " : "";
      const opt = p.flags.includes("SYN") && p.len > 44 && rng.chance(0.3)
        ? ` OPT (020405B40402080A${rng.hex(16).toUpperCase()}01030307)`
        : "";
      parts.push(
        `PROTO=TCP SPT=${p.spt} DPT=${p.dpt} WINDOW=${p.window} RES=0x00 ${flags}URGP=0${opt}`,
      );
      break;
    }
    case "UDP":
      parts.push(`PROTO=UDP SPT=${p.spt} DPT=${p.dpt} LEN=${Math.max(8, p.len - 20)}`);
      break;
    case "ICMP":
      parts.push(
        p.icmpType === 8 || p.icmpType === 0 || p.icmpType === 13
          ? `PROTO=ICMP TYPE=${p.icmpType} CODE=0 ID=${rng.int(1, 65535)} SEQ=${rng.int(0, 40)}`
          : `PROTO=ICMP TYPE=${p.icmpType} CODE=${p.icmpCode} [SRC=${p.dst} DST=${p.src} LEN=${
            rng.int(40, 80)
          } TOS=0x00 PREC=0x00 TTL=${rng.int(1, 64)} ID=${rng.int(0, 65535)} PROTO=UDP SPT=${
            rng.int(1024, 65535)
          } DPT=${rng.pick([53, 123, 443, 33435])} LEN=${rng.int(20, 60)} ] MTU=${
            rng.pick([1500, 1492, 1480])
          }`,
      );
      break;
    case "ICMPv6":
      parts.push(`PROTO=ICMPv6 TYPE=${p.icmpType} CODE=0`);
      break;
    case "IGMP":
      parts.push(`OPT (94040000) PROTO=2`);
      break;
  }
  return parts.join(" ");
}

/** A kernel log line carrying one netfilter LOG message. */
export function kernelLine(ctx: Ctx, prefix: string, p: Pkt): string {
  const { rng, sc } = ctx;
  const host = rng.weighted([[sc.hosts.fw, 4], [sc.hosts.web, 2], [sc.hosts.bastion, 1], [
    sc.hosts.db,
    1,
  ], [sc.hosts.share, 1]]);
  const stamp = rng.chance(0.7)
    ? `[${String(rng.int(20, 9999999)).padStart(5, " ")}.${
      String(rng.int(0, 999999)).padStart(6, "0")
    }] `
    : "";
  return syslog(ctx, host, "kernel", null, `${stamp}${prefix}${nfBody(ctx, p)}`, "kern");
}

/** netfilter templates. */
export const TEMPLATES: Template[] = [
  {
    family: "iptables",
    label: "recon_scan",
    weight: 5,
    make: (ctx) => kernelLine(ctx, ctx.rng.pick(DROP_PREFIXES), scanPkt(ctx)),
  },
  {
    family: "iptables",
    label: "benign",
    weight: 3,
    make: (ctx) => kernelLine(ctx, ctx.rng.pick(NOISE_PREFIXES), noisePkt(ctx)),
  },
  {
    family: "iptables",
    label: "benign",
    weight: 2,
    make: (ctx) => kernelLine(ctx, ctx.rng.pick(ALLOW_PREFIXES), okPkt(ctx)),
  },
];
