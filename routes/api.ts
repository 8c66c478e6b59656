/**
 * The HTTP API (Hono), composed from one sub-app per resource behind the guard (Host, Origin,
 * in-flight bound, secure headers, CSP, no-store) and the bearer token when one is set. Errors
 * are handled once: an `HTTPException` or a refused body answers `{"error"}` with its status;
 * anything else is a 500 counted as `internal_error`, its stack never sent.
 *
 * @module
 */
import { Hono } from "hono";
import { bearerAuth } from "hono/bearer-auth";
import { HTTPException } from "hono/http-exception";
import { event } from "../lib/core/log.ts";
import { BodyError } from "../lib/ingest/http/body.ts";
import { ExplainBusy } from "../lib/classify/explanations.ts";
import { Explainer } from "../lib/classify/explanations.ts";
import type { UdpDrops } from "../lib/store/metrics.ts";
import { createDetections } from "./detections.ts";
import { createExplain } from "./explain.ts";
import { guard } from "./guard.ts";
import { createHealth, health } from "./health.ts";
import { createLogs, type LogsDeps } from "./logs.ts";
import { createMetrics } from "./metrics.ts";
import { createStats } from "./stats.ts";
import { createEvents } from "./events.ts";
import { createIncidents } from "./incidents.ts";
import { createOpenApi } from "./openapi.ts";
import { createSuppressions } from "./suppressions.ts";

/** What the API needs from the running service. */
export interface ApiDeps extends LogsDeps {
  token?: string;
  /** The HTTP bind address and extra Host names accepted (DNS-rebinding guard). */
  httpHost: string;
  allowedHosts: string[];
  /** Requests in flight past which new ones get 503. */
  maxInFlight: number;
  /** How long incidents and detections live (ms). */
  retentionMs: number;
  /** Worker and model status for /api/health. */
  status: () => Record<string, unknown> | Promise<Record<string, unknown>>;
  /** Syslog UDP datagrams lost: at the kernel (full socket buffer) and past the ingest bound. */
  udpDrops?: () => UdpDrops;
  /** Explains detections (default: one loading the shipped model on its first request). */
  explainer?: Explainer;
}

/**
 * Builds the API app.
 * @example Deno.serve(createApi(deps).fetch);
 */
export function createApi(deps: ApiDeps): Hono {
  const app = new Hono();
  app.use("*", guard(deps));
  if (deps.token) {
    app.use("/api/*", bearerAuth({ token: deps.token }));
    app.use("/metrics", bearerAuth({ token: deps.token }));
  }
  app.onError((err, c) => {
    if (err instanceof BodyError) return c.json({ error: err.message }, err.status);
    if (err instanceof ExplainBusy) {
      c.header("Retry-After", "5");
      return c.json({ error: err.message }, 503);
    }
    if (err instanceof HTTPException) {
      if (err.res) return err.getResponse();
      if (err.status === 503) c.header("Retry-After", "5");
      return c.json({ error: err.message }, err.status);
    }
    event("internal_error", { path: c.req.path, error: (err as Error).message });
    return c.json({ error: "internal error" }, 500);
  });
  app.notFound((c) => c.json({ error: `no route ${c.req.method} ${c.req.path}` }, 404));
  return app
    .route("/", health)
    .route("/", createLogs(deps))
    .route("/", createDetections(deps.kv))
    .route(
      "/",
      createExplain(deps.explainer ?? new Explainer(deps.kv, { retentionMs: deps.retentionMs })),
    )
    .route("/", createStats(deps.kv))
    .route("/", createHealth(deps.kv, deps.status))
    .route("/", createMetrics(deps.kv, deps.udpDrops))
    .route("/", createIncidents({ kv: deps.kv, token: deps.token, retentionMs: deps.retentionMs }))
    .route("/", createSuppressions({ kv: deps.kv, token: deps.token }))
    .route("/", createEvents({ kv: deps.kv, token: deps.token }))
    .route("/", createOpenApi({ token: deps.token }));
}
