/**
 * Shared helpers and pools for the web family group: client addresses, Apache/nginx error-log and
 * squid line shapes.
 *
 * @module
 */
import { apacheErrorTime, clfTime, nginxErrorTime, type WebHit } from "../format.ts";
import type { Ctx } from "../types.ts";

/** Splits a whitespace-separated word list (keeps long pools compact). */
export function words(s: string): string[] {
  return s.trim().split(/\s+/);
}

/** A benign client: LAN, VPN, public visitor or IPv6. */
export function clientIp(ctx: Ctx): string {
  const { rng, sc } = ctx;
  return rng.weighted([
    [() => sc.lan + rng.int(2, 250), 3],
    [() => sc.vpnPool + rng.int(2, 250), 1],
    [() => rng.publicIp(), 5],
    [() => rng.ipv6(), 1],
  ])();
}

/** Escapes quotes and backslashes in the logged request, UA and referer as Apache (`\"`) or nginx (`\x22`) do. */
export function escapeHit(ctx: Ctx, hit: WebHit): WebHit {
  const esc = ctx.sc.webStyle === "nginx"
    ? (v: string) => v.replaceAll("\\", "\\x5C").replaceAll('"', "\\x22")
    : (v: string) => v.replaceAll("\\", "\\\\").replaceAll('"', '\\"');
  return {
    ...hit,
    path: esc(hit.path),
    ua: esc(hit.ua),
    referer: hit.referer === undefined ? undefined : esc(hit.referer),
  };
}

/** An attacking client: the scenario's attackers, fresh public hosts, sometimes private ranges. */
export function webAttackerIp(ctx: Ctx): string {
  const { rng, sc } = ctx;
  return rng.weighted([
    [() => rng.pick(sc.attackerIps), 4],
    [() => rng.publicIp(), 4],
    [() => sc.lan + rng.int(2, 250), 1],
    [() => `192.168.${rng.int(0, 10)}.${rng.int(2, 250)}`, 1],
    [() => rng.ipv6(), 0.5],
  ])();
}

/** The public web host name a client asks for. */
export function vhostName(ctx: Ctx): string {
  const { rng, sc } = ctx;
  return rng.weighted([
    [`www.${sc.publicDomain}`, 3],
    [sc.publicDomain, 2],
    [`${sc.hosts.web}.${sc.publicDomain}`, 1],
    [`${sc.hosts.intranet}.${sc.domain}`, 1],
    [`${sc.hosts.share}.${sc.publicDomain}`, 1],
  ]);
}

/** A web document root. */
export function docRoot(ctx: Ctx): string {
  return ctx.rng.weighted([
    ["/var/www/html", 5],
    ["/var/www", 1],
    ["/srv/www/htdocs", 1],
    [`/var/www/${ctx.sc.publicDomain}/public_html`, 1],
    ["/usr/share/nginx/html", 1],
    ["/home/www/public", 1],
  ]);
}

/** Ports clients connect from. */
export function ephemeralPort(ctx: Ctx): number {
  return ctx.rng.int(1024, 65535);
}

/**
 * An Apache error-log line. 2.4 style most of the time:
 * `[Thu Mar 07 04:05:06.123456 2024] [core:error] [pid 12:tid 140] [client 1.2.3.4:5678] AH00128: ...`;
 * sometimes 2.2 style `[Thu Mar 07 04:05:06 2024] [error] [client 1.2.3.4] ...`.
 * `client` null omits the client field; `code` (AH number) is dropped in 2.2 style.
 */
export function apacheError(
  ctx: Ctx,
  module: string,
  level: string,
  client: string | null,
  code: string | null,
  msg: string,
): string {
  const { rng, now } = ctx;
  const t = apacheErrorTime(now);
  if (rng.chance(0.15)) {
    const t22 = t.replace(/\.\d{6}/, "");
    const cl = client ? ` [client ${client}]` : "";
    return `[${t22}] [${level}]${cl} ${msg}`;
  }
  const pid = rng.int(300, 65000);
  const tid = rng.chance(0.7) ? `:tid ${rng.int(139600000000000, 140700000000000)}` : "";
  const cl = client ? ` [client ${client}:${ephemeralPort(ctx)}]` : "";
  const c = code ? `${code}: ` : "";
  return `[${t}] [${module}:${level}] [pid ${pid}${tid}]${cl} ${c}${msg}`;
}

/**
 * An nginx error-log line:
 * `2024/03/07 04:05:06 [error] 1234#1234: *5 msg, client: 1.2.3.4, server: x, request: "GET / HTTP/1.1", host: "x"`.
 * `request` null writes a connection-level line without client/request fields.
 */
export function nginxError(
  ctx: Ctx,
  level: string,
  msg: string,
  client: string | null,
  request: string | null,
  extra = "",
): string {
  const { rng } = ctx;
  const pid = rng.int(500, 40000);
  const conn = rng.chance(0.9) ? ` *${rng.int(1, 9999999)}` : "";
  const server = vhostName(ctx);
  let s = `${nginxErrorTime(ctx.now)} [${level}] ${pid}#${
    rng.chance(0.6) ? 0 : pid
  }:${conn} ${msg}`;
  if (client) s += `, client: ${client}, server: ${rng.chance(0.85) ? server : "_"}`;
  if (request) s += `, request: "${request}"${extra}, host: "${server}"`;
  else s += extra;
  return s;
}

/** One squid native access.log record. */
export interface SquidHit {
  ip: string;
  /** e.g. "TCP_MISS/200". */
  code: string;
  bytes: number;
  method: string;
  url: string;
  user?: string;
  /** e.g. "HIER_DIRECT/1.2.3.4". */
  hier: string;
  mime: string;
}

/**
 * A squid access.log line. Mostly native
 * (`1700000000.123    45 10.0.0.5 TCP_MISS/200 1234 GET url - HIER_DIRECT/1.2.3.4 text/html`),
 * sometimes the `combined` logformat with the user agent and `%Ss:%Sh` appended.
 */
export function squidLine(ctx: Ctx, h: SquidHit, ua = "-"): string {
  const { rng, now, sc } = ctx;
  if (rng.chance(0.25)) {
    const [ss, status] = h.code.split("/");
    const proto = h.method === "CONNECT" ? "HTTP/1.1" : rng.pick(["HTTP/1.1", "HTTP/1.0"]);
    return `${h.ip} - ${h.user ?? "-"} [${
      clfTime(now, sc.tz)
    }] "${h.method} ${h.url} ${proto}" ${status} ${h.bytes} "-" "${ua}" ${ss}:${
      h.hier.split("/")[0]
    }`;
  }
  const ts = (now.getTime() / 1000).toFixed(3);
  const elapsed = String(rng.int(0, rng.chance(0.1) ? 120000 : 900)).padStart(6, " ");
  return `${ts} ${elapsed} ${h.ip} ${h.code} ${h.bytes} ${h.method} ${h.url} ${
    h.user ?? "-"
  } ${h.hier} ${h.mime}`;
}

/** Command-line HTTP clients (as attack tooling or scripts use them). */
export const CLI_UAS = [
  "curl/7.68.0",
  "curl/7.81.0",
  "curl/8.4.0",
  "Wget/1.20.3 (linux-gnu)",
  "Wget/1.21.2",
  "Wget",
  "python-requests/2.28.1",
  "Python-urllib/3.8",
  "Python-urllib/2.7",
  "Go-http-client/1.1",
  "Go-http-client/2.0",
  "libwww-perl/6.67",
  "Java/1.8.0_151",
  "Ruby",
  "-",
];

/** Ordinary outbound web sites (proxy view). */
export const OUTBOUND_SITES = [
  "www.google.com",
  "www.bing.com",
  "en.wikipedia.org",
  "github.com",
  "objects.githubusercontent.com",
  "www.youtube.com",
  "outlook.office365.com",
  "login.microsoftonline.com",
  "www.linkedin.com",
  "stackoverflow.com",
  "news.ycombinator.com",
  "www.bbc.co.uk",
  "www.nytimes.com",
  "cdn.jsdelivr.net",
  "ajax.googleapis.com",
  "fonts.googleapis.com",
  "update.googleapis.com",
  "download.windowsupdate.com",
  "ctldl.windowsupdate.com",
  "security.ubuntu.com",
  "deb.debian.org",
  "pypi.org",
  "files.pythonhosted.org",
  "registry.npmjs.org",
  "www.amazon.com",
  "slack.com",
  "zoom.us",
  "docs.google.com",
  "drive.google.com",
  "www.dropbox.com",
  "ocsp.digicert.com",
  "ocsp.pki.goog",
  "crl.microsoft.com",
  "detectportal.firefox.com",
];
