/**
 * The browser is not a way in: middleware every route sits behind. It answers only `Host`
 * names it serves (loopback names, the bind address, `--allowed-hosts`), so DNS rebinding gets
 * 421; refuses state-changing requests a browser sends for another origin (`Origin` /
 * `Sec-Fetch-Site`), so no web page can POST lines; answers CORS preflights with 204 and no
 * `Access-Control-Allow-*` (the API shares nothing cross-origin); bounds requests in flight;
 * sends the secure headers, a strict CSP and `Cache-Control: no-store` on API answers.
 *
 * @example
 * ```ts
 * app.use("*", guard({ httpHost: "127.0.0.1", allowedHosts: [], maxInFlight: 1024 }));
 * ```
 *
 * @module
 */
import type { MiddlewareHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import { secureHeaders } from "hono/secure-headers";
import { event } from "../lib/core/log.ts";

/** Options of {@link guard}. */
export interface GuardOptions {
  /** The address HTTP is bound to (accepted as a Host name). */
  httpHost: string;
  /** More Host names to accept (a reverse proxy's name). */
  allowedHosts: string[];
  /** Requests in flight past which new ones get 503. */
  maxInFlight: number;
}

const LOOPBACK_NAMES = ["localhost", "127.0.0.1", "[::1]", "::1"];
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** The host name of a Host header value ("[::1]:5656" → "[::1]", "a.b:80" → "a.b"). */
export function hostName(host: string): string {
  const h = host.trim().toLowerCase();
  return h.startsWith("[") ? h.slice(0, h.indexOf("]") + 1) : h.replace(/:\d*$/, "");
}

/** True when `host` names this service: a loopback name, the bind address or an allowed name. */
export function hostAllowed(host: string | undefined, o: GuardOptions): boolean {
  if (!host) return false;
  const name = hostName(host);
  if (LOOPBACK_NAMES.includes(name) || /^127\.\d+\.\d+\.\d+$/.test(name)) return true;
  const bind = o.httpHost.includes(":") ? `[${o.httpHost}]` : o.httpHost;
  return name === bind.toLowerCase() && !["0.0.0.0", "[::]"].includes(name) ||
    o.allowedHosts.some((a) => a.toLowerCase() === name);
}

function refuse(status: 403 | 421 | 503, why: string, detail: Record<string, unknown>): never {
  event("http_refused", { status, why, ...detail });
  throw new HTTPException(status, { message: why });
}

/** The guard middleware (see the module doc). */
export function guard(o: GuardOptions): MiddlewareHandler {
  const headers = secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", "data:"],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  });
  let inFlight = 0;
  return async (c, next) => {
    const host = c.req.header("host") ?? new URL(c.req.url).host; // in-process requests carry none
    if (!hostAllowed(host, o)) {
      refuse(421, `unknown Host ${JSON.stringify(host ?? "")}: use --allowed-hosts to add a name`, {
        host: host?.slice(0, 100),
      });
    }
    const origin = c.req.header("origin");
    const site = c.req.header("sec-fetch-site");
    if (c.req.method === "OPTIONS") {
      // A CORS preflight: answered, but nothing is shared with another origin.
      return headers(c, () => Promise.resolve(void (c.res = c.body(null, 204))));
    }
    if (!SAFE_METHODS.has(c.req.method)) {
      // Fetch metadata first: chromium sends `Origin: null` on same-origin form posts under
      // `Referrer-Policy: no-referrer`, so Origin decides only when Sec-Fetch-Site is absent.
      // Same origin means the page's own host and port, the Host this request names.
      const foreign = site !== undefined
        ? site === "cross-site" || site === "same-site"
        : origin !== undefined && originHost(origin) !== host!.toLowerCase();
      if (foreign) {
        refuse(403, "cross-origin requests may not change state", {
          origin: origin?.slice(0, 100),
        });
      }
    }
    if (inFlight >= o.maxInFlight) refuse(503, "too many requests in flight, retry later", {});
    inFlight++;
    try {
      await headers(c, next);
    } finally {
      inFlight--;
    }
    if (c.req.path.startsWith("/api/") || c.req.path === "/metrics" || c.req.path === "/healthz") {
      c.header("Cache-Control", "no-store");
    }
  };
}

/** "http://127.0.0.1:5656" → "127.0.0.1:5656"; "null" and junk → "" (never equal to a Host). */
function originHost(origin: string): string {
  try {
    return new URL(origin).host.toLowerCase();
  } catch {
    return "";
  }
}
