/**
 * Benign use of the server's other services: browsing Apache and nginx with real browser
 * agents (pages, assets, searches, logins, the odd missing page), DNS lookups with dig (at
 * dnsmasq and bind9, which refuses outside names), mail with swaks, IMAP, POP3 and FTP with
 * curl, the sites through the squid proxy (and the odd request the proxy denies).
 *
 * @module
 */
import { act } from "./actor.ts";
import type { Action, BenignUser } from "./benign.ts";
import type { Daemon } from "./server.ts";
import { SQUID_PORT } from "./conf_net.ts";

/** Real browser user agents (current desktop and mobile releases). */
export const BROWSERS = [
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
  "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Safari/605.1.15",
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 Edg/130.0.0.0",
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1",
  "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
];
const PAGES = [
  "/",
  "/index.php",
  "/about.html",
  "/products.php?id=1",
  "/products.php?id=2",
  "/products.php?id=3",
  "/search.php?q=invoice",
  "/search.php?q=holiday+schedule",
  "/css/site.css",
  "/js/app.js",
  "/img/logo.png",
  "/favicon.ico",
  "/robots.txt",
  "/contact.html",
  "/news/2026/11/",
  "/old-page.html",
  "/login.php",
  "/products.php?id=4&sort=price",
  "/downloads/handbook.pdf",
];
const INTRANET = [
  "/",
  "/docs/",
  "/docs/onboarding.html",
  "/docs/vpn.html",
  "/status",
  "/wiki/Start",
];
const WORDS = ["report", "q3", "roadmap", "backup", "printer", "vacation", "budget"];

function curl(u: BenignUser, args: string[], t = 15) {
  return act(
    u.actor,
    ["curl", "-s", "-o", "/dev/null", "--interface", u.ip, "-m", "10", ...args],
    t,
  );
}

function browse(u: BenignUser, port: number, pages: string[]): Promise<unknown> {
  const r = u.plan.rng, host = port === 80 ? `www.${u.plan.domain}` : `intranet.${u.plan.domain}`;
  const agent = r.pick(BROWSERS);
  const urls = Array.from(
    { length: r.int(2, 6) },
    () => `http://${u.plan.srvIp}:${port}${r.pick(pages)}`,
  );
  const ref = `http://${host}/`;
  return curl(u, [
    "-A",
    agent,
    "-e",
    ref,
    "-H",
    `Host: ${host}`,
    ...urls.flatMap((x) => [x, "-o", "/dev/null"]),
  ]);
}

function login(u: BenignUser): Promise<unknown> {
  const pw = u.plan.rng.chance(0.2) ? "wrong" : u.account.password;
  return curl(u, [
    "-A",
    u.plan.rng.pick(BROWSERS),
    "-d",
    `user=${u.account.name}&pass=${encodeURIComponent(pw)}`,
    `http://${u.plan.srvIp}/login.php`,
  ]);
}

function lookup(u: BenignUser): Promise<unknown> {
  const r = u.plan.rng, d = u.plan.domain;
  const names = [
    `www.${d}`,
    `mail.${d}`,
    `intranet.${d}`,
    `ftp.${d}`,
    `printer.${d}`,
    `${u.plan.srvHost}.${d}`,
  ];
  const type = r.pick(["A", "A", "A", "MX", "TXT", "ANY"]); // before the name: seeded runs repeat
  return dig(u, u.plan.srvIp, r.pick(names), type);
}

/** One DNS query from the user's address to `server`, one try of at most 2 s. */
function dig(u: BenignUser, server: string, name: string, type: string): Promise<unknown> {
  return act(u.actor, ["dig", "-b", u.ip, `@${server}`, "+tries=1", "+time=2", name, type], 8);
}

/** A lookup at bind9: lab names, and now and then an outside name, which it refuses. */
function bindLookup(u: BenignUser): Promise<unknown> {
  const r = u.plan.rng, d = u.plan.domain;
  const name = r.chance(0.15)
    ? r.pick(["deb.debian.org", "www.google.com", "update.example.net", "time.cloudflare.com"])
    : `${r.pick(["www", "mail", "intranet", "ftp", "db", u.plan.srvHost, "ns2"])}.${d}`;
  return dig(u, u.plan.bindIp, name, r.pick(["A", "A", "MX", "TXT", "SOA", "NS", "AAAA"]));
}

function mail(u: BenignUser): Promise<unknown> {
  const r = u.plan.rng, d = u.plan.domain, to = r.pick(u.plan.accounts).name;
  const subj = `${r.pick(WORDS)} ${r.pick(["update", "draft", "question", "notes"])}`;
  return act(u.actor, [
    "swaks",
    "--server",
    u.plan.srvIp,
    "--local-interface",
    u.ip,
    "--helo",
    `${u.actor.host}.${d}`,
    "--from",
    `${u.account.name}@${d}`,
    "--to",
    `${to}@${d}`,
    "--header",
    `Subject: ${subj}`,
    "--body",
    `Hi ${to}, see the ${r.pick(WORDS)} file. Thanks`,
    "--timeout",
    "8",
  ], 15);
}

function mailAuth(u: BenignUser): Promise<unknown> {
  const pw = u.plan.rng.chance(0.15) ? "oops" : u.account.password, d = u.plan.domain;
  return act(u.actor, [
    "swaks",
    "--server",
    u.plan.srvIp,
    "--local-interface",
    u.ip,
    "--helo",
    `${u.actor.host}.${d}`,
    "--auth",
    "LOGIN",
    "--auth-user",
    u.account.name,
    "--auth-password",
    pw,
    "--from",
    `${u.account.name}@${d}`,
    "--to",
    `${u.account.name}@${d}`,
    "--timeout",
    "8",
  ], 15);
}

/** A browser speaking TLS to the plain-HTTP port: Apache answers 400 (a benign error). */
function tlsMistake(u: BenignUser): Promise<unknown> {
  return curl(u, ["-k", "-A", u.plan.rng.pick(BROWSERS), `https://${u.plan.srvIp}:80/`]);
}

function imap(u: BenignUser): Promise<unknown> {
  const pw = u.plan.rng.chance(0.1) ? "typo" : u.account.password;
  return curl(u, [
    "--user",
    `${u.account.name}:${pw}`,
    `imap://${u.plan.srvIp}/INBOX`,
    "-X",
    "EXAMINE INBOX",
  ]);
}

function pop3(u: BenignUser): Promise<unknown> {
  const pw = u.plan.rng.chance(0.1) ? "typo" : u.account.password;
  return curl(u, ["--user", `${u.account.name}:${pw}`, `pop3://${u.plan.srvIp}/`]);
}

/** Browsing through the proxy; now and then a site outside the lab, which squid denies. */
function proxied(u: BenignUser): Promise<unknown> {
  const r = u.plan.rng, d = u.plan.domain;
  const urls = Array.from(
    { length: r.int(1, 4) },
    () =>
      r.chance(0.1)
        ? r.pick(["http://www.debian.org/", "http://example.com/", `http://${d}.example/`])
        : r.chance(0.3)
        ? `http://intranet.${d}:8080${r.pick(INTRANET)}`
        : `http://www.${d}${r.pick(PAGES)}`,
  );
  return curl(u, [
    "-x",
    `http://${u.plan.srvIp}:${SQUID_PORT}`,
    "-A",
    r.pick(BROWSERS),
    ...urls.flatMap((x) => [x, "-o", "/dev/null"]),
  ]);
}

function ftp(u: BenignUser): Promise<unknown> {
  const r = u.plan.rng, base = `ftp://${u.plan.srvIp}/`;
  if (r.chance(0.3)) return curl(u, [base]);
  const cred = ["--user", `${u.account.name}:${u.account.password}`];
  return r.chance(0.5)
    ? curl(u, [...cred, base])
    : curl(u, [...cred, "-T", "/etc/os-release", `${base}upload-${r.int(1, 999)}.txt`]);
}

/** The weighted benign actions for the services among `daemons`. */
export function serviceActions(daemons: Daemon[]): [Action, number][] {
  const out: [Action, number][] = [];
  if (daemons.includes("apache")) {
    out.push([(u) => browse(u, 80, PAGES), 8], [login, 1], [tlsMistake, 0.3]);
  }
  if (daemons.includes("nginx")) out.push([(u) => browse(u, 8080, INTRANET), 3]);
  if (daemons.includes("dnsmasq")) out.push([lookup, 4]);
  if (daemons.includes("bind9")) out.push([bindLookup, 2]);
  if (daemons.includes("postfix")) out.push([mail, 2]);
  if (daemons.includes("postfix") && daemons.includes("dovecot")) out.push([mailAuth, 0.7]);
  if (daemons.includes("dovecot")) out.push([imap, 2]);
  if (daemons.includes("dovecot")) out.push([pop3, 0.7]);
  if (daemons.includes("vsftpd")) out.push([ftp, 2]);
  if (daemons.includes("squid")) out.push([proxied, 2]);
  return out;
}
