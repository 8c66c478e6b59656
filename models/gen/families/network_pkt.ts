/**
 * Packets firewalls log: scan-shaped probes, broadcast/multicast noise, late teardown packets and
 * allowed connections.
 *
 * @module
 */
import type { Ctx } from "../types.ts";
import type { Rng } from "../rng.ts";
import {
  dmzIp,
  ephemeral,
  insideIp,
  netAttackerIp,
  netLanIp,
  scanPort,
  UDP_SCAN_PORTS,
} from "./network_common.ts";

/** One packet as a firewall sees it. */
export interface Pkt {
  v6: boolean;
  src: string;
  dst: string;
  proto: "TCP" | "UDP" | "ICMP" | "ICMPv6" | "IGMP";
  spt: number;
  dpt: number;
  /** TCP flags in netfilter order and names (CWR ECE URG ACK PSH RST SYN FIN). */
  flags: string[];
  window: number;
  len: number;
  ttl: number;
  id: number;
  df: boolean;
  icmpType: number;
  icmpCode: number;
  /** True when the packet comes in from outside (WAN side). */
  inbound: boolean;
  /** Dst MAC for broadcast and multicast frames. */
  dstMac?: string;
}

function base(rng: Rng, p: Partial<Pkt>): Pkt {
  return {
    v6: false,
    src: "",
    dst: "",
    proto: "TCP",
    spt: ephemeral(rng),
    dpt: 443,
    flags: ["SYN"],
    window: 64240,
    len: 60,
    ttl: rng.int(40, 120),
    id: rng.int(0, 65535),
    df: true,
    icmpType: 8,
    icmpCode: 0,
    inbound: true,
    ...p,
  };
}

/** Scan-shaped packets: SYN/FIN/NULL/XMAS/ACK probes, UDP probes, traceroute and ping sweeps. */
export function scanPkt(ctx: Ctx): Pkt {
  const { rng } = ctx;
  const src = netAttackerIp(ctx);
  const dst = rng.chance(0.7) ? insideIp(ctx) : rng.publicIp();
  const kind = rng.weighted([["syn", 10], ["stealth", 2], ["ack", 1], ["udp", 2], ["trace", 1], [
    "icmp",
    2,
  ]]);
  const nmapish = rng.chance(0.6);
  const id = rng.weighted([[54321, 2], [rng.int(1, 65535), 5]]);
  switch (kind) {
    case "syn":
      return base(rng, {
        src,
        dst,
        dpt: scanPort(rng),
        spt: nmapish
          ? rng.int(33000, 65000)
          : rng.weighted([[rng.int(1024, 65535), 3], [rng.pick([40000, 54321, 61000]), 1]]),
        window: nmapish ? 1024 : rng.pick([65535, 29200, 14600, 5840, 1025, 64240]),
        len: nmapish ? 44 : rng.pick([40, 44, 60]),
        ttl: rng.int(30, 250),
        id,
        df: !nmapish && rng.chance(0.4),
      });
    case "stealth":
      return base(rng, {
        src,
        dst,
        dpt: scanPort(rng),
        flags: rng.pick([["FIN"], [], ["URG", "PSH", "FIN"], ["URG", "PSH", "SYN", "FIN"], [
          "SYN",
          "FIN",
        ]]),
        window: rng.pick([1024, 2048, 3072, 4096]),
        len: 40,
        ttl: rng.int(30, 64),
        id,
        df: false,
      });
    case "ack":
      return base(rng, {
        src,
        dst,
        dpt: scanPort(rng),
        flags: ["ACK"],
        window: 1024,
        len: 40,
        df: false,
        id,
      });
    case "udp":
      return base(rng, {
        src,
        dst,
        proto: "UDP",
        dpt: rng.pick(UDP_SCAN_PORTS),
        len: rng.pick([28, 28, 29, 40, 76]),
        df: false,
      });
    case "trace":
      return base(rng, {
        src,
        dst,
        proto: "UDP",
        dpt: rng.int(33434, 33534),
        len: 60,
        ttl: rng.int(1, 3),
        df: false,
      });
    default:
      return base(rng, {
        src: rng.chance(0.3) ? netLanIp(ctx) : src,
        dst: ctx.sc.lan + rng.int(1, 254),
        proto: "ICMP",
        icmpType: rng.weighted([[8, 6], [13, 2], [17, 1]]),
        len: rng.pick([28, 84, 40]),
        df: false,
      });
  }
}

/** Benign firewall traffic: allowed connections, broadcast/multicast noise, late teardown packets, blocked telemetry. */
export function noisePkt(ctx: Ctx): Pkt {
  const { rng, sc } = ctx;
  const kind = rng.weighted([
    ["mdns", 3],
    ["ssdp", 3],
    ["dhcp", 2],
    ["netbios", 2],
    ["llmnr", 1],
    ["igmp", 2],
    ["nd", 2],
    ["late", 4],
    ["telemetry", 2],
    ["lansync", 1],
    ["unreach", 1],
  ]);
  const host = netLanIp(ctx);
  switch (kind) {
    case "mdns":
      return base(rng, {
        src: host,
        dst: "224.0.0.251",
        proto: "UDP",
        spt: 5353,
        dpt: 5353,
        len: rng.int(60, 400),
        ttl: 255,
        df: rng.chance(0.5),
        inbound: false,
        dstMac: "01:00:5e:00:00:fb",
      });
    case "ssdp":
      return base(rng, {
        src: host,
        dst: "239.255.255.250",
        proto: "UDP",
        spt: ephemeral(rng),
        dpt: 1900,
        len: rng.int(150, 420),
        ttl: rng.pick([1, 2, 4]),
        inbound: false,
        dstMac: "01:00:5e:7f:ff:fa",
      });
    case "dhcp":
      return base(rng, {
        src: rng.chance(0.6) ? "0.0.0.0" : host,
        dst: "255.255.255.255",
        proto: "UDP",
        spt: 68,
        dpt: 67,
        len: rng.pick([328, 338, 576]),
        ttl: rng.pick([64, 128]),
        df: false,
        inbound: false,
        dstMac: "ff:ff:ff:ff:ff:ff",
      });
    case "netbios":
      return base(rng, {
        src: host,
        dst: sc.lan + "255",
        proto: "UDP",
        spt: rng.pick([137, 138]),
        dpt: rng.pick([137, 138]),
        len: rng.pick([78, 229, 240]),
        ttl: 128,
        df: false,
        inbound: false,
        dstMac: "ff:ff:ff:ff:ff:ff",
      });
    case "llmnr":
      return base(rng, {
        src: host,
        dst: "224.0.0.252",
        proto: "UDP",
        spt: ephemeral(rng),
        dpt: 5355,
        len: rng.int(50, 70),
        ttl: 1,
        df: false,
        inbound: false,
        dstMac: "01:00:5e:00:00:fc",
      });
    case "igmp":
      return base(rng, {
        src: rng.chance(0.5) ? sc.lan + "1" : host,
        dst: rng.pick(["224.0.0.1", "224.0.0.22", "224.0.0.251", "239.255.255.250"]),
        proto: "IGMP",
        len: rng.pick([32, 36, 40]),
        ttl: 1,
        df: false,
        inbound: false,
        dstMac: "01:00:5e:00:00:01",
      });
    case "nd":
      return base(rng, {
        v6: true,
        src: `fe80::${rng.hex(4)}:${rng.hex(2)}ff:fe${rng.hex(2)}:${rng.hex(4)}`,
        dst: rng.pick([
          "ff02::1",
          "ff02::2",
          "ff02::16",
          `ff02::1:ff${rng.hex(2)}:${rng.hex(4)}`,
          "ff02::fb",
        ]),
        proto: "ICMPv6",
        icmpType: rng.pick([133, 134, 135, 136, 143]),
        len: rng.pick([72, 76, 86, 96, 136]),
        ttl: 255,
        inbound: false,
        dstMac: "33:33:00:00:00:01",
      });
    case "late":
      return base(rng, {
        src: rng.publicIp(),
        dst: insideIp(ctx),
        spt: rng.pick([443, 443, 80, 993, 5228, 8443]),
        dpt: ephemeral(rng),
        flags: rng.pick([["ACK", "RST"], ["ACK", "FIN"], ["ACK", "PSH", "FIN"], ["RST"], ["ACK"], [
          "ACK",
          "PSH",
        ]]),
        window: rng.int(200, 65535),
        len: rng.pick([40, 52, 52, 83, 1500]),
        ttl: rng.int(48, 250),
      });
    case "telemetry":
      return base(rng, {
        src: host,
        dst: rng.publicIp(),
        dpt: rng.pick([443, 443, 80, 123, 853]),
        proto: "TCP",
        window: rng.pick([64240, 65535, 29200]),
        len: 60,
        ttl: rng.pick([63, 64, 127, 128]),
        inbound: false,
      });
    case "lansync":
      return base(rng, {
        src: host,
        dst: sc.lan + "255",
        proto: "UDP",
        spt: 17500,
        dpt: 17500,
        len: rng.int(160, 220),
        ttl: 64,
        inbound: false,
        dstMac: "ff:ff:ff:ff:ff:ff",
      });
    default:
      return base(rng, {
        src: rng.publicIp(),
        dst: insideIp(ctx),
        proto: "ICMP",
        icmpType: rng.pick([3, 3, 11, 0]),
        icmpCode: rng.pick([0, 1, 3, 4]),
        len: rng.pick([56, 68, 576]),
      });
  }
}

/** An allowed, ordinary connection (a user reaching a service or a host going out). */
export function okPkt(ctx: Ctx): Pkt {
  const { rng } = ctx;
  if (rng.chance(0.5)) {
    return base(rng, {
      src: rng.chance(0.7) ? rng.publicIp() : netLanIp(ctx),
      dst: dmzIp(ctx),
      dpt: rng.pick([443, 443, 80, 25, 587, 993, 1194, 51820]),
      window: rng.pick([64240, 65535, 29200, 42340]),
    });
  }
  const udp = rng.chance(0.3);
  return base(rng, {
    src: netLanIp(ctx),
    dst: rng.publicIp(),
    proto: udp ? "UDP" : "TCP",
    dpt: udp
      ? rng.pick([53, 123, 443, 3478, 19302])
      : rng.pick([443, 443, 80, 22, 993, 587, 5222, 8443]),
    inbound: false,
    len: udp ? rng.int(40, 1300) : 60,
  });
}
