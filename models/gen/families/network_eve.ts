/**
 * Suricata eve.json protocol records without alerts: benign dns/http/tls/flow/fileinfo, DNS tunnel
 * queries and bulk uploads.
 *
 * @module
 */
import type { Ctx, Template } from "../types.ts";
import { ymd } from "../format.ts";
import { BENIGN_DOMAINS, BENIGN_PATHS, BROWSER_UAS, CRAWLER_UAS } from "../pools.ts";
import { ephemeral, insideIp, netAttackerIp } from "./network_common.ts";
import { benignName, tunnelName, tunnelQtype } from "./network_names.ts";
import { eveTime, head } from "./network_ids.ts";

/** Benign eve protocol records: dns, http, tls, flow, fileinfo. */
function eveBenign(ctx: Ctx): string {
  const { rng, sc } = ctx;
  const cli = insideIp(ctx), srv = rng.publicIp(), sp = ephemeral(rng);
  const name = benignName(ctx, BENIGN_DOMAINS);
  const kind = rng.weighted([["dns", 4], ["http", 2], ["tls", 3], ["flow", 3], ["fileinfo", 1]]);
  switch (kind) {
    case "dns": {
      const resolver = rng.pick([sc.lan + "1", "8.8.8.8", "1.1.1.1", sc.dmz + "2"]);
      const rec: Record<string, unknown> = head(ctx, "dns", cli, sp, resolver, 53, "UDP");
      const rrtype = rng.pick(["A", "A", "AAAA", "HTTPS", "PTR", "TXT", "SRV"]);
      rec.dns = rng.chance(0.5)
        ? {
          type: "query",
          id: rng.int(1, 65535),
          rrname: name,
          rrtype,
          tx_id: rng.int(0, 3),
          opcode: 0,
        }
        : {
          version: 2,
          type: "answer",
          id: rng.int(1, 65535),
          flags: "8180",
          qr: true,
          rd: true,
          ra: true,
          opcode: 0,
          rrname: name,
          rrtype,
          rcode: rng.pick(["NOERROR", "NOERROR", "NXDOMAIN"]),
          answers: [{ rrname: name, rrtype: "A", ttl: rng.int(20, 86400), rdata: srv }],
          grouped: { A: [srv] },
        };
      return JSON.stringify(rec);
    }
    case "http": {
      const rec: Record<string, unknown> = head(ctx, "http", cli, sp, srv, 80, "TCP");
      rec.tx_id = rng.int(0, 5);
      rec.http = {
        hostname: rng.pick(BENIGN_DOMAINS),
        url: rng.pick(BENIGN_PATHS),
        http_user_agent: rng.pick([...BROWSER_UAS, ...CRAWLER_UAS.slice(-8)]),
        http_content_type: rng.pick([
          "text/html",
          "application/json",
          "image/png",
          "application/octet-stream",
        ]),
        http_method: rng.pick(["GET", "GET", "POST"]),
        protocol: "HTTP/1.1",
        status: rng.pick([200, 200, 304, 301, 404]),
        length: rng.int(0, 300000),
      };
      return JSON.stringify(rec);
    }
    case "tls": {
      const rec: Record<string, unknown> = head(ctx, "tls", cli, sp, srv, 443, "TCP");
      const sni = rng.pick(BENIGN_DOMAINS);
      rec.tls = {
        subject: `CN=${sni}`,
        issuerdn: rng.pick([
          "C=US, O=Let's Encrypt, CN=R3",
          "C=US, O=Google Trust Services, CN=WR2",
          "C=US, O=DigiCert Inc, CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1",
          "C=US, O=Microsoft Corporation, CN=Microsoft Azure RSA TLS Issuing CA 04",
        ]),
        serial: Array.from({ length: 16 }, () => rng.hex(2).toUpperCase()).join(":"),
        fingerprint: Array.from({ length: 20 }, () => rng.hex(2)).join(":"),
        sni,
        version: rng.pick(["TLS 1.3", "TLS 1.2"]),
        notbefore: `${ymd(ctx.now)}T00:00:00`,
        notafter: `${ctx.now.getUTCFullYear() + 1}-01-01T00:00:00`,
        ja3: { hash: rng.hex(32) },
        ja3s: { hash: rng.hex(32) },
      };
      return JSON.stringify(rec);
    }
    case "flow": {
      const udp = rng.chance(0.3);
      const rec: Record<string, unknown> = head(
        ctx,
        "flow",
        cli,
        sp,
        srv,
        udp ? rng.pick([53, 123, 443]) : rng.pick([443, 80, 22, 993]),
        udp ? "UDP" : "TCP",
      );
      rec.app_proto = udp
        ? rng.pick(["dns", "ntp", "quic"])
        : rng.pick(["tls", "http", "ssh", "failed"]);
      rec.flow = {
        pkts_toserver: rng.int(1, 400),
        pkts_toclient: rng.int(1, 900),
        bytes_toserver: rng.int(60, 90000),
        bytes_toclient: rng.int(60, 5000000),
        start: eveTime(ctx),
        end: eveTime(ctx),
        age: rng.int(0, 300),
        state: rng.pick(["closed", "established", "new"]),
        reason: rng.pick(["timeout", "shutdown"]),
        alerted: false,
      };
      if (!udp) {
        rec.tcp = {
          tcp_flags: rng.pick(["1b", "1f", "1a", "db"]),
          syn: true,
          fin: true,
          psh: true,
          ack: true,
          state: "closed",
        };
      }
      return JSON.stringify(rec);
    }
    default: {
      const rec: Record<string, unknown> = head(ctx, "fileinfo", srv, 80, cli, sp, "TCP");
      rec.http = {
        hostname: rng.pick(BENIGN_DOMAINS),
        url: rng.pick(BENIGN_PATHS),
        http_method: "GET",
        protocol: "HTTP/1.1",
        status: 200,
        length: rng.int(200, 900000),
      };
      rec.app_proto = "http";
      rec.fileinfo = {
        filename: rng.pick(BENIGN_PATHS),
        gaps: false,
        state: "CLOSED",
        stored: false,
        size: rng.int(200, 900000),
        tx_id: 0,
      };
      return JSON.stringify(rec);
    }
  }
}

/** DNS tunnelling seen by Suricata's dns logger (no alert, the name is the evidence). */
function eveTunnel(ctx: Ctx): string {
  const { rng, sc } = ctx;
  const rec: Record<string, unknown> = head(
    ctx,
    "dns",
    insideIp(ctx),
    ephemeral(rng),
    rng.pick([sc.lan + "1", "8.8.8.8", netAttackerIp(ctx)]),
    53,
    "UDP",
  );
  rec.dns = {
    type: "query",
    id: rng.int(1, 65535),
    rrname: tunnelName(rng),
    rrtype: tunnelQtype(rng),
    tx_id: 0,
    opcode: 0,
  };
  return JSON.stringify(rec);
}

/** A large one-way upload flow to an outside host on an odd port. */
function eveBulk(ctx: Ctx): string {
  const { rng } = ctx;
  const rec: Record<string, unknown> = head(
    ctx,
    "flow",
    insideIp(ctx),
    ephemeral(rng),
    netAttackerIp(ctx),
    rng.pick([4444, 8443, 9001, 2222, 6000, 1337, 21]),
    "TCP",
  );
  rec.app_proto = rng.pick(["failed", "tls", "ssh"]);
  const up = rng.int(500, 20000) * 1048576;
  rec.flow = {
    pkts_toserver: Math.floor(up / 1448),
    pkts_toclient: rng.int(100, 40000),
    bytes_toserver: up,
    bytes_toclient: rng.int(5000, 900000),
    start: eveTime(ctx),
    end: eveTime(ctx),
    age: rng.int(600, 30000),
    state: "closed",
    reason: "timeout",
    alerted: false,
  };
  return JSON.stringify(rec);
}

/** eve protocol-record templates. */
export const TEMPLATES: Template[] = [
  { family: "suricata_eve", label: "benign", weight: 3, make: eveBenign },
  { family: "suricata_eve", label: "exfiltration", weight: 1.5, make: eveTunnel },
  { family: "suricata_eve", label: "exfiltration", weight: 0.7, make: eveBulk },
];
