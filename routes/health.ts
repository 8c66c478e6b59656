/**
 * Health: `GET /healthz` (liveness, no auth: answers while the process serves HTTP) and
 * `GET /api/health` (queue, workers, model, syslog sockets, advice backend, webhooks).
 *
 * @module
 */
import { Hono } from "hono";
import { queueState } from "../lib/queue/queue.ts";

/** The liveness sub-app. */
export const health = new Hono().get("/healthz", (c) => c.json({ ok: true }));

/** The `/api/health` sub-app; `status` adds the running service's parts. */
export function createHealth(
  kv: Deno.Kv,
  status: () => Record<string, unknown> | Promise<Record<string, unknown>>,
): Hono {
  return new Hono().get(
    "/api/health",
    async (c) => c.json({ ok: true, queue: await queueState(kv), ...(await status()) }),
  );
}
