/**
 * Zeek conn.log and dns.log records (tab-separated and JSON): ordinary flows, scan probes, bulk
 * uploads and tunnel queries.
 *
 * @module
 */
import type { Ctx, Template } from "../types.ts";
import { BENIGN_DOMAINS } from "../pools.ts";
import { ephemeral, insideIp, netAttackerIp, scanPort } from "./network_common.ts";
import { benignName, DNS_QTYPES, tunnelName, tunnelQtype } from "./network_names.ts";

const QNUM: Record<string, number> = {
  A: 1,
  NS: 2,
  CNAME: 5,
  SOA: 6,
  NULL: 10,
  PTR: 12,
  MX: 15,
  TXT: 16,
  AAAA: 28,
  SRV: 33,
  HTTPS: 65,
  AXFR: 252,
  ANY: 255,
  PRIVATE: 65399,
};

interface Conn {
  orig: string;
  op: number;
  resp: string;
  rp: number;
  proto: string;
  service: string;
  duration: string;
  ob: string;
  rb: string;
  state: string;
  history: string;
  opk: number;
  oip: number;
  rpk: number;
  rip: number;
}

function uid(ctx: Ctx): string {
  return "C" + ctx.rng.alnum(17);
}

function ts(ctx: Ctx): string {
  return (ctx.now.getTime() / 1000).toFixed(6);
}

function isLocal(ip: string, ctx: Ctx): string {
  return [ctx.sc.lan, ctx.sc.dmz, ctx.sc.vpnPool].some((p) => ip.startsWith(p)) ? "T" : "F";
}

/** One conn.log record, TSV or JSON. */
function conn(ctx: Ctx, c: Conn): string {
  const { rng } = ctx;
  const lo = isLocal(c.orig, ctx), lr = isLocal(c.resp, ctx);
  if (rng.chance(0.35)) {
    const num = (s: string) => (s === "-" ? undefined : Number(s));
    return JSON.stringify({
      ts: Number(ts(ctx)),
      uid: uid(ctx),
      "id.orig_h": c.orig,
      "id.orig_p": c.op,
      "id.resp_h": c.resp,
      "id.resp_p": c.rp,
      proto: c.proto,
      ...(c.service !== "-" ? { service: c.service } : {}),
      duration: num(c.duration),
      orig_bytes: num(c.ob),
      resp_bytes: num(c.rb),
      conn_state: c.state,
      local_orig: lo === "T",
      local_resp: lr === "T",
      missed_bytes: 0,
      history: c.history,
      orig_pkts: c.opk,
      orig_ip_bytes: c.oip,
      resp_pkts: c.rpk,
      resp_ip_bytes: c.rip,
    });
  }
  return [
    ts(ctx),
    uid(ctx),
    c.orig,
    c.op,
    c.resp,
    c.rp,
    c.proto,
    c.service,
    c.duration,
    c.ob,
    c.rb,
    c.state,
    lo,
    lr,
    0,
    c.history,
    c.opk,
    c.oip,
    c.rpk,
    c.rip,
    "-",
  ].join("\t");
}

function benignConn(ctx: Ctx): string {
  const { rng } = ctx;
  const kind = rng.weighted([["tcp", 6], ["dns", 3], ["ntp", 1], ["rst", 1], ["s0udp", 1]]);
  const orig = insideIp(ctx), op = ephemeral(rng);
  switch (kind) {
    case "tcp": {
      const rp = rng.pick([443, 443, 443, 80, 22, 993, 587, 8443, 5222]);
      const ob = rng.int(200, 90000),
        rb = rng.int(400, 9000000),
        opk = rng.int(6, 300),
        rpk = rng.int(6, 6000);
      return conn(ctx, {
        orig,
        op,
        resp: rng.publicIp(),
        rp,
        proto: "tcp",
        service: { 443: "ssl", 8443: "ssl", 80: "http", 22: "ssh", 993: "ssl", 587: "smtp" }[rp] ??
          "-",
        duration: (rng.next() * 300).toFixed(6),
        ob: `${ob}`,
        rb: `${rb}`,
        state: "SF",
        history: rng.pick(["ShADadFf", "ShADadfF", "ShADadFfR", "ShADdaFf"]),
        opk,
        oip: ob + opk * 52,
        rpk,
        rip: rb + rpk * 52,
      });
    }
    case "dns": {
      const ob = rng.int(30, 80), rb = rng.int(46, 400);
      return conn(ctx, {
        orig,
        op,
        resp: rng.pick([ctx.sc.lan + "1", "8.8.8.8", "1.1.1.1"]),
        rp: 53,
        proto: "udp",
        service: "dns",
        duration: (rng.next() * 0.1).toFixed(6),
        ob: `${ob}`,
        rb: `${rb}`,
        state: "SF",
        history: "Dd",
        opk: 1,
        oip: ob + 28,
        rpk: 1,
        rip: rb + 28,
      });
    }
    case "ntp":
      return conn(ctx, {
        orig,
        op: 123,
        resp: rng.publicIp(),
        rp: 123,
        proto: "udp",
        service: "ntp",
        duration: (rng.next() * 0.05).toFixed(6),
        ob: "48",
        rb: "48",
        state: "SF",
        history: "Dd",
        opk: 1,
        oip: 76,
        rpk: 1,
        rip: 76,
      });
    case "rst":
      return conn(ctx, {
        orig,
        op,
        resp: rng.publicIp(),
        rp: 443,
        proto: "tcp",
        service: "ssl",
        duration: (rng.next() * 60).toFixed(6),
        ob: `${rng.int(500, 5000)}`,
        rb: `${rng.int(3000, 90000)}`,
        state: rng.pick(["RSTO", "RSTR", "S1", "OTH"]),
        history: rng.pick(["ShADadR", "ShADadr", "ShAD", "^dA"]),
        opk: rng.int(5, 40),
        oip: rng.int(800, 7000),
        rpk: rng.int(5, 80),
        rip: rng.int(3000, 95000),
      });
    default:
      return conn(ctx, {
        orig,
        op,
        resp: rng.pick(["224.0.0.251", "239.255.255.250", ctx.sc.lan + "255"]),
        rp: rng.pick([5353, 1900, 137, 138]),
        proto: "udp",
        service: rng.pick(["dns", "-"]),
        duration: "-",
        ob: "-",
        rb: "-",
        state: "S0",
        history: "D",
        opk: 1,
        oip: rng.int(60, 400),
        rpk: 0,
        rip: 0,
      });
  }
}

function scanConn(ctx: Ctx): string {
  const { rng } = ctx;
  const rej = rng.chance(0.4);
  const udp = rng.chance(0.12);
  if (udp) {
    return conn(ctx, {
      orig: netAttackerIp(ctx),
      op: ephemeral(rng),
      resp: insideIp(ctx),
      rp: rng.pick([161, 1900, 123, 5060, 137, 11211, 623]),
      proto: "udp",
      service: "-",
      duration: "-",
      ob: "-",
      rb: "-",
      state: "S0",
      history: "D",
      opk: 1,
      oip: 28,
      rpk: 0,
      rip: 0,
    });
  }
  return conn(ctx, {
    orig: netAttackerIp(ctx),
    op: rng.chance(0.5) ? rng.int(40000, 65000) : ephemeral(rng),
    resp: insideIp(ctx),
    rp: scanPort(rng),
    proto: "tcp",
    service: "-",
    duration: rej ? (rng.next() * 0.001).toFixed(6) : "-",
    ob: rej ? "0" : "-",
    rb: rej ? "0" : "-",
    state: rej ? "REJ" : rng.weighted([["S0", 6], ["RSTOS0", 1], ["SH", 1], ["OTH", 1]]),
    history: rej ? "Sr" : rng.pick(["S", "S", "S", "R", "F", "Sr"]),
    opk: 1,
    oip: rng.pick([40, 44, 60]),
    rpk: rej ? 1 : 0,
    rip: rej ? 40 : 0,
  });
}

function exfilConn(ctx: Ctx): string {
  const { rng } = ctx;
  const ob = rng.int(300, 20000) * 1048576 + rng.int(0, 999999), rb = rng.int(3000, 900000);
  const opk = Math.floor(ob / 1448), rpk = rng.int(1000, 90000);
  return conn(ctx, {
    orig: insideIp(ctx),
    op: ephemeral(rng),
    resp: netAttackerIp(ctx),
    rp: rng.pick([4444, 8443, 9001, 2222, 6000, 1337, 21, 53, 8080, 31337]),
    proto: "tcp",
    service: rng.pick(["-", "-", "ssl", "ssh", "ftp-data"]),
    duration: (rng.int(600, 40000) + rng.next()).toFixed(6),
    ob: `${ob}`,
    rb: `${rb}`,
    state: rng.pick(["SF", "S1", "RSTO"]),
    history: rng.pick(["ShADadFf", "ShADd", "ShADadR"]),
    opk,
    oip: ob + opk * 52,
    rpk,
    rip: rb + rpk * 52,
  });
}

/** One dns.log record (TSV). */
function dnsRec(
  ctx: Ctx,
  orig: string,
  resp: string,
  proto: string,
  query: string,
  qtype: string,
  rcode: string,
  answers: string,
): string {
  const { rng } = ctx;
  const rc = { NOERROR: 0, NXDOMAIN: 3, REFUSED: 5, SERVFAIL: 2 }[rcode] ?? 0;
  const ans = answers === "-" ? ["-", "-"] : [answers, `${rng.int(20, 86400)}.000000`];
  return [
    ts(ctx),
    uid(ctx),
    orig,
    ephemeral(rng),
    resp,
    53,
    proto,
    rng.int(1, 65535),
    (rng.next() * 0.2).toFixed(6),
    query,
    1,
    "C_INTERNET",
    QNUM[qtype] ?? 1,
    qtype,
    rc,
    rcode,
    "F",
    "F",
    "T",
    answers === "-" ? "F" : "T",
    0,
    ...ans,
    "F",
  ].join("\t");
}

function dnsBenign(ctx: Ctx): string {
  const { rng } = ctx;
  const qt = rng.weighted(DNS_QTYPES);
  const nx = rng.chance(0.15);
  return dnsRec(
    ctx,
    insideIp(ctx),
    rng.pick([ctx.sc.lan + "1", "8.8.8.8", "1.1.1.1"]),
    "udp",
    benignName(ctx, BENIGN_DOMAINS),
    qt,
    nx ? "NXDOMAIN" : "NOERROR",
    nx ? "-" : rng.publicIp(),
  );
}

function dnsTunnel(ctx: Ctx): string {
  const { rng } = ctx;
  return dnsRec(
    ctx,
    insideIp(ctx),
    rng.pick([ctx.sc.lan + "1", "8.8.8.8", netAttackerIp(ctx)]),
    "udp",
    tunnelName(rng),
    tunnelQtype(rng),
    rng.pick(["NOERROR", "NOERROR", "NXDOMAIN"]),
    rng.chance(0.5)
      ? "-"
      : rng.pick([rng.alnum(40), `10.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(0, 255)}`]),
  );
}

function dnsRecon(ctx: Ctx): string {
  const { rng, sc } = ctx;
  return dnsRec(
    ctx,
    netAttackerIp(ctx),
    sc.dmz + rng.int(2, 9),
    rng.pick(["tcp", "udp"]),
    rng.pick([sc.publicDomain, sc.domain]),
    rng.pick(["AXFR", "AXFR", "ANY"]),
    rng.pick(["REFUSED", "NOERROR"]),
    "-",
  );
}

/** Zeek templates. */
export const TEMPLATES: Template[] = [
  { family: "zeek_conn", label: "benign", weight: 3, make: benignConn },
  { family: "zeek_conn", label: "recon_scan", weight: 2.5, make: scanConn },
  { family: "zeek_conn", label: "exfiltration", weight: 1.5, make: exfilConn },
  { family: "zeek_dns", label: "benign", weight: 2, make: dnsBenign },
  { family: "zeek_dns", label: "exfiltration", weight: 2, make: dnsTunnel },
  { family: "zeek_dns", label: "recon_scan", weight: 0.8, make: dnsRecon },
];
