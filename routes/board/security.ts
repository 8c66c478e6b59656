/**
 * The board's browser security: a strict CSP with the secure headers, a signed session cookie
 * (HttpOnly, SameSite=Strict; issued by the login form when a token is configured, to every
 * visitor otherwise), and CSRF checks on every state-changing request: the fetch metadata /
 * Origin must be same-origin AND a token bound to the session must come back as a form field
 * or the `X-CSRF-Token` header. The API token is only ever read from a POST body, never a URL.
 *
 * @module
 */
import { retryWhileLocked } from "../../lib/core/kv_retry.ts";
import type { Context, MiddlewareHandler } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { secureHeaders } from "hono/secure-headers";
import { timingSafeEqual } from "hono/utils/buffer";
import { K } from "../../lib/core/kv_keys.ts";

/** `default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'` and friends. */
export const boardHeaders: MiddlewareHandler = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'"],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'none'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
  xFrameOptions: "DENY",
  referrerPolicy: "same-origin",
  permissionsPolicy: { camera: [], microphone: [], geolocation: [] },
});

const COOKIE = "insyt_session";
const SESSION_MS = 12 * 3_600_000;

/** A verified session. */
export interface Session {
  id: string;
  /** Logged in with the token (always false when none is configured). */
  authed: boolean;
}

const enc = new TextEncoder();

function b64url(bytes: ArrayBuffer): string {
  return btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, "-")
    .replace(/\//g, "_").replace(/=+$/, "");
}

/** Sessions and CSRF tokens signed with a key from the API token, or a random one kept in KV. */
export class BoardAuth {
  #key: Promise<CryptoKey>;
  constructor(private kv: Deno.Kv, readonly token?: string) {
    this.#key = this.#loadKey();
  }

  async #loadKey(): Promise<CryptoKey> {
    let raw: Uint8Array<ArrayBuffer>;
    if (this.token) {
      raw = new Uint8Array(
        await crypto.subtle.digest("SHA-256", enc.encode(`insyt-board:${this.token}`)),
      );
    } else {
      const fresh = crypto.getRandomValues(new Uint8Array(32));
      // At start-up the workers open the same file: a locked database is waited out.
      await retryWhileLocked(() =>
        this.kv.atomic().check({ key: K.boardSecret, versionstamp: null })
          .set(K.boardSecret, fresh).commit()
      );
      raw = (await this.kv.get<Uint8Array<ArrayBuffer>>(K.boardSecret)).value!;
    }
    return crypto.subtle.importKey("raw", raw, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  }

  async #mac(text: string): Promise<string> {
    return b64url(await crypto.subtle.sign("HMAC", await this.#key, enc.encode(text)));
  }

  /** The session of the request's cookie, if valid and unexpired. */
  async session(c: Context): Promise<Session | null> {
    const v = getCookie(c, COOKIE);
    const m = v?.match(/^([A-Za-z0-9_-]{16,64})\.(\d{1,15})\.([01])\.([A-Za-z0-9_-]{43})$/);
    if (!m || Number(m[2]) < Date.now()) return null;
    const [, id, exp, authed, mac] = m;
    if (!await timingSafeEqual(mac, await this.#mac(`s|${id}|${exp}|${authed}`))) return null;
    if (this.token && authed !== "1") return null;
    return { id, authed: authed === "1" };
  }

  /** Sets a fresh session cookie. */
  async issue(c: Context, authed: boolean): Promise<Session> {
    const id = b64url(crypto.getRandomValues(new Uint8Array(18)).buffer);
    const exp = Date.now() + SESSION_MS;
    const a = authed ? "1" : "0";
    setCookie(c, COOKIE, `${id}.${exp}.${a}.${await this.#mac(`s|${id}|${exp}|${a}`)}`, {
      httpOnly: true,
      sameSite: "Strict",
      path: "/",
      secure: new URL(c.req.url).protocol === "https:",
      maxAge: SESSION_MS / 1000,
    });
    return { id, authed };
  }

  clear(c: Context): void {
    setCookie(c, COOKIE, "", { httpOnly: true, sameSite: "Strict", path: "/", maxAge: 0 });
  }

  /** The CSRF token of a session (put in forms and island props). */
  csrf(s: Session): Promise<string> {
    return this.#mac(`csrf|${s.id}`);
  }

  /** True when the request is same-origin and carries the session's CSRF token. */
  async checkCsrf(c: Context, s: Session, formToken: unknown): Promise<boolean> {
    if (!sameOrigin(c)) return false;
    const sent = c.req.header("x-csrf-token") ?? (typeof formToken === "string" ? formToken : "");
    return sent.length > 0 && await timingSafeEqual(sent, await this.csrf(s));
  }

  /** True when `given` is the configured token (constant time). */
  async tokenMatches(given: unknown): Promise<boolean> {
    return !!this.token && typeof given === "string" && await timingSafeEqual(given, this.token);
  }
}

/**
 * Fetch metadata says same-origin (or a user typed it); browsers without it must send an
 * Origin naming this host. Origin alone is not enough: a form POST from a page with
 * `Referrer-Policy: no-referrer` carries `Origin: null` (measured in chromium).
 */
export function sameOrigin(c: Context): boolean {
  const site = c.req.header("sec-fetch-site");
  if (site) return site === "same-origin" || site === "none";
  const origin = c.req.header("origin");
  if (!origin) return true; // not a browser: the CSRF token still has to match
  try {
    return new URL(origin).host === (c.req.header("host") ?? new URL(c.req.url).host);
  } catch {
    return false; // "null" and garbage
  }
}
