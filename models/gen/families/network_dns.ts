/**
 * dnsmasq (queries, forwards, replies, dnsmasq-dhcp, Pi-hole blocks), unbound
 * log-queries/log-replies and systemd-resolved lines.
 *
 * @module
 */
import type { Ctx, Template } from "../types.ts";
import { syslog } from "../format.ts";
import { BENIGN_DOMAINS } from "../pools.ts";
import { ephemeral, insideIp, mac, netAttackerIp, netLanIp } from "./network_common.ts";
import {
  benignName,
  DNS_QTYPES,
  SUBDOMAIN_WORDS,
  tunnelName,
  tunnelQtype,
} from "./network_names.ts";

function server(ctx: Ctx): string {
  return ctx.rng.pick([ctx.sc.hosts.dns, ctx.sc.hosts.fw, "pihole", "raspberrypi", "router"]);
}

function upstream(ctx: Ctx): string {
  return ctx.rng.pick([
    "8.8.8.8",
    "1.1.1.1",
    "9.9.9.9",
    "208.67.222.222",
    "8.8.4.4",
    "1.0.0.1",
    "127.0.0.1#5335",
    "2606:4700:4700::1111",
  ]);
}

/** A dnsmasq query-log line; `extra` adds the log-queries=extra serial and source port. */
function dnsmasq(ctx: Ctx, msg: string, client?: string): string {
  const { rng } = ctx;
  const extra = client && rng.chance(0.2)
    ? `${rng.int(1, 99999)} ${client}/${ephemeral(rng)} `
    : "";
  return syslog(ctx, server(ctx), "dnsmasq", rng.int(300, 40000), extra + msg);
}

function dnsmasqBenign(ctx: Ctx): string {
  const { rng, sc } = ctx;
  const name = benignName(ctx, BENIGN_DOMAINS), cli = netLanIp(ctx), qt = rng.weighted(DNS_QTYPES);
  const ip = rng.chance(0.8) ? rng.publicIp() : rng.ipv6();
  return rng.weighted<() => string>([
    [
      () =>
        dnsmasq(
          ctx,
          `query[${qt === "HTTPS" && rng.chance(0.5) ? "type=65" : qt}] ${name} from ${cli}`,
          cli,
        ),
      5,
    ],
    [() => dnsmasq(ctx, `forwarded ${name} to ${upstream(ctx)}`), 4],
    [
      () =>
        dnsmasq(
          ctx,
          `reply ${name} is ${
            rng.pick([ip, ip, "<CNAME>", "NXDOMAIN", "NODATA-IPv6", "NODATA", "<HTTPS>"])
          }`,
        ),
      4,
    ],
    [() => dnsmasq(ctx, `cached ${name} is ${rng.pick([ip, "<CNAME>", "NODATA-IPv6"])}`), 3],
    [
      () =>
        dnsmasq(
          ctx,
          `/etc/hosts ${rng.pick(Object.values(sc.hosts))}.${sc.domain} is ${insideIp(ctx)}`,
        ),
      1,
    ],
    [
      () =>
        dnsmasq(
          ctx,
          `${rng.pick(["config", "gravity blocked", "regex blacklisted", "exactly blacklisted"])} ${
            rng.pick([
              "ads.doubleclick.net",
              "telemetry.ubuntu.com",
              "pagead2.googlesyndication.com",
              "app-measurement.com",
              "settings-win.data.microsoft.com",
              "browser.events.data.msn.com",
            ])
          } is ${rng.pick(["0.0.0.0", "NXDOMAIN", "::"])}`,
        ),
      1,
    ],
    [() => dnsmasq(ctx, `DHCP, IP range ${sc.lan}100 -- ${sc.lan}250, lease time 12h`), 0.3],
    [() => dnsmasq(ctx, `using nameserver ${upstream(ctx)}`), 0.3],
    [
      () =>
        dnsmasq(
          ctx,
          `started, version 2.${rng.int(80, 90)} cachesize ${rng.pick([150, 1000, 10000])}`,
        ),
      0.2,
    ],
    [() => dnsmasq(ctx, `read /etc/hosts - ${rng.int(5, 40)} names`), 0.2],
  ])();
}

function dhcp(ctx: Ctx): string {
  const { rng, sc } = ctx;
  const iface = rng.pick(["eth0", "br0", "br-lan", "lan", "enp2s0"]);
  const ip = sc.lan + rng.int(100, 250), m = mac(rng);
  const host = rng.pick([
    `${rng.pick(sc.users)}-laptop`,
    "iPhone",
    "android-" + rng.hex(16),
    "DESKTOP-" + rng.alnum(7).toUpperCase(),
    "printer",
    "Chromecast",
    "",
  ]);
  const msg = rng.pick([
    `DHCPDISCOVER(${iface}) ${m}`,
    `DHCPOFFER(${iface}) ${ip} ${m}`,
    `DHCPREQUEST(${iface}) ${ip} ${m}`,
    `DHCPACK(${iface}) ${ip} ${m} ${host}`.trimEnd(),
    `DHCPRELEASE(${iface}) ${ip} ${m}`,
    `DHCPINFORM(${iface}) ${ip} ${m}`,
    `DHCPNAK(${iface}) ${ip} ${m} wrong network`,
  ]);
  const xid = rng.chance(0.3) ? `${rng.int(100000000, 4294967295)} ` : "";
  return syslog(ctx, server(ctx), "dnsmasq-dhcp", rng.int(300, 40000), xid + msg);
}

function dnsmasqTunnel(ctx: Ctx): string {
  const { rng } = ctx;
  const name = tunnelName(rng), cli = netLanIp(ctx), qt = tunnelQtype(rng);
  return rng.weighted<() => string>([
    [
      () =>
        dnsmasq(
          ctx,
          `query[${
            qt === "PRIVATE" ? "type=65399" : qt === "NULL" ? "type=10" : qt
          }] ${name} from ${cli}`,
          cli,
        ),
      4,
    ],
    [() => dnsmasq(ctx, `forwarded ${name} to ${upstream(ctx)}`), 2],
    [
      () =>
        dnsmasq(
          ctx,
          `reply ${name} is ${
            rng.pick([
              "<TXT>",
              "<CNAME>",
              "<MX>",
              "NXDOMAIN",
              "NODATA",
              `10.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(0, 255)}`,
            ])
          }`,
        ),
      2,
    ],
  ])();
}

function dnsmasqRecon(ctx: Ctx): string {
  const { rng, sc } = ctx;
  const att = netAttackerIp(ctx);
  return rng.weighted<() => string>([
    [
      () => dnsmasq(ctx, `query[AXFR] ${rng.pick([sc.domain, sc.publicDomain])} from ${att}`, att),
      2,
    ],
    [
      () =>
        dnsmasq(
          ctx,
          `query[ANY] ${rng.pick([sc.domain, sc.publicDomain, "isc.org", "."])} from ${att}`,
          att,
        ),
      2,
    ],
    [
      () =>
        dnsmasq(
          ctx,
          `query[TXT] ${
            rng.pick(["version.bind", "hostname.bind", "id.server", "version.server"])
          } from ${att}`,
          att,
        ),
      2,
    ],
  ])();
}

function resolved(ctx: Ctx): string {
  const { rng, sc } = ctx;
  const dns = rng.pick([sc.lan + "1", "1.1.1.1", "8.8.8.8", "127.0.0.53"]);
  const msg = rng.pick([
    `Using degraded feature set UDP instead of UDP+EDNS0 for DNS server ${dns}.`,
    `Using degraded feature set TCP instead of UDP for DNS server ${dns}.`,
    `Grace period over, resuming full feature set (UDP+EDNS0) for DNS server ${dns}.`,
    `Server returned error NXDOMAIN, mitigating potential DNS violation DVE-2018-0001, retrying transaction with reduced feature level UDP.`,
    `Switching to fallback DNS server 1.1.1.1#cloudflare-dns.com.`,
    `Clock change detected. Flushing caches.`,
    `Using system hostname '${rng.pick(Object.values(sc.hosts))}'.`,
    `Positive Trust Anchors:`,
    `${rng.pick(["eth0", "ens18", "wlp2s0"])}: Bus client set DNS server list to: ${dns}`,
    `Flushed all caches.`,
  ]);
  return syslog(
    ctx,
    rng.pick([sc.hosts.web, sc.hosts.bastion, `${rng.pick(sc.users)}-laptop`]),
    "systemd-resolved",
    rng.int(300, 3000),
    msg,
  );
}

function unbound(ctx: Ctx, level: string, msg: string): string {
  const { rng, sc } = ctx;
  const pid = rng.int(300, 90000);
  const host = rng.pick([sc.hosts.dns, sc.hosts.fw, "resolver"]);
  return syslog(
    ctx,
    host,
    "unbound",
    rng.chance(0.5) ? pid : null,
    `[${pid}:${rng.int(0, 3)}] ${level}: ${msg}`,
  );
}

function unboundReply(
  ctx: Ctx,
  ip: string,
  name: string,
  qt: string,
  rcode: string,
  cls = "IN",
): string {
  const { rng } = ctx;
  return rng.chance(0.5) ? unbound(ctx, "info", `${ip} ${name}. ${qt} ${cls}`) : unbound(
    ctx,
    "info",
    `${ip} ${name}. ${qt} ${cls} ${rcode} ${(rng.next() * 0.2).toFixed(6)} ${rng.int(0, 1)} ${
      rng.int(30, 500)
    }`,
  );
}

function unboundBenign(ctx: Ctx): string {
  const { rng } = ctx;
  const name = benignName(ctx, BENIGN_DOMAINS);
  return rng.weighted<() => string>([
    [
      () =>
        unboundReply(
          ctx,
          insideIp(ctx),
          name,
          rng.weighted(DNS_QTYPES),
          rng.pick(["NOERROR", "NOERROR", "NOERROR", "NXDOMAIN", "SERVFAIL"]),
        ),
      8,
    ],
    [
      () =>
        unbound(
          ctx,
          "info",
          `generate keytag query _ta-${rng.pick(["4f66", "4a5c-4f66", "9728"])}. NULL IN`,
        ),
      1,
    ],
    [
      () =>
        unbound(
          ctx,
          "info",
          `${rng.pick(["start of service", "service stopped"])} (unbound 1.${rng.int(9, 20)}.${
            rng.int(0, 3)
          }).`,
        ),
      0.5,
    ],
    [
      () =>
        unbound(
          ctx,
          "error",
          `SERVFAIL <${name}. A IN>: all the configured stub or forward servers failed, at zone .`,
        ),
      1,
    ],
    [
      () =>
        unbound(
          ctx,
          "info",
          `validation failure <${name}. ${
            rng.pick(["A", "AAAA", "DS"])
          } IN>: no signatures from ${rng.publicIp()}`,
        ),
      0.5,
    ],
    [
      () =>
        unbound(
          ctx,
          "info",
          `server stats for thread ${rng.int(0, 3)}: ${rng.int(100, 90000)} queries, ${
            rng.int(50, 40000)
          } answers from cache, ${
            rng.int(50, 40000)
          } recursions, 0 prefetch, 0 rejected by ip ratelimiting`,
        ),
      0.5,
    ],
    [
      () =>
        unbound(
          ctx,
          "notice",
          `init module ${rng.int(0, 1)}: ${
            rng.pick(["validator", "iterator", "respip", "subnetcache"])
          }`,
        ),
      0.3,
    ],
  ])();
}

function unboundAttack(ctx: Ctx, exfil: boolean): string {
  const { rng, sc } = ctx;
  if (exfil) {
    return unboundReply(
      ctx,
      insideIp(ctx),
      tunnelName(rng),
      tunnelQtype(rng),
      rng.pick(["NOERROR", "NXDOMAIN"]),
    );
  }
  const att = netAttackerIp(ctx);
  return rng.weighted<() => string>([
    [
      () => unboundReply(ctx, att, sc.publicDomain, rng.pick(["AXFR", "ANY", "IXFR"]), "REFUSED"),
      2,
    ],
    [
      () =>
        unboundReply(
          ctx,
          att,
          rng.pick(["version.bind", "version.server", "hostname.bind"]),
          "TXT",
          "REFUSED",
          "CH",
        ),
      2,
    ],
    [
      () =>
        unboundReply(
          ctx,
          att,
          `${rng.pick(SUBDOMAIN_WORDS)}${rng.pick(["", "2", "-test"])}.${sc.publicDomain}`,
          "A",
          "NXDOMAIN",
        ),
      2,
    ],
  ])();
}

/** dnsmasq, unbound and systemd-resolved templates. */
export const TEMPLATES: Template[] = [
  { family: "dnsmasq", label: "benign", weight: 4, make: dnsmasqBenign },
  { family: "dnsmasq", label: "benign", weight: 1.5, make: dhcp },
  { family: "dnsmasq", label: "exfiltration", weight: 4, make: dnsmasqTunnel },
  { family: "dnsmasq", label: "recon_scan", weight: 0.8, make: dnsmasqRecon },
  { family: "systemd_resolved", label: "benign", weight: 0.8, make: resolved },
  { family: "unbound", label: "benign", weight: 2, make: unboundBenign },
  { family: "unbound", label: "recon_scan", weight: 1, make: (ctx) => unboundAttack(ctx, false) },
  { family: "unbound", label: "exfiltration", weight: 2, make: (ctx) => unboundAttack(ctx, true) },
];
