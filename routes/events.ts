/**
 * @module `GET /api/events`: Server-Sent Events from the event log (incident created/updated,
 * detection counts per batch) with the log's `seq` as the SSE id, so a client that reconnects
 * with `Last-Event-ID` (EventSource does it by itself) gets every event it missed that is still
 * in the log; `stats` ticks (running totals, no id) and comment heartbeats in between.
 */
import { Hono } from "hono";
import { streamSSE } from "hono/streaming";
import { z } from "zod";
import { ServiceEventSchema } from "../lib/core/schemas.ts";
import { eventsAfter, lastSeq } from "../lib/events/log.ts";
import { totals } from "../lib/store/detections.ts";
import { type AuthDeps, ErrorSchema, guards } from "./auth.ts";
import type { RouteDoc } from "./route_doc.ts";

/** What the events stream needs. */
export interface EventsDeps extends AuthDeps {
  kv: Deno.Kv;
  /** Comment heartbeat interval (default 15 s). */
  heartbeatMs?: number;
  /** `stats` tick interval (default 5 s). */
  statsMs?: number;
  /** How often the log is read for new events (default 250 ms). */
  pollMs?: number;
}

const Seq = z.string().regex(/^\d{1,15}$/).transform(Number);
const EventsQuery = z.object({
  after: Seq.optional().describe("replay events after this seq (like Last-Event-ID)"),
});

/** Route docs for the OpenAPI document. */
export const eventsDocs: RouteDoc[] = [{
  method: "get",
  path: "/api/events",
  tag: "events",
  summary:
    "Server-Sent Events: incident.created, incident.updated, detections (id = seq), stats ticks; resumes after Last-Event-ID",
  query: EventsQuery,
  responses: {
    200: {
      description: "an event stream; each `data` is one event as JSON",
      contentType: "text/event-stream",
      schema: ServiceEventSchema,
    },
    400: { description: "malformed Last-Event-ID or after", schema: ErrorSchema },
  },
}];

/**
 * Builds the events sub-app.
 * @example app.route("/", createEvents({ kv, token }))
 */
export function createEvents(deps: EventsDeps): Hono {
  const app = new Hono();
  app.use("/api/events", ...guards(deps));
  const heartbeatMs = deps.heartbeatMs ?? 15_000;
  const statsMs = deps.statsMs ?? 5_000;
  const pollMs = deps.pollMs ?? 250;

  app.get("/api/events", async (c) => {
    const from = c.req.header("last-event-id") ?? c.req.query("after");
    const parsed = from === undefined ? undefined : Seq.safeParse(from.trim());
    if (parsed && !parsed.success) {
      return c.json({ error: "Last-Event-ID (or after) must be an event seq" }, 400);
    }
    let after = parsed ? parsed.data! : await lastSeq(deps.kv);
    return streamSSE(c, async (stream) => {
      let beat = Date.now(), tick = 0;
      while (!stream.aborted && !stream.closed) {
        for (const e of await eventsAfter(deps.kv, after, 500)) {
          await stream.writeSSE({ id: String(e.seq), event: e.type, data: JSON.stringify(e) });
          after = e.seq;
        }
        const now = Date.now();
        if (now - tick >= statsMs) {
          tick = now;
          const data = JSON.stringify({ at: now, totals: await totals(deps.kv) });
          await stream.writeSSE({ event: "stats", data });
        }
        if (now - beat >= heartbeatMs) {
          beat = now;
          await stream.write(": heartbeat\n\n");
        }
        await stream.sleep(pollMs);
      }
    });
  });
  return app;
}
