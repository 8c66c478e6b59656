/**
 * Benign squid proxy access lines: browsing, tunnels, cache hits, package downloads, auth
 * challenges.
 *
 * @module
 */
import { BROWSER_UAS, CRAWLER_UAS } from "../pools.ts";
import type { Ctx, Template } from "../types.ts";
import { OUTBOUND_SITES, squidLine } from "./web_pools.ts";

function squidBenign(ctx: Ctx): string {
  const { rng, sc } = ctx;
  const ip = sc.lan + rng.int(2, 250);
  const site = rng.pick(OUTBOUND_SITES);
  const dst = rng.publicIp();
  const user = rng.chance(0.3) ? rng.pick(sc.users) : undefined;
  const ua = rng.chance(0.8) ? rng.pick(BROWSER_UAS) : rng.pick(CRAWLER_UAS);
  if (rng.chance(0.5)) {
    return squidLine(ctx, {
      ip,
      code: rng.weighted([["TCP_TUNNEL/200", 10], ["TCP_DENIED/407", 1], ["TCP_MISS/200", 0.5]]),
      bytes: rng.int(300, 2500000),
      method: "CONNECT",
      url: `${site}:443`,
      user,
      hier: `HIER_DIRECT/${dst}`,
      mime: "-",
    }, ua);
  }
  const kind = rng.weighted([
    ["page", 6],
    ["api", 2],
    ["asset", 3],
    ["deb", 1],
    ["crl", 1],
    ["installer", 0.7],
    ["cloud", 0.7],
  ]);
  const paths: Record<string, () => [string, string, string]> = {
    page: () => [
      site,
      rng.pick([
        "/",
        "/index.html",
        `/news/${rng.int(1000, 99999)}`,
        `/search?q=${rng.alnum(6)}`,
        "/success.txt",
      ]),
      "text/html",
    ],
    api: () => [
      site,
      `/api/v${rng.int(1, 3)}/${rng.pick(["status", "config", "items?page=2", "events"])}`,
      "application/json",
    ],
    asset: () => [
      site,
      rng.pick(["/favicon.ico", "/static/app.js", "/img/logo.png", "/css/site.css"]),
      rng.pick(["image/png", "application/javascript", "text/css", "image/x-icon"]),
    ],
    deb: () => [
      "deb.debian.org",
      `/debian/pool/main/${
        rng.pick([
          "o/openssl/libssl3_3.0.11-1~deb12u2_amd64.deb",
          "c/curl/curl_7.88.1-10+deb12u5_amd64.deb",
          "p/python3.11/python3.11_3.11.2-6_amd64.deb",
        ])
      }`,
      "application/x-debian-package",
    ],
    crl: () => [
      rng.pick(["crl3.digicert.com", "crl.microsoft.com", "x1.c.lencr.org", "ocsp.digicert.com"]),
      rng.pick([
        "/DigiCertGlobalRootG2.crl",
        "/pki/crl/products/MicRooCerAut2011_2011_03_22.crl",
        "/",
        "/MFEwTzBNMEswSTAJBgUrDgMCGgUABBSAUQYBMq2awn1Rh6Doh%2FsBYgFV7gQUA95QNVbRTLtm8KPiGxvDl7I90VUCEAJ0LqoXyo4hxxe7H%2Fz9DKA%3D",
      ]),
      "application/pkix-crl",
    ],
    installer: () => [
      rng.pick([
        "get.docker.com",
        "sh.rustup.rs",
        "raw.githubusercontent.com",
        "deb.nodesource.com",
      ]),
      rng.pick([
        "/",
        "/install.sh",
        "/nvm-sh/nvm/v0.39.7/install.sh",
        "/setup_20.x",
        "/Homebrew/install/HEAD/install.sh",
      ]),
      "text/plain",
    ],
    cloud: () => [
      rng.pick([
        "www.dropbox.com",
        "content.dropboxapi.com",
        "drive.google.com",
        "onedrive.live.com",
        "s3.amazonaws.com",
      ]),
      rng.pick(["/", "/2/files/upload", "/upload/drive/v3/files?uploadType=resumable"]),
      "application/json",
    ],
  };
  const [host, path, mime] = paths[kind]();
  const code = kind === "asset"
    ? rng.pick(["TCP_HIT/200", "TCP_MEM_HIT/200", "TCP_REFRESH_UNMODIFIED/304", "TCP_MISS/200"])
    : rng.weighted([["TCP_MISS/200", 12], ["TCP_MISS/301", 1], ["TCP_MISS/404", 0.5], [
      "TCP_DENIED/403",
      0.5,
    ]]);
  const agent = kind === "deb"
    ? "Debian APT-HTTP/1.3 (2.6.1)"
    : kind === "installer"
    ? rng.pick(["curl/7.88.1", "curl/8.5.0", "Wget/1.21.3"])
    : ua;
  return squidLine(ctx, {
    ip,
    code,
    bytes: kind === "cloud" ? rng.int(200, 300_000_000) : rng.int(200, 900000),
    method: kind === "cloud"
      ? rng.pick(["POST", "PUT"])
      : kind === "api" && rng.chance(0.3)
      ? "POST"
      : "GET",
    url: `${kind === "cloud" ? "https" : "http"}://${host}${path}`,
    user,
    hier: code.startsWith("TCP_MISS") ? `HIER_DIRECT/${dst}` : "HIER_NONE/-",
    mime,
  }, agent);
}

/** Benign squid templates. */
export const BENIGN_SQUID: Template[] = [
  { family: "squid_access", label: "benign", weight: 3, make: squidBenign },
];
