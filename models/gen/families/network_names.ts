/**
 * DNS names: attacker tunnel names (dnsteal, iodine, dnscat2, base32/64 chunks), subdomain guesses
 * and long benign machine-made names.
 *
 * @module
 */
import type { Ctx } from "../types.ts";
import type { Rng } from "../rng.ts";
import { netLanIp } from "./network_common.ts";

/** Scan-ish words attackers use as DNS subdomain guesses. */
export const SUBDOMAIN_WORDS = [
  "admin",
  "vpn",
  "dev",
  "staging",
  "test",
  "mail2",
  "ftp",
  "beta",
  "old",
  "backup",
  "intranet",
  "jenkins",
  "gitlab",
  "jira",
  "git",
  "test1",
  "dev2",
  "stage",
  "uat",
  "qa",
  "internal",
  "portal",
  "webmail2",
  "ns3",
  "sql",
  "db",
  "mysql",
  "remote",
  "owa2",
  "citrix",
  "sftp",
  "demo",
  "api-dev",
  "admin2",
  "secure",
  "m",
  "cpanel",
  "whm",
  "direct",
  "origin",
  "monitor",
  "nagios",
  "kibana",
  "grafana",
  "vpn2",
  "sso-test",
  "bak",
];

/** An attacker-controlled tunnel or collaborator domain. */
export function tunnelDomain(rng: Rng): string {
  return rng.weighted([
    [
      `${rng.pick(["t", "t1", "tun", "n", "d", "x", "ns"])}.${
        rng.chars(rng.int(4, 9), "abcdefghijklmnopqrstuvwxyz")
      }.${
        rng.pick(["xyz", "top", "club", "online", "site", "info", "ru", "cc", "io", "net", "com"])
      }`,
      5,
    ],
    [
      `${rng.chars(rng.int(5, 10), "abcdefghijklmnopqrstuvwxyz0123456789")}.${
        rng.pick(["xyz", "top", "pw", "tk", "ml", "biz", "com", "net"])
      }`,
      3,
    ],
    [
      `${
        rng.pick([
          "oastify.com",
          "burpcollaborator.net",
          "interact.sh",
          "dnslog.cn",
          "ceye.io",
          "requestrepo.com",
        ])
      }`,
      1,
    ],
  ]);
}

function chunked(s: string, n: number): string {
  const parts: string[] = [];
  for (let i = 0; i < s.length; i += n) parts.push(s.slice(i, i + n));
  return parts.join(".");
}

/** The DNS record type a tunnel tool asks for. */
export function tunnelQtype(rng: Rng): string {
  return rng.weighted([["TXT", 5], ["A", 3], ["NULL", 2], ["CNAME", 2], ["MX", 1], ["AAAA", 1], [
    "PRIVATE",
    1,
  ], ["SRV", 1]]);
}

/** A DNS tunnel or exfiltration query name: dnsteal, iodine, dnscat2 or base64/base32 chunks. */
export function tunnelName(rng: Rng, domain = tunnelDomain(rng)): string {
  const style = rng.weighted([
    ["dnsteal", 3],
    ["iodine", 3],
    ["dnscat", 3],
    ["b64", 2],
    ["b32", 2],
    ["hexid", 1],
  ]);
  const b32 = "abcdefghijklmnopqrstuvwxyz234567";
  const b64u = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  switch (style) {
    case "dnsteal":
      return `${chunked(rng.hex(rng.int(2, 4) * rng.pick([60, 63, 32])), rng.pick([60, 63, 32]))}.${
        rng.pick(["", "passwd-", "backup.tar.gz-", "shadow-", "db.sql-"])
      }${rng.int(0, 99)}.${domain}`;
    case "iodine":
      return `${rng.pick([..."0123456789abcdefpy"])}${
        chunked(
          rng.chars(rng.int(60, 200), b32 + "0189ABCDEFGHIJKLMNOPQRSTUVWXYZ"),
          rng.pick([57, 63]),
        )
      }.${domain}`;
    case "dnscat":
      return `${rng.chance(0.4) ? "dnscat." : ""}${
        chunked(rng.hex(rng.int(36, 220)), rng.pick([60, 63, 36]))
      }.${domain}`;
    case "b64":
      return `${chunked(rng.chars(rng.int(40, 180), b64u), rng.pick([52, 60, 63]))}.${domain}`;
    case "b32":
      return `${chunked(rng.chars(rng.int(40, 180), b32), rng.pick([52, 56, 63]))}.${domain}`;
    default:
      return `${rng.hex(rng.int(16, 40))}.${rng.int(0, 4000)}.${rng.hex(8)}.${domain}`;
  }
}

function revIp(ip: string): string {
  return ip.split(".").reverse().join(".");
}

/** A benign name a LAN or server resolves, long machine-made ones included (CDN, cloud, DKIM, DNSBL, telemetry, mDNS). */
export function benignName(ctx: Ctx, pool: readonly string[]): string {
  const { rng, sc } = ctx;
  return rng.weighted<() => string>([
    [() => rng.pick(pool), 8],
    [
      () => `e${rng.int(1000, 99999)}.${rng.pick(["a", "b", "dscb", "dscx", "g"])}.akamaiedge.net`,
      1,
    ],
    [() => `a${rng.int(100, 9999)}.${rng.pick(["g2", "dscg", "b"])}.akamai.net`, 1],
    [() => `d${rng.chars(13, "abcdefghijklmnopqrstuvwxyz0123456789")}.cloudfront.net`, 1],
    [
      () =>
        `${rng.pick(["internal-", "", "k8s-default-"])}${
          rng.pick(["app", "api", "web", "ingress"])
        }-${rng.pick(["prod", "stg", "lb"])}-${rng.int(100000000, 2147483647)}.${
          rng.pick(["eu-west-1", "us-east-1", "eu-central-1"])
        }.elb.amazonaws.com`,
      1,
    ],
    [
      () =>
        `${
          rng.pick(["selector1", "selector2", "google", "s1", "k1", "default", "mail"])
        }._domainkey.${
          rng.pick([
            sc.publicDomain,
            "gmail.com",
            "outlook.com",
            "mailchimpapp.net",
            "amazonses.com",
          ])
        }`,
      1,
    ],
    [
      () =>
        `${revIp(rng.publicIp())}.${
          rng.pick([
            "zen.spamhaus.org",
            "bl.spamcop.net",
            "b.barracudacentral.org",
            "dnsbl.sorbs.net",
            "ix.dnsbl.manitu.net",
            "bl.mailspike.net",
          ])
        }`,
      1,
    ],
    [() => `${rng.hex(32)}.${rng.pick(["sbl.sophosxl.net", "sxl.sophosxl.net"])}`, 1],
    [
      () =>
        `_${
          rng.pick([
            "ldap._tcp",
            "kerberos._udp",
            "kerberos._tcp",
            "gc._tcp",
            "ldap._tcp.dc._msdcs",
            "kpasswd._udp",
          ])
        }.${sc.domain}`,
      1,
    ],
    [
      () =>
        `${rng.pick(["_dmarc", "_spf", "_mta-sts", "_acme-challenge"])}.${
          rng.pick([sc.publicDomain, "google.com", "microsoft.com"])
        }`,
      1,
    ],
    [() => `${rng.pick(sc.users)}-${rng.pick(["laptop", "pc", "mbp", "desktop"])}.${sc.domain}`, 2],
    [() => `${rng.pick(Object.values(sc.hosts))}.${sc.domain}`, 3],
    [
      () =>
        `${rng.int(0, 3)}.${
          rng.pick(["pool", "debian.pool", "ubuntu.pool", "centos.pool", "europe.pool"])
        }.ntp.org`,
      1,
    ],
    [() => `${rng.pick(["r3", "r10", "r11", "e5", "e6"])}.o.lencr.org`, 1],
    [
      () =>
        `rr${rng.int(1, 8)}---sn-${
          rng.chars(8, "abcdefghijklmnopqrstuvwxyz0123456789")
        }.googlevideo.com`,
      1,
    ],
    [
      () =>
        `o${rng.int(100000, 999999)}.ingest.${
          rng.pick(["sentry.io", "us.sentry.io", "de.sentry.io"])
        }`,
      1,
    ],
    [
      () =>
        `${rng.hex(8)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(12)}.${
          rng.pick(["ods.opinsights.azure.com", "oms.opinsights.azure.com", "trafficmanager.net"])
        }`,
      1,
    ],
    [
      () =>
        `${rng.chars(14, "abcdefghijklmnopqrstuvwxyz0123456789")}-ats.iot.${
          rng.pick(["eu-west-1", "us-east-1"])
        }.amazonaws.com`,
      1,
    ],
    [() => `${[...rng.hex(20)].join(".")}.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa`, 1],
    [() => `${revIp(netLanIp(ctx))}.in-addr.arpa`, 2],
    [() => rng.chars(rng.int(7, 15), "abcdefghijklmnopqrstuvwxyz"), 1],
    [() => `${rng.pick(["HP", "Brother", "EPSON", "Canon"])}${rng.hex(6).toUpperCase()}.local`, 1],
    [
      () =>
        rng.pick([
          "_ipp._tcp.local",
          "_googlecast._tcp.local",
          "_airplay._tcp.local",
          "_spotify-connect._tcp.local",
          "_companion-link._tcp.local",
        ]),
      1,
    ],
  ])();
}

/** Query types of ordinary lookups, by weight. */
export const DNS_QTYPES: [string, number][] = [
  ["A", 8],
  ["AAAA", 5],
  ["HTTPS", 2],
  ["PTR", 1],
  ["SRV", 1],
  ["TXT", 1],
  ["MX", 0.5],
  ["SOA", 0.3],
  ["NS", 0.3],
];
