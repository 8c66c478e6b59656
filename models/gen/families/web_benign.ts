/**
 * Benign web access lines: browsing many app kinds, crawlers, monitors, redirects, 404s, logins,
 * tokens and searches.
 *
 * @module
 */
import { accessLine, type WebHit } from "../format.ts";
import { BENIGN_PATHS, BROWSER_UAS, CRAWLER_UAS, FILE_NAMES } from "../pools.ts";
import { b64, urlEncodeQuery } from "../rng.ts";
import type { Ctx, Template } from "../types.ts";
import { appPath, SEARCHES, STATIC, wpPath } from "./web_benign_paths.ts";
import { clientIp, vhostName, words } from "./web_pools.ts";

const MONITOR_UAS = [
  ...CRAWLER_UAS.filter((u) =>
    /Uptime|Pingdom|probe|ELB|Prometheus|check_http|Zabbix|curl|Go-http/.test(u)
  ),
  "Consul Health Check",
  "Blackbox Exporter/0.24.0",
  "GoogleHC/1.0",
  "nagios-plugins 2.2.1",
];

const REFS = words(`
  https://www.google.com/ https://www.bing.com/ https://duckduckgo.com/ https://t.co/
  https://www.facebook.com/ https://l.instagram.com/ https://www.linkedin.com/ https://news.ycombinator.com/`);

function browserHit(ctx: Ctx, path: string, status = 200, method = "GET"): WebHit {
  const { rng, sc } = ctx;
  const self = `https://${vhostName(ctx)}`;
  return {
    ip: clientIp(ctx),
    method,
    path,
    status,
    bytes: status === 304 || status === 204 ? 0 : rng.int(200, 180000),
    ua: rng.pick(BROWSER_UAS),
    referer: rng.weighted([
      ["-", 3],
      [self + rng.pick(BENIGN_PATHS), 4],
      [rng.pick(REFS), 2],
    ]),
    user: rng.chance(0.05) ? rng.pick(sc.users) : undefined,
    proto: rng.weighted([["HTTP/1.1", 6], ["HTTP/2.0", 3], ["HTTP/1.0", 1]]),
  };
}

function token(ctx: Ctx): string {
  const { rng } = ctx;
  return rng.weighted([
    [() => rng.hex(rng.pick([32, 40, 64])), 3],
    [() => rng.alnum(rng.int(16, 48)), 2],
    [() => {
      const h = b64(JSON.stringify({ alg: "HS256", typ: "JWT" })).replace(/=+$/, "");
      const p = b64(JSON.stringify({ sub: rng.int(1, 99999), exp: 1700000000 + rng.int(0, 9e7) }))
        .replace(/=+$/, "").replaceAll("+", "-").replaceAll("/", "_");
      return `${h}.${p}.${rng.alnum(43)}`;
    }, 2],
    [
      () => b64(`${rng.int(1, 99999)}:${rng.hex(16)}`).replace(/=/g, rng.chance(0.5) ? "%3D" : "="),
      2,
    ],
  ])();
}

const TOKEN_PATHS = [
  (t: string) => `/reset-password?token=${t}`,
  (t: string) => `/verify-email?code=${t}`,
  (t: string) => `/unsubscribe?u=${t}`,
  (t: string) => `/api/v1/session/refresh?access_token=${t}`,
  (t: string) => `/s/${t.slice(0, 15)}/download`,
  (t: string) => `/index.php/s/${t.slice(0, 15)}`,
  (t: string) => `/track/open?d=${t}`,
  (t: string) => `/wp-login.php?action=rp&key=${t.slice(0, 20)}&login=jdoe`,
  (t: string) => `/sso/callback?code=${t}&state=${t.slice(0, 12)}`,
];

/** Benign access templates. */
export const BENIGN_ACCESS: Template[] = [
  {
    family: "web_access",
    label: "benign",
    weight: 6,
    make: (ctx) => {
      const status = ctx.rng.weighted([[200, 12], [304, 2], [302, 1], [206, 0.3]]);
      return accessLine(ctx, browserHit(ctx, ctx.rng.pick(BENIGN_PATHS), status));
    },
  },
  {
    family: "web_access",
    label: "benign",
    weight: 5,
    make: (ctx) => {
      const status = ctx.rng.weighted([[200, 6], [304, 4]]);
      return accessLine(ctx, browserHit(ctx, ctx.rng.pick(STATIC), status));
    },
  },
  {
    family: "web_access",
    label: "benign",
    weight: 4,
    make: (ctx) => accessLine(ctx, browserHit(ctx, wpPath(ctx))),
  },
  {
    family: "web_access",
    label: "benign",
    weight: 5,
    make: (ctx) => {
      const { rng } = ctx;
      const p = appPath(ctx);
      const method = p.startsWith("/remote.php/dav")
        ? rng.pick(["PROPFIND", "GET", "PUT"])
        : p.includes("ajax.php") || p.includes("Cmd=Sync")
        ? "POST"
        : "GET";
      const hit = browserHit(
        ctx,
        p,
        method === "PROPFIND" ? 207 : method === "PUT" ? 201 : 200,
        method,
      );
      if (method !== "GET" && rng.chance(0.5)) {
        hit.ua = rng.pick([
          "Mozilla/5.0 (Windows) mirall/3.11.0 (build 20231215) (Nextcloud, windows-10.0.19045 ClientArchitecture: x86_64 OsArchitecture: x86_64)",
          "Mozilla/5.0 (Linux) mirall/3.9.0 (Nextcloud, ubuntu-22.04 ClientArchitecture: x86_64 OsArchitecture: x86_64)",
          "Mozilla/5.0 (Android) Nextcloud-android/3.26.0",
          "Apple-iPhone15C2/2101.21",
        ]);
      }
      return accessLine(ctx, hit);
    },
  },
  {
    // wp-cron from the server itself, admin-ajax heartbeat from logged-in editors.
    family: "web_access",
    label: "benign",
    weight: 3,
    make: (ctx) => {
      const { rng, sc } = ctx;
      const site = vhostName(ctx);
      if (rng.chance(0.45)) {
        const ts = `${Math.floor(ctx.now.getTime() / 1000)}.${rng.int(0, 9999999)}`;
        return accessLine(ctx, {
          ip: rng.pick(["127.0.0.1", "::1", sc.dmz + rng.int(2, 40)]),
          method: "POST",
          path: `/wp-cron.php?doing_wp_cron=${ts}`,
          status: 200,
          bytes: rng.pick([0, 20, 31]),
          ua: `WordPress/${rng.pick(["6.4.2", "6.2.3", "5.8.1", "6.5.3"])}; https://${site}`,
          referer: `https://${site}/wp-cron.php?doing_wp_cron=${ts}`,
        });
      }
      const hit = browserHit(ctx, "/wp-admin/admin-ajax.php", 200, "POST");
      hit.referer = `https://${site}/wp-admin/${
        rng.pick(["post.php?post=12&action=edit", "index.php", "edit.php", "upload.php"])
      }`;
      hit.bytes = rng.int(40, 900);
      return accessLine(ctx, hit);
    },
  },
  {
    family: "web_access",
    label: "benign",
    weight: 4,
    make: (ctx) => {
      const { rng } = ctx;
      const path = rng.weighted([
        ["/robots.txt", 3],
        ["/sitemap.xml", 2],
        ["/sitemap_index.xml", 1],
        ["/feed/", 1],
        [rng.pick(BENIGN_PATHS), 5],
        [wpPath(ctx), 2],
      ]);
      return accessLine(ctx, {
        ip: rng.publicIp(),
        method: rng.chance(0.1) ? "HEAD" : "GET",
        path,
        status: rng.weighted([[200, 8], [301, 1], [304, 1], [404, 1]]),
        bytes: path.endsWith(".txt") ? rng.int(24, 900) : rng.int(0, 90000),
        ua: rng.pick(CRAWLER_UAS),
      });
    },
  },
  {
    // Health checks and Apache's own dummy connections.
    family: "web_access",
    label: "benign",
    weight: 3,
    make: (ctx) => {
      const { rng, sc } = ctx;
      if (rng.chance(0.25)) {
        return accessLine(ctx, {
          ip: rng.pick(["::1", "127.0.0.1"]),
          method: "OPTIONS",
          path: "*",
          proto: "HTTP/1.0",
          status: 200,
          bytes: 0,
          ua: `Apache/${
            rng.pick(["2.4.41 (Ubuntu)", "2.4.52 (Ubuntu)", "2.4.57 (Debian)", "2.4.6 (CentOS)"])
          } (internal dummy connection)`,
        });
      }
      return accessLine(ctx, {
        ip: rng.pick(["127.0.0.1", sc.lan + rng.int(2, 20), `${sc.dmz}${rng.int(2, 9)}`]),
        method: rng.pick(["GET", "GET", "HEAD"]),
        path: rng.pick([
          "/healthz",
          "/health",
          "/status",
          "/server-status?auto",
          "/nginx_status",
          "/ping",
          "/metrics",
          "/",
        ]),
        status: 200,
        bytes: rng.int(2, 4000),
        ua: rng.pick(MONITOR_UAS),
      });
    },
  },
  {
    // Benign 404s: icons, stale links, missing images.
    family: "web_access",
    label: "benign",
    weight: 4,
    make: (ctx) => {
      const { rng } = ctx;
      const path = rng.pick([
        "/favicon.ico",
        "/apple-touch-icon.png",
        "/apple-touch-icon-precomposed.png",
        `/apple-touch-icon-${rng.pick([120, 152, 180])}x${
          rng.pick([120, 152, 180])
        }-precomposed.png`,
        "/browserconfig.xml",
        "/ads.txt",
        "/.well-known/traffic-advice",
        "/.well-known/assetlinks.json",
        "/.well-known/apple-app-site-association",
        `/images/${rng.pick(FILE_NAMES).replace(/\..*$/, "")}.jpg`,
        `/blog/${rng.int(2009, 2016)}/${rng.int(1, 12)}/old-post-${rng.int(1, 300)}.html`,
        `/news/article.php?id=${rng.int(1, 800)}`,
        "/wp-content/uploads/2019/04/header-bg.png",
        "/css/print.css.map",
        "/js/bootstrap.min.js.map",
      ]);
      const hit = browserHit(ctx, path, 404);
      hit.bytes = rng.pick([196, 209, 274, 548, 1245, 3814]);
      return accessLine(ctx, hit);
    },
  },
  {
    family: "web_access",
    label: "benign",
    weight: 3,
    make: (ctx) => {
      const { rng } = ctx;
      const path = rng.pick([
        "/wp-admin",
        "/blog",
        "/login",
        "/owa",
        "/nextcloud",
        "/index.php",
        "/about-us",
        "/shop/category/shoes",
        "/.well-known/carddav",
        "/.well-known/caldav",
        "/horde",
        `/go/${rng.alnum(6)}`,
        "/?lang=de",
      ]);
      const hit = browserHit(ctx, path, rng.pick([301, 302, 301, 303, 307, 308]));
      hit.bytes = rng.int(0, 600);
      return accessLine(ctx, hit);
    },
  },
  {
    // Successful logins: POST answered with a redirect.
    family: "web_access",
    label: "benign",
    weight: 3,
    make: (ctx) => {
      const { rng } = ctx;
      const [path, status] = rng.pick(
        [
          ["/wp-login.php", 302],
          ["/login", 302],
          ["/index.php/login", 303],
          ["/horde/login.php", 302],
          ["/roundcube/?_task=login", 302],
          ["/owa/auth.owa", 302],
          ["/user/login", 303],
          ["/api/v1/auth/login", 200],
          ["/users/sign_in", 302],
          ["/admin/login/?next=/admin/", 302],
        ] as const,
      );
      const hit = browserHit(ctx, path, status, "POST");
      hit.bytes = rng.int(0, 1200);
      hit.referer = `https://${vhostName(ctx)}${path}`;
      return accessLine(ctx, hit);
    },
  },
  {
    family: "web_access",
    label: "benign",
    weight: 3,
    make: (ctx) => {
      const { rng } = ctx;
      const t = token(ctx);
      const hit = browserHit(
        ctx,
        rng.pick(TOKEN_PATHS)(t),
        rng.weighted([[200, 6], [302, 2], [410, 0.5]]),
      );
      if (rng.chance(0.3)) {
        hit.ua = rng.pick([
          "okhttp/4.11.0",
          "Dalvik/2.1.0 (Linux; U; Android 13; SM-A536B Build/TP1A.220624.014)",
          "MyApp/5.2.1 (iPhone; iOS 17.2; Scale/3.00)",
        ]);
      }
      return accessLine(ctx, hit);
    },
  },
  {
    // Site searches, URL-encoded the way browsers send them.
    family: "web_access",
    label: "benign",
    weight: 3,
    make: (ctx) => {
      const { rng } = ctx;
      const q = urlEncodeQuery(rng.pick(SEARCHES), rng.chance(0.6));
      const path = rng.pick([
        `/?s=${q}`,
        `/search?q=${q}`,
        `/search/?query=${q}&page=${rng.int(1, 5)}`,
        `/catalogsearch/result/?q=${q}`,
        `/index.php?search=${q}&title=Special%3ASearch`,
      ]);
      return accessLine(ctx, browserHit(ctx, path));
    },
  },
];
