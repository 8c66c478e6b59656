/**
 * BIND named lines: query log, zone transfers, security denials, resolver and zone maintenance.
 *
 * @module
 */
import type { Ctx, Template } from "../types.ts";
import { hms, syslog } from "../format.ts";
import { BENIGN_DOMAINS } from "../pools.ts";
import { ephemeral, insideIp, netAttackerIp } from "./network_common.ts";
import {
  benignName,
  DNS_QTYPES,
  SUBDOMAIN_WORDS,
  tunnelName,
  tunnelQtype,
} from "./network_names.ts";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** BIND's "client @0x... ip#port (name):" prefix, across versions. */
function bindClient(ctx: Ctx, ip: string, name: string): string {
  const { rng } = ctx;
  return rng.weighted([
    [`client @0x7f${rng.hex(10)} ${ip}#${ephemeral(rng)} (${name}):`, 6],
    [`client ${ip}#${ephemeral(rng)} (${name}):`, 2],
    [`client ${ip}#${ephemeral(rng)}:`, 1],
  ]);
}

/** A named log line: syslog-framed, or BIND's own channel file with category and severity. */
function named(ctx: Ctx, category: string, sev: string, msg: string): string {
  const { rng, now, sc } = ctx;
  if (rng.chance(0.35)) {
    const d = `${String(now.getUTCDate()).padStart(2, "0")}-${
      MONTHS[now.getUTCMonth()]
    }-${now.getUTCFullYear()} ${hms(now)}.${String(now.getUTCMilliseconds()).padStart(3, "0")}`;
    return `${d} ${rng.chance(0.8) ? `${category}: ${sev}: ` : ""}${msg}`;
  }
  const withCat = rng.chance(0.4) ? `${category}: ${sev}: ` : "";
  return syslog(
    ctx,
    rng.pick([sc.hosts.dns, "ns1", "ns2", "bind"]),
    "named",
    rng.int(300, 9000),
    withCat + msg,
  );
}

function flags(ctx: Ctx, recursive: boolean): string {
  const { rng } = ctx;
  return `${recursive ? "+" : "-"}${
    rng.pick(["E(0)", "E(0)", "", "E(0)T", "E(0)D", "E(0)DC", "E(1232)"])
  }${rng.pick(["K", "", "V", "S"])}`;
}

function bindQuery(
  ctx: Ctx,
  ip: string,
  name: string,
  qtype: string,
  cls = "IN",
  recursive = true,
): string {
  const srv = ctx.rng.pick([ctx.sc.lan + "1", ctx.sc.dmz + "2", "127.0.0.1", ctx.sc.dmz + "53"]);
  return named(
    ctx,
    "queries",
    "info",
    `${bindClient(ctx, ip, name)} query: ${name} ${cls} ${qtype} ${flags(ctx, recursive)} (${srv})`,
  );
}

function bindBenign(ctx: Ctx): string {
  const { rng, sc } = ctx;
  const zone = rng.pick([sc.domain, sc.publicDomain]);
  const serial = `${ctx.now.getUTCFullYear()}${String(rng.int(1, 12)).padStart(2, "0")}${
    String(rng.int(1, 28)).padStart(2, "0")
  }${String(rng.int(1, 9)).padStart(2, "0")}`;
  const sec = sc.dmz + rng.int(2, 9);
  const name = benignName(ctx, BENIGN_DOMAINS);
  return rng.weighted<() => string>([
    [() => bindQuery(ctx, insideIp(ctx), name, rng.weighted(DNS_QTYPES)), 8],
    [
      () =>
        bindQuery(
          ctx,
          rng.publicIp(),
          rng.pick([
            sc.publicDomain,
            `www.${sc.publicDomain}`,
            `mail.${sc.publicDomain}`,
            `autodiscover.${sc.publicDomain}`,
          ]),
          rng.pick(["A", "MX", "TXT", "AAAA"]),
          "IN",
          false,
        ),
      3,
    ],
    [
      () =>
        named(
          ctx,
          "xfer-out",
          "info",
          `${bindClient(ctx, sec, zone)} transfer of '${zone}/IN': ${rng.pick(["AXFR", "IXFR"])} ${
            rng.pick(["started", "ended"])
          }${rng.chance(0.5) ? ` (serial ${serial})` : ""}`,
        ),
      2,
    ],
    [
      () =>
        named(
          ctx,
          "xfer-in",
          "info",
          `transfer of '${zone}/IN' from ${sec}#53: Transfer completed: 1 messages, ${
            rng.int(8, 400)
          } records, ${rng.int(300, 40000)} bytes, 0.00${rng.int(1, 9)} secs (${
            rng.int(100000, 9000000)
          } bytes/sec) (serial ${serial})`,
        ),
      1,
    ],
    [() => named(ctx, "notify", "info", `zone ${zone}/IN: sending notifies (serial ${serial})`), 1],
    [() => named(ctx, "general", "info", `zone ${zone}/IN: loaded serial ${serial}`), 1],
    [
      () =>
        named(
          ctx,
          "lame-servers",
          "info",
          `lame server resolving '${name}' (in '${
            name.split(".").slice(-2).join(".")
          }'?): ${rng.publicIp()}#53`,
        ),
      1,
    ],
    [
      () =>
        named(
          ctx,
          "resolver",
          "info",
          `network unreachable resolving '${name}/${
            rng.pick(["A", "AAAA", "DS"])
          }/IN': ${rng.ipv6()}#53`,
        ),
      1,
    ],
    [
      () =>
        named(
          ctx,
          "query-errors",
          "info",
          `${bindClient(ctx, insideIp(ctx), name)} query failed (SERVFAIL) for ${name}/IN/${
            rng.pick(["A", "AAAA"])
          } at query.c:${rng.int(4000, 9000)}`,
        ),
      1,
    ],
    [
      () =>
        named(
          ctx,
          "dnssec",
          "info",
          `validating ${name}/${rng.pick(["A", "DS", "SOA"])}: no valid signature found`,
        ),
      0.5,
    ],
    [
      () =>
        named(
          ctx,
          "general",
          "info",
          rng.pick([
            "resolver priming query complete",
            "all zones loaded",
            "running",
            "managed-keys-zone: Key 20326 for zone . is now trusted (acceptance timer complete)",
            "received control channel command 'reload'",
            "reloading configuration succeeded",
            "scheduled loading new zones",
          ]),
        ),
      1,
    ],
  ])();
}

function bindRecon(ctx: Ctx): string {
  const { rng, sc } = ctx;
  const att = netAttackerIp(ctx);
  const zone = rng.pick([sc.publicDomain, sc.publicDomain, sc.domain]);
  return rng.weighted<() => string>([
    [
      () =>
        named(
          ctx,
          "security",
          "error",
          `${bindClient(ctx, att, zone)} zone transfer '${zone}/${
            rng.pick(["AXFR", "AXFR", "IXFR"])
          }/IN' denied`,
        ),
      5,
    ],
    [
      () =>
        named(
          ctx,
          "security",
          "error",
          `${
            bindClient(ctx, att, zone)
          } bad zone transfer request: '${zone}/IN': non-authoritative zone (NOTAUTH)`,
        ),
      1,
    ],
    [
      () =>
        named(
          ctx,
          "security",
          "info",
          `${bindClient(ctx, att, zone)} query (cache) '${zone}/ANY/IN' denied`,
        ),
      2,
    ],
    [() => bindQuery(ctx, att, zone, rng.pick(["AXFR", "ANY", "IXFR"]), "IN", false), 2],
    [
      () =>
        bindQuery(
          ctx,
          att,
          rng.pick(["version.bind", "hostname.bind", "id.server", "authors.bind"]),
          "TXT",
          "CH",
          false,
        ),
      2,
    ],
    [
      () =>
        named(
          ctx,
          "security",
          "info",
          `${bindClient(ctx, att, "version.bind")} query (cache) 'version.bind/TXT/CH' denied`,
        ),
      1,
    ],
    [
      () =>
        bindQuery(
          ctx,
          att,
          `${rng.pick(SUBDOMAIN_WORDS)}${
            rng.pick(["", "", "1", "2", "-old", "-dev"])
          }.${sc.publicDomain}`,
          "A",
          "IN",
          false,
        ),
      2,
    ],
    [
      () =>
        bindQuery(
          ctx,
          att,
          `${rng.int(1, 254)}.${sc.lan.split(".").slice(0, 3).reverse().join(".")}.in-addr.arpa`,
          "PTR",
          "IN",
          false,
        ),
      1,
    ],
  ])();
}

function bindTunnel(ctx: Ctx): string {
  const { rng } = ctx;
  const q = tunnelQtype(rng);
  return bindQuery(ctx, insideIp(ctx), tunnelName(rng), q === "PRIVATE" ? "TYPE65399" : q);
}

/** BIND templates. */
export const TEMPLATES: Template[] = [
  { family: "bind", label: "benign", weight: 4, make: bindBenign },
  { family: "bind", label: "recon_scan", weight: 3, make: bindRecon },
  { family: "bind", label: "exfiltration", weight: 3, make: bindTunnel },
];
