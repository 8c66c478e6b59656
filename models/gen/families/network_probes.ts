/**
 * Port-scan and banner-grab traces in service logs: raw probes in web logs, portsentry, psad,
 * xinetd, rpcbind, telnetd.
 *
 * @module
 */
import type { Ctx, Template } from "../types.ts";
import { accessLine, clfTime, nginxErrorTime, syslog } from "../format.ts";
import { BENIGN_PATHS, BROWSER_UAS } from "../pools.ts";
import { insideIp, netAttackerIp, netLanIp, scanPort, UDP_SCAN_PORTS } from "./network_common.ts";

/** Random bytes the way nginx/Apache escape them in a log ("\x16\x03\x01..."). */
function esc(ctx: Ctx, n: number): string {
  let s = "";
  for (let i = 0; i < n; i++) {
    const b = ctx.rng.int(0, 255);
    s += b >= 0x21 && b < 0x7f && b !== 0x22 && b !== 0x5c
      ? String.fromCharCode(b)
      : `\\x${b.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return s;
}

/** A request line a scanner or non-HTTP client sends to a web port. */
function probe(ctx: Ctx): string {
  const { rng, sc } = ctx;
  return rng.weighted<() => string>([
    [
      () =>
        `\\x16\\x03\\x01${
          rng.pick([
            "\\x00\\xF1\\x01\\x00\\x00\\xED",
            "\\x02\\x00\\x01\\x00\\x01\\xFC",
            "\\x00\\xCA\\x01\\x00\\x00\\xC6",
            "\\x01\\x00\\x01\\x00\\x00\\xFC",
          ])
        }\\x03\\x03${esc(ctx, rng.int(6, 30))}`,
      5,
    ],
    [() => "SSTP_DUPLEX_POST /sra_{BA195980-CD49-458b-9E23-C84EE0ADCD75}/ HTTP/1.1", 2],
    [() => "PRI * HTTP/2.0", 2],
    [
      () =>
        `MGLNDD_${rng.pick([rng.publicIp(), sc.dmz + rng.int(2, 60)])}_${
          rng.pick([80, 443, 8080, 8443])
        }`,
      2,
    ],
    [
      () =>
        `\\x03\\x00\\x00${
          rng.pick(["/*\\xE0", "+&\\xE0", "*%\\xE0"])
        }\\x00\\x00\\x00\\x00\\x00Cookie: mstshash=${
          rng.pick(["Administr", "nmap", "hello", "Test", "eltons"])
        }`,
      2,
    ],
    [
      () =>
        "\\x00\\x00\\x00\\xA4\\xFFSMBr\\x00\\x00\\x00\\x00\\x08\\x01@\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00@\\x06",
      1,
    ],
    [() => "GET /nice%20ports%2C/Tri%6Eity.txt%2ebak HTTP/1.0", 1],
    [
      () =>
        rng.pick([
          "t3 12.2.1",
          "JDWP-Handshake",
          "OPTIONS sip:nm SIP/2.0",
          "HELP",
          "stats",
          "quit",
          "\\x00\\x0E8\\x97\\xAB\\xB2\\xBB\\xBA\\xB1\\x1D\\x90\\x00\\x00\\x00\\x00",
          "GIOP\\x01\\x00\\x01\\x00$\\x00\\x00\\x00",
          "\\x05\\x01\\x00",
          "CONNECT www.google.com:443 HTTP/1.1",
        ]),
      3,
    ],
    [() => esc(ctx, rng.int(4, 24)), 2],
  ])();
}

/** A web access line for a raw probe: nginx/Apache write it with status 400 and usually no UA. */
function rawAccess(ctx: Ctx): string {
  const { rng, sc } = ctx;
  const ip = netAttackerIp(ctx);
  const req = probe(ctx);
  if (req.startsWith("GET /nice") || req.startsWith("CONNECT")) {
    return accessLine(ctx, {
      ip,
      method: req.split(" ")[0],
      path: req.split(" ")[1],
      proto: req.split(" ")[2],
      status: req.startsWith("GET") ? 404 : 400,
      bytes: rng.int(150, 500),
      ua: "-",
    });
  }
  const status = rng.weighted([[400, 8], [408, 1], [501, 1]]);
  const bytes = rng.pick([0, 150, 157, 166, 173, 226, 301]);
  const base = `${ip} - - [${clfTime(ctx.now, sc.tz)}] "${req}" ${status} ${
    sc.webStyle === "nginx" ? bytes : bytes || "-"
  }`;
  switch (sc.webStyle) {
    case "common":
      return base;
    case "vhost_combined":
      return `${sc.hosts.web}.${sc.publicDomain}:${rng.pick([80, 443])} ${base} "-" "-"`;
    default:
      return `${base} "-" "-"`;
  }
}

/** Internet-wide scanners grabbing the front page banner. */
function bannerGrab(ctx: Ctx): string {
  const { rng } = ctx;
  const ua = rng.pick([
    "Mozilla/5.0 zgrab/0.x",
    "masscan/1.3 (https://github.com/robertdavidgraham/masscan)",
    "Mozilla/5.0 (compatible; CensysInspect/1.1; +https://about.censys.io/)",
    "Expanse, a Palo Alto Networks company, searches across the global IPv4 space multiple times per day to identify customers' presences on the Internet. If you would like to be excluded from our scans, please send IP addresses/domains to: scaninfo@paloaltonetworks.com",
    "Mozilla/5.0 (compatible; InternetMeasurement/1.0; +https://internet-measurement.com/)",
    "Mozilla/5.0 (compatible; Nmap Scripting Engine; https://nmap.org/book/nse.html)",
    "NetSystemsResearch studies the availability of various services across the internet. Our website is netsystemsresearch.com",
    "Mozilla/5.0 (compatible; ModatScanner/1.0; +https://modat.io/)",
    "fasthttp",
    "-",
  ]);
  return accessLine(ctx, {
    ip: netAttackerIp(ctx),
    method: rng.pick(["GET", "GET", "HEAD"]),
    path: rng.pick(["/", "/", "/robots.txt", "/favicon.ico"]),
    proto: rng.pick(["HTTP/1.1", "HTTP/1.0"]),
    status: rng.pick([200, 301, 302, 400, 404]),
    bytes: rng.int(0, 9000),
    ua,
  });
}

/** Nmap's NSE http scripts during a service scan (-sC/-sV): its user agent and probe paths. */
function nmapNse(ctx: Ctx): string {
  const { rng } = ctx;
  const t = Math.floor(ctx.now.getTime() / 1000);
  const path = rng.pick([
    `/nmaplowercheck${t}`,
    `/NmapUpperCheck${t}`,
    `/Nmap/folder/check${t}`,
    "/HNAP1",
    "/evox/about",
    "/sdk",
    "/rs/bt",
    "/.git/HEAD",
    "/robots.txt",
    "/cgi-bin/",
    "/webdav/",
  ]);
  return accessLine(ctx, {
    ip: netAttackerIp(ctx),
    method: rng.weighted([["GET", 6], ["OPTIONS", 1], ["PROPFIND", 1], [
      "POST",
      path === "/sdk" ? 3 : 0.2,
    ]]),
    path,
    proto: rng.pick(["HTTP/1.1", "HTTP/1.0"]),
    status: rng.weighted([[404, 6], [200, 2], [400, 1], [405, 1]]),
    bytes: rng.int(0, 9000),
    ua: "Mozilla/5.0 (compatible; Nmap Scripting Engine; https://nmap.org/book/nse.html)",
  });
}

function nginxInvalid(ctx: Ctx): string {
  const { rng, sc } = ctx;
  const why = rng.weighted([
    ["client sent invalid method while reading client request line", 5],
    ["client sent invalid request while reading client request line", 2],
    ["client sent invalid version while reading client request line", 1],
    ['client sent HTTP/1.1 request without "Host" header while reading client request headers', 1],
  ]);
  const server = rng.pick([
    `${sc.hosts.web}.${sc.publicDomain}`,
    sc.publicDomain,
    "_",
    "localhost",
    "0.0.0.0:443",
  ]);
  return `${nginxErrorTime(ctx.now)} [info] ${rng.int(300, 40000)}#${rng.int(0, 8)}: *${
    rng.int(1, 9999999)
  } ${why}, client: ${netAttackerIp(ctx)}, server: ${server}, request: "${probe(ctx)}"`;
}

function benignTimeout(ctx: Ctx): string {
  const { rng, sc } = ctx;
  const ip = rng.chance(0.6) ? rng.publicIp() : netLanIp(ctx);
  if (sc.webStyle === "nginx" || rng.chance(0.3)) {
    return accessLine(ctx, {
      ip,
      method: "GET",
      path: rng.pick(BENIGN_PATHS),
      status: rng.pick([200, 304, 499]),
      bytes: rng.int(0, 9000),
      ua: rng.pick(BROWSER_UAS),
    });
  }
  const base = `${ip} - - [${clfTime(ctx.now, sc.tz)}] "-" 408 ${rng.pick(["-", "-", "0"])}`;
  return sc.webStyle === "common" ? base : `${base} "-" "-"`;
}

function sentry(ctx: Ctx): string {
  const { rng, sc } = ctx;
  const ip = netAttackerIp(ctx);
  const host = rng.chance(0.5) ? ip : rng.pick([
    `scanner-${rng.int(1, 30)}.shodan.io`,
    `${rng.pick(["scan", "probe", "worker"])}-${rng.int(1, 99)}.censys-scanner.com`,
    `${ip.replaceAll(".", "-")}.static.example.net`,
  ]);
  const port = scanPort(rng);
  const msg = rng.weighted([
    [`attackalert: SYN/Normal scan from host: ${host}/${ip} to TCP port: ${port}`, 5],
    [`attackalert: Connect from host: ${host}/${ip} to TCP port: ${port}`, 3],
    [`attackalert: UDP scan from host: ${host}/${ip} to UDP port: ${rng.pick(UDP_SCAN_PORTS)}`, 2],
    [
      `attackalert: ${
        rng.pick(["FIN", "XMAS", "NULL"])
      } stealth scan from host: ${host}/${ip} to TCP port: ${port}`,
      2,
    ],
    [`attackalert: Host ${ip} has been blocked via wrappers with string: "ALL: ${ip} : DENY"`, 2],
    [
      `attackalert: Host ${ip} has been blocked via dropped route using command: "/sbin/iptables -I INPUT -s ${ip} -j DROP"`,
      2,
    ],
    [`attackalert: Host: ${host}/${ip} is already blocked Ignoring`, 1],
  ]);
  return syslog(
    ctx,
    rng.pick([sc.hosts.fw, sc.hosts.web, sc.hosts.bastion]),
    "portsentry",
    rng.int(300, 9000),
    msg,
    "auth",
  );
}

function psad(ctx: Ctx): string {
  const { rng, sc } = ctx;
  const ip = netAttackerIp(ctx), dst = insideIp(ctx);
  const lo = rng.pick([1, 20, 21, 22, 80]), hi = lo + rng.int(10, 65000 - lo);
  const [scanName, flags] = rng.pick([
    ["NMAP -sT or -sS", "SYN"],
    ["NMAP -sT or -sS", "SYN"],
    ["NMAP -sF", "FIN"],
    ["NMAP -sX", "URG PSH FIN"],
    ["NMAP -sN", "NULL"],
  ]);
  const msg = rng.weighted([
    [
      `scan detected (${scanName} scan): ${ip} -> ${dst} tcp: [${lo}-${hi}] flags: ${flags} tcp pkts: ${
        rng.int(5, 3000)
      } DL: ${rng.int(1, 5)}`,
      5,
    ],
    [
      `src: ${ip} signature match: "${
        rng.pick([
          "P0F 1 SYN",
          "SCAN FIN",
          "SCAN XMAS",
          "SCAN nmap XMAS",
          "MISC Microsoft SQL Server communication attempt",
        ])
      }" (sid: ${rng.int(100000, 100300)}) tcp port: ${scanPort(rng)}`,
      3,
    ],
    [`added iptables auto-block against ${ip} for ${rng.pick([3600, 86400, 600])} seconds`, 2],
  ]);
  return syslog(
    ctx,
    rng.pick([sc.hosts.fw, sc.hosts.bastion]),
    "psad",
    rng.int(300, 9000),
    msg,
    "daemon",
  );
}

function inetdRecon(ctx: Ctx): string {
  const { rng, sc } = ctx;
  const ip = netAttackerIp(ctx);
  const host = rng.pick([sc.hosts.share, sc.hosts.fw, sc.hosts.db, "legacy", "nas"]);
  return rng.weighted<() => string>([
    [
      () =>
        syslog(
          ctx,
          host,
          "xinetd",
          rng.int(300, 9000),
          `FAIL: ${
            rng.pick(["telnet", "rsync", "tftp", "finger", "echo", "chargen", "daytime"])
          } address from=${ip}`,
        ),
      3,
    ],
    [() => syslog(ctx, host, "rpcbind", rng.int(300, 9000), `connect from ${ip} to dump()`), 2],
    [
      () =>
        syslog(
          ctx,
          host,
          "rpcbind",
          rng.int(300, 9000),
          `connect from ${ip} to ${
            rng.pick(["getport/addr(mountd)", "getport/addr(nfs)", "callit(100000)"])
          }`,
        ),
      1,
    ],
    [
      () =>
        syslog(
          ctx,
          host,
          rng.pick(["telnetd", "in.telnetd"]),
          rng.int(300, 9000),
          rng.pick(["ttloop: peer died: EOF", "ttloop: read: Connection reset by peer"]),
        ),
      1,
    ],
    [() => syslog(ctx, host, "in.fingerd", rng.int(300, 9000), `connect from ${ip} (${ip})`), 1],
  ])();
}

function inetdBenign(ctx: Ctx): string {
  const { rng, sc } = ctx;
  const ip = netLanIp(ctx), svc = rng.pick(["rsync", "tftp", "time-stream", "cvspserver"]);
  const pid = rng.int(300, 30000);
  return rng.weighted<() => string>([
    [
      () =>
        syslog(
          ctx,
          sc.hosts.share,
          "xinetd",
          rng.int(300, 9000),
          `START: ${svc} pid=${pid} from=${ip}`,
        ),
      3,
    ],
    [
      () =>
        syslog(
          ctx,
          sc.hosts.share,
          "xinetd",
          rng.int(300, 9000),
          `EXIT: ${svc} status=0 pid=${pid} duration=${rng.int(0, 900)}(sec)`,
        ),
      3,
    ],
    [
      () =>
        syslog(
          ctx,
          sc.hosts.share,
          "rpcbind",
          rng.int(300, 9000),
          `connect from ${ip} to getport/addr(${
            rng.pick(["nfs", "mountd", "nlockmgr", "status"])
          })`,
        ),
      1,
    ],
    [
      () =>
        syslog(
          ctx,
          sc.hosts.share,
          "xinetd",
          rng.int(300, 9000),
          `Reading included configuration file: /etc/xinetd.d/${svc} [file=/etc/xinetd.conf] [line=14]`,
        ),
      0.5,
    ],
  ])();
}

/** Scan-trace templates. */
export const TEMPLATES: Template[] = [
  { family: "web_probe", label: "recon_scan", weight: 3, make: rawAccess },
  { family: "web_probe", label: "recon_scan", weight: 1.2, make: bannerGrab },
  { family: "web_probe", label: "recon_scan", weight: 1, make: nmapNse },
  { family: "nginx_error", label: "recon_scan", weight: 2, make: nginxInvalid },
  { family: "web_probe", label: "benign", weight: 1, make: benignTimeout },
  { family: "portsentry", label: "recon_scan", weight: 1.5, make: sentry },
  { family: "psad", label: "recon_scan", weight: 1, make: psad },
  { family: "inetd", label: "recon_scan", weight: 1, make: inetdRecon },
  { family: "inetd", label: "benign", weight: 0.7, make: inetdBenign },
];
