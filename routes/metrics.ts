/**
 * `GET /metrics`: Prometheus text of the running totals, the queue, UDP losses and the named
 * service events.
 *
 * @module
 */
import { Hono } from "hono";
import { counts } from "../lib/core/log.ts";
import { queueState } from "../lib/queue/queue.ts";
import { totals } from "../lib/store/detections.ts";
import { prometheusText, type UdpDrops } from "../lib/store/metrics.ts";

/** The metrics sub-app. */
export function createMetrics(kv: Deno.Kv, udpDrops?: () => UdpDrops): Hono {
  return new Hono().get("/metrics", async (c) => {
    c.header("Content-Type", "text/plain; version=0.0.4");
    return c.body(prometheusText(await totals(kv), await queueState(kv), udpDrops?.(), counts()));
  });
}
