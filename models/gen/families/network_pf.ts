/**
 * pfSense/OPNsense filterlog CSV records (pf firewall drops and passes).
 *
 * @module
 */
import type { Ctx, Template } from "../types.ts";
import { syslog } from "../format.ts";
import { noisePkt, okPkt, type Pkt, scanPkt } from "./network_pkt.ts";

const PF_IF = [
  "igb0",
  "igb1",
  "em0",
  "em1",
  "vtnet0",
  "vtnet1",
  "ix0",
  "igc0",
  "re0",
  "pppoe0",
  "lagg0.10",
  "ovpns1",
  "igb2",
];
const PF_FLAGS: Record<string, string> = {
  FIN: "F",
  SYN: "S",
  RST: "R",
  PSH: "P",
  ACK: "A",
  URG: "U",
  ECE: "E",
  CWR: "W",
};

/** pf's flag string ("S", "RA", "FPU") from netfilter flag names. */
function pfFlags(flags: string[]): string {
  return "FSRPAUEW".split("").filter((c) => flags.some((f) => PF_FLAGS[f] === c)).join("");
}

/** One pfSense/OPNsense filterlog CSV record. */
function filterlog(ctx: Ctx, p: Pkt, action: "block" | "pass"): string {
  const { rng } = ctx;
  const opn = rng.chance(0.4);
  const tracker = opn
    ? rng.hex(32)
    : action === "block"
    ? rng.pick(["1000000103", "1000000103", "1000000105", "1770008888"])
    : `${rng.int(1500000000, 1790000000)}`;
  const rule = rng.pick(["5", "4", "9", "12", "77", "103", ""]);
  const dir = p.inbound ? "in" : rng.pick(["in", "out"]);
  const head = `${rule},,,${tracker},${rng.pick(PF_IF)},match,${action},${dir}`;
  const pn: Record<string, [number, string]> = {
    TCP: [6, "tcp"],
    UDP: [17, "udp"],
    ICMP: [1, "icmp"],
    ICMPv6: [58, "ipv6-icmp"],
    IGMP: [2, "igmp"],
  };
  const [num, name] = pn[p.proto];
  const ip = p.v6
    ? `6,0x00,0x${rng.chance(0.7) ? "00000" : rng.hex(5)},${p.ttl},${name},${num},${
      p.len - 40 > 0 ? p.len - 40 : p.len
    },${p.src},${p.dst}`
    : `4,0x0,,${p.ttl},${p.id},0,${p.df ? "DF" : "none"},${num},${name},${p.len},${p.src},${p.dst}`;
  let rest: string;
  switch (p.proto) {
    case "TCP": {
      const syn = p.flags.includes("SYN");
      const opts = syn
        ? rng.pick(
          p.window === 1024 ? ["mss", "mss", ""] : [
            "mss;sackOK;TS;nop;wscale",
            "mss;nop;wscale;nop;nop;sackOK",
            "mss;sackOK;TS;nop;wscale",
          ],
        )
        : "";
      rest = `${p.spt},${p.dpt},0,${pfFlags(p.flags)},${rng.int(1, 4294967295)},${
        p.flags.includes("ACK") ? rng.int(1, 4294967295) : ""
      },${p.window},,${opts}`;
      break;
    }
    case "UDP":
      rest = `${p.spt},${p.dpt},${Math.max(0, p.len - 28)}`;
      break;
    case "ICMP":
      rest = p.icmpType === 8 || p.icmpType === 13 || p.icmpType === 0
        ? `${{ 8: "request", 13: "tstamp", 0: "reply" }[p.icmpType]},${rng.int(1, 65535)},${
          rng.int(0, 40)
        }`
        : p.icmpType === 3
        ? `unreachport,${p.src},udp,${rng.pick([53, 123, 33435])}`
        : `timexceed,${rng.pick(["transit", "reassembly"])}`;
      break;
    default:
      rest = `datalength=${Math.max(8, p.len - 40)}`;
  }
  const host = rng.weighted([[ctx.sc.hosts.fw, 3], ["pfSense", 1], ["OPNsense", 1], [
    `${ctx.sc.hosts.fw}.${ctx.sc.domain}`,
    1,
  ]]);
  return syslog(
    ctx,
    host,
    "filterlog",
    rng.chance(0.85) ? rng.int(10000, 99999) : null,
    `${head},${ip},${rest}`,
    "local0",
  );
}

/** filterlog templates. */
export const TEMPLATES: Template[] = [
  {
    family: "pf_filterlog",
    label: "recon_scan",
    weight: 4,
    make: (ctx) => filterlog(ctx, scanPkt(ctx), "block"),
  },
  {
    family: "pf_filterlog",
    label: "benign",
    weight: 2,
    make: (ctx) => filterlog(ctx, noisePkt(ctx), "block"),
  },
  {
    family: "pf_filterlog",
    label: "benign",
    weight: 2,
    make: (ctx) => filterlog(ctx, okPkt(ctx), "pass"),
  },
];
