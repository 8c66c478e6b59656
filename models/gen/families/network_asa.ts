/**
 * Cisco ASA/FTD syslog messages: ACL denies, threat detection, built/teardown connections.
 *
 * @module
 */
import type { Ctx, Template } from "../types.ts";
import { bsdTime, hms, ymd } from "../format.ts";
import { ephemeral, insideIp, netAttackerIp, netLanIp } from "./network_common.ts";
import { noisePkt, type Pkt, scanPkt } from "./network_pkt.ts";

/** A Cisco ASA/FTD line with one of the header styles admins configure. */
function asa(ctx: Ctx, sev: number, id: number, msg: string): string {
  const { rng, sc, now } = ctx;
  const vendor = rng.chance(0.85) ? "ASA" : "FTD";
  const body = `%${vendor}-${sev}-${id}: ${msg}`;
  const y = now.getUTCFullYear();
  const mdy = bsdTime(now).slice(0, 6);
  return rng.weighted<() => string>([
    [() => `${bsdTime(now)} ${sc.hosts.fw} ${body}`, 3],
    [() => `${bsdTime(now)} ${sc.lan}1 : ${body}`, 1],
    [() => `${mdy} ${y} ${hms(now)}: ${body}`, 2],
    [() => `<${160 + sev}>${mdy} ${y} ${hms(now)} ${sc.hosts.fw} : ${body}`, 2],
    [() => `${ymd(now)}T${hms(now)}Z ${sc.hosts.fw} : ${body}`, 1],
    [() => body, 1],
  ])();
}

const ACL = [
  "outside_access_in",
  "OUTSIDE_IN",
  "outside_in",
  "acl-outside",
  "global_access",
  "CSM_FW_ACL_",
  "inside_access_in",
];

function asaFlags(p: Pkt): string {
  return p.flags.length ? p.flags.slice().reverse().join(" ") : "";
}

function asaScan(ctx: Ctx): string {
  const { rng } = ctx;
  const p = scanPkt(ctx);
  const proto = p.proto.toLowerCase();
  const acl = `"${rng.pick(ACL)}"`;
  const hash = rng.chance(0.6) ? "[0x0, 0x0]" : `[0x${rng.hex(8)}, 0x${rng.hex(8)}]`;
  if (p.proto === "ICMP") {
    return rng.chance(0.7)
      ? asa(
        ctx,
        4,
        106023,
        `Deny icmp src outside:${p.src} dst inside:${p.dst} (type ${p.icmpType}, code 0) by access-group ${acl} ${hash}`,
      )
      : asa(
        ctx,
        3,
        313001,
        `Denied ICMP type=${p.icmpType}, code=0 from ${p.src} on interface outside`,
      );
  }
  const pick = rng.weighted([["106023", 5], ["106001", 2], ["106006", 1], ["106015", 1], [
    "710003",
    1,
  ], ["106100", 1]]);
  if (p.proto === "TCP" && !p.flags.includes("SYN") || pick === "106015") {
    return asa(
      ctx,
      6,
      106015,
      `Deny TCP (no connection) from ${p.src}/${p.spt} to ${p.dst}/${p.dpt} flags ${
        asaFlags(p) || "NONE"
      }  on interface outside`,
    );
  }
  switch (pick) {
    case "106001":
      return p.proto === "TCP"
        ? asa(
          ctx,
          2,
          106001,
          `Inbound TCP connection denied from ${p.src}/${p.spt} to ${p.dst}/${p.dpt} flags SYN  on interface outside`,
        )
        : asa(
          ctx,
          2,
          106006,
          `Deny inbound UDP from ${p.src}/${p.spt} to ${p.dst}/${p.dpt} on interface outside`,
        );
    case "106006":
      return asa(
        ctx,
        2,
        106006,
        `Deny inbound UDP from ${p.src}/${p.spt} to ${p.dst}/${
          rng.pick([161, 1900, 123, 137, 5060])
        } on interface outside`,
      );
    case "710003":
      return asa(
        ctx,
        3,
        710003,
        `${p.proto} access denied by ACL from ${p.src}/${p.spt} to outside:${p.dst}/${p.dpt}`,
      );
    case "106100":
      return asa(
        ctx,
        4,
        106100,
        `access-list ${
          rng.pick(ACL)
        } denied ${proto} outside/${p.src}(${p.spt}) -> inside/${p.dst}(${p.dpt}) hit-cnt 1 first hit [0x${
          rng.hex(8)
        }, 0x0]`,
      );
    default:
      return asa(
        ctx,
        4,
        106023,
        `Deny ${proto} src outside:${p.src}/${p.spt} dst inside:${p.dst}/${p.dpt} by access-group ${acl} ${hash}`,
      );
  }
}

function asaThreat(ctx: Ctx): string {
  const { rng } = ctx;
  const rates = `Current burst rate is ${rng.int(11, 400)} per second, max configured rate is ${
    rng.pick([10, 20, 40])
  }; Current average rate is ${rng.int(6, 90)} per second, max configured rate is ${
    rng.pick([5, 10, 20])
  }; Cumulative total count is ${rng.int(1000, 90000)}`;
  return rng.weighted<() => string>([
    [() => asa(ctx, 4, 733100, `[ Scanning] drop rate-${rng.int(1, 2)} exceeded. ${rates}`), 2],
    [() => asa(ctx, 4, 733101, `Host ${netAttackerIp(ctx)} is attacking. ${rates}`), 2],
    [() => asa(ctx, 4, 733102, `Threat-detection adds host ${netAttackerIp(ctx)} to shun list`), 1],
  ])();
}

function asaBenign(ctx: Ctx): string {
  const { rng } = ctx;
  const cid = rng.int(10000, 999999999);
  const inIp = insideIp(ctx), out = rng.publicIp(), nat = `${rng.publicIp()}`;
  const ip = ephemeral(rng), op = rng.pick([443, 443, 80, 53, 123, 993, 587, 22]);
  const dur = `${rng.int(0, 2)}:${String(rng.int(0, 59)).padStart(2, "0")}:${
    String(rng.int(0, 59)).padStart(2, "0")
  }`;
  const reason = rng.pick([
    "TCP FINs",
    "TCP FINs",
    "TCP Reset-I",
    "TCP Reset-O",
    "SYN Timeout",
    "Connection timeout",
    "FIN Timeout",
    "Flow closed by inspection",
  ]);
  return rng.weighted<() => string>([
    [
      () =>
        asa(
          ctx,
          6,
          302013,
          `Built outbound TCP connection ${cid} for outside:${out}/${op} (${out}/${op}) to inside:${inIp}/${ip} (${nat}/${ip})`,
        ),
      4,
    ],
    [
      () =>
        asa(
          ctx,
          6,
          302013,
          `Built inbound TCP connection ${cid} for outside:${out}/${ip} (${out}/${ip}) to dmz:${ctx.sc.dmz}${
            rng.int(2, 60)
          }/${rng.pick([443, 80, 25])} (${nat}/${rng.pick([443, 80, 25])})`,
        ),
      2,
    ],
    [
      () =>
        asa(
          ctx,
          6,
          302014,
          `Teardown TCP connection ${cid} for outside:${out}/${op} to inside:${inIp}/${ip} duration ${dur} bytes ${
            rng.int(0, 9000000)
          } ${reason}`,
        ),
      4,
    ],
    [
      () =>
        asa(
          ctx,
          6,
          302015,
          `Built outbound UDP connection ${cid} for outside:${out}/${
            rng.pick([53, 123, 443])
          } (${out}/${rng.pick([53, 123, 443])}) to inside:${inIp}/${ip} (${nat}/${ip})`,
        ),
      2,
    ],
    [
      () =>
        asa(
          ctx,
          6,
          302016,
          `Teardown UDP connection ${cid} for outside:${out}/53 to inside:${inIp}/${ip} duration ${dur} bytes ${
            rng.int(40, 900)
          }`,
        ),
      2,
    ],
    [
      () =>
        asa(
          ctx,
          6,
          305011,
          `Built dynamic ${
            rng.pick(["TCP", "UDP"])
          } translation from inside:${inIp}/${ip} to outside:${nat}/${ephemeral(rng)}`,
        ),
      2,
    ],
    [
      () =>
        asa(
          ctx,
          6,
          305012,
          `Teardown dynamic ${
            rng.pick(["TCP", "UDP", "ICMP"])
          } translation from inside:${inIp}/${ip} to outside:${nat}/${
            ephemeral(rng)
          } duration ${dur}`,
        ),
      1,
    ],
    [
      () =>
        asa(
          ctx,
          6,
          302020,
          `Built outbound ICMP connection for faddr ${out}/0 gaddr ${nat}/${
            rng.int(1, 60000)
          } laddr ${inIp}/${rng.int(1, 60000)}`,
        ),
      1,
    ],
    [
      () =>
        asa(
          ctx,
          6,
          106015,
          `Deny TCP (no connection) from ${inIp}/${ip} to ${out}/${op} flags ${
            rng.pick(["RST ACK", "FIN ACK", "ACK", "FIN PSH ACK", "RST"])
          }  on interface inside`,
        ),
      2,
    ],
    [
      () =>
        asa(
          ctx,
          6,
          106015,
          `Deny TCP (no connection) from ${out}/${op} to ${inIp}/${ip} flags ${
            rng.pick(["RST ACK", "FIN ACK", "ACK", "PSH ACK"])
          }  on interface outside`,
        ),
      2,
    ],
    [
      () =>
        asa(
          ctx,
          6,
          106100,
          `access-list ${rng.pick(ACL)} permitted tcp outside/${out}(${ip}) -> dmz/${ctx.sc.dmz}${
            rng.int(2, 60)
          }(${rng.pick([443, 80])}) hit-cnt 1 first hit [0x${rng.hex(8)}, 0x0]`,
        ),
      1,
    ],
    [
      () =>
        asa(
          ctx,
          4,
          710005,
          `UDP request discarded from ${netLanIp(ctx)}/${
            rng.pick([137, 138, 5353, 1900])
          } to inside:${ctx.sc.lan}255/${rng.pick([137, 138])}`,
        ),
      1,
    ],
    [() => {
      const p = noisePkt(ctx);
      return asa(
        ctx,
        4,
        106023,
        `Deny ${p.proto.toLowerCase()} src inside:${p.src}/${p.spt} dst outside:${p.dst}/${p.dpt} by access-group "inside_access_in" [0x0, 0x0]`,
      );
    }, 1],
  ])();
}

/** Cisco ASA templates. */
export const TEMPLATES: Template[] = [
  { family: "cisco_asa", label: "recon_scan", weight: 4, make: asaScan },
  { family: "cisco_asa", label: "recon_scan", weight: 1, make: asaThreat },
  { family: "cisco_asa", label: "benign", weight: 4, make: asaBenign },
];
