/**
 * Auth for the incident, suppression and event sub-apps: the bearer token when one is
 * configured (compared in constant time by hono/bearer-auth), the actor recorded in audit
 * trails, and for state-changing requests a JSON body (a browser page elsewhere cannot send
 * `application/json` without a CORS preflight, which this service never grants), so the
 * board's buttons are CSRF-safe together with the Origin checks of routes/guard.ts.
 *
 * @module
 */
import type { Context, MiddlewareHandler } from "hono";
import { bearerAuth } from "hono/bearer-auth";
import { z } from "zod";

/** Auth settings of a sub-app. */
export interface AuthDeps {
  /** INSYT_TOKEN: required on every /api request when set. */
  token?: string;
  /** The name recorded as actor for requests carrying the token (default "api-token"). */
  tokenName?: string;
}

/** The `{ error, detail? }` body of every refused request. */
export const ErrorSchema = z.object({
  error: z.string(),
  detail: z.union([z.string(), z.array(z.string())]).optional(),
});

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

/** Bearer auth when a token is configured, then the CSRF rules for state-changing methods. */
export function guards(deps: AuthDeps): MiddlewareHandler[] {
  const csrf: MiddlewareHandler = async (c, next) => {
    // Host, Origin and Sec-Fetch-Site are checked for every route by routes/guard.ts; a JSON
    // body on top means a browser elsewhere cannot send it without a preflight.
    if (!SAFE.has(c.req.method)) {
      const type = c.req.header("content-type")?.split(";")[0].trim().toLowerCase();
      if (c.req.method !== "DELETE" && type !== "application/json") {
        return c.json({ error: "content-type must be application/json" }, 415);
      }
    }
    await next();
  };
  return deps.token ? [bearerAuth({ token: deps.token }), csrf] : [csrf];
}

/** Who made a request: the token's name when a token is configured, else "local". */
export function actorOf(deps: AuthDeps): string {
  return deps.token ? deps.tokenName ?? "api-token" : "local";
}

/** Parses a JSON body with `schema`: the data, or a 400 response. */
export async function jsonBody<T extends z.ZodType>(
  c: Context,
  schema: T,
): Promise<{ data: z.infer<T> } | { res: Response }> {
  let raw: unknown;
  try {
    raw = await c.req.json();
  } catch {
    return { res: c.json({ error: "body is not valid JSON" }, 400) };
  }
  const r = schema.safeParse(raw);
  if (!r.success) {
    return {
      res: c.json({ error: "invalid body", detail: r.error.issues.map(issueText) }, 400),
    };
  }
  return { data: r.data };
}

function issueText(i: z.core.$ZodIssue): string {
  return i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message;
}
