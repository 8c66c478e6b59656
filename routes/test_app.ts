/**
 * Test helper: the app main.ts serves (`createApi`, every sub-app behind the guard and the one
 * error handler), on a given KV with small limits.
 *
 * @module
 */
import type { Hono } from "hono";
import { type ApiDeps, createApi } from "./api.ts";

/** The composed app with test defaults, `over` replacing any of them. */
export function testApp(kv: Deno.Kv, over: Partial<ApiDeps> = {}): Hono {
  return createApi({
    kv,
    maxBodyBytes: 1024 * 1024,
    maxBodyLines: 1000,
    slowTimeoutMs: 5_000,
    httpHost: "127.0.0.1",
    allowedHosts: ["insyt.example"],
    maxInFlight: 100,
    retentionMs: 3_600_000,
    backlog: () => 0,
    maxBacklog: 10,
    status: () => ({ mode: "test" }),
    ...over,
  });
}
