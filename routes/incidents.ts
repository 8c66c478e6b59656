/**
 * @module The incidents API: `GET /api/incidents` (filtered pages), `GET /api/incidents/:id`
 * (with chain links, the incidents that follow it, its sampled detections and audit trail),
 * `PATCH /api/incidents/:id` (triage).
 */
import { requestAdvice } from "../lib/advice/kv_store.ts";
import { Hono } from "hono";
import { z } from "zod";
import {
  DetectionSchema,
  type Incident,
  IncidentSchema,
  IncidentStatusSchema,
  LabelSchema,
  SeveritySchema,
} from "../lib/core/schemas.ts";
import { K } from "../lib/core/kv_keys.ts";
import type { Advice, Detection } from "../lib/core/schemas.ts";
import type { IncidentRef } from "../lib/incidents/chain.ts";
import { getIncident, getIncidents, INCIDENT_ID, listIncidents } from "../lib/incidents/store.ts";
import { setStatus } from "../lib/incidents/triage.ts";
import { actorOf, type AuthDeps, ErrorSchema, guards, jsonBody } from "./auth.ts";
import { queryOf } from "./query.ts";
import type { RouteDoc } from "./route_doc.ts";

/** What the incidents API needs. */
export interface IncidentsDeps extends AuthDeps {
  kv: Deno.Kv;
  /** How long incidents are kept (re-set on a status change). */
  retentionMs: number;
}

const Cursor = z.string().regex(
  INCIDENT_ID,
  "invalid cursor: pass the `cursor` of a previous page",
);

export const IncidentsQuery = z.object({
  status: IncidentStatusSchema.optional(),
  label: LabelSchema.optional(),
  entity: z.string().min(1).max(1000).optional(),
  severity: SeveritySchema.optional().describe("at least this severity"),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: Cursor.optional(),
});

const IdParams = z.object({ id: z.string().regex(INCIDENT_ID) });

export const IncidentPatchSchema = z.object({
  status: IncidentStatusSchema,
  reason: z.string().min(1).max(500).optional(),
}).strict();

const IncidentSummarySchema = IncidentSchema.pick({
  id: true,
  label: true,
  entity: true,
  severity: true,
  status: true,
  count: true,
  firstSeen: true,
  lastSeen: true,
});

/** `GET /api/incidents/:id`: the incident with its neighbours in the kill chain. */
export const IncidentDetailSchema = IncidentSchema.extend({
  links: z.object({
    /** The earlier incidents this one follows. */
    chain: z.array(IncidentSummarySchema),
    /** Later incidents of the same entity that follow this one. */
    followedBy: z.array(IncidentSummarySchema),
  }),
  /** The stored detections behind the model-detected samples. */
  detections: z.array(DetectionSchema),
});

const summarise = (i: Incident): z.infer<typeof IncidentSummarySchema> =>
  IncidentSummarySchema.parse(i);

/** Route docs for the OpenAPI document. */
export const incidentsDocs: RouteDoc[] = [
  {
    method: "get",
    path: "/api/incidents",
    tag: "incidents",
    summary: "Incidents, newest first, filtered; `cursor` continues a page",
    query: IncidentsQuery,
    responses: {
      200: {
        description: "a page",
        schema: z.object({ items: z.array(IncidentSchema), cursor: z.string().nullable() }),
      },
      400: { description: "invalid filter or cursor", schema: ErrorSchema },
    },
  },
  {
    method: "get",
    path: "/api/incidents/:id",
    tag: "incidents",
    summary: "One incident with samples, chain links, detections and audit trail",
    params: IdParams,
    responses: {
      200: { description: "the incident", schema: IncidentDetailSchema },
      404: { description: "no such incident", schema: ErrorSchema },
    },
  },
  {
    method: "patch",
    path: "/api/incidents/:id",
    tag: "incidents",
    summary: "Triage: new → acknowledged → resolved, or false_positive (reason required)",
    params: IdParams,
    body: IncidentPatchSchema,
    responses: {
      200: { description: "the updated incident", schema: IncidentSchema },
      400: { description: "invalid body or transition", schema: ErrorSchema },
      404: { description: "no such incident", schema: ErrorSchema },
    },
  },
  {
    method: "post",
    path: "/api/incidents/:id/advice",
    tag: "incidents",
    summary:
      "Ask for fresh advice (Ollama, else the playbook); it streams in as `advice.updated` events",
    params: IdParams,
    responses: {
      202: { description: "asked", schema: z.object({ requested: z.string() }) },
      404: { description: "no such incident", schema: ErrorSchema },
    },
  },
];

/**
 * Builds the incidents sub-app.
 * @example app.route("/", createIncidents({ kv, token, retentionMs }))
 */
export function createIncidents(deps: IncidentsDeps): Hono {
  const app = new Hono();
  app.use("/api/incidents/*", ...guards(deps)); // also matches /api/incidents

  app.get("/api/incidents", async (c) => {
    const q = { data: queryOf(IncidentsQuery, c.req.query()) };
    return c.json(await listIncidents(deps.kv, q.data));
  });

  app.get("/api/incidents/:id", async (c) => {
    const id = c.req.param("id");
    const inc = INCIDENT_ID.test(id) ? await getIncident(deps.kv, id) : null;
    if (!inc) return c.json({ error: "no such incident" }, 404);
    const refs: IncidentRef[] = [];
    for await (
      const e of deps.kv.list<IncidentRef>({ prefix: K.incidentOfEntityPrefix(inc.entity) })
    ) {
      if (e.value.id !== id) refs.push(e.value);
    }
    const later = (await getIncidents(deps.kv, refs.map((r) => r.id))).filter((o) =>
      o.chain.includes(id)
    );
    const detIds = inc.samples.flatMap((s) => s.detectionId ? [s.detectionId] : []);
    const dets = await deps.kv.getMany<Detection[]>(detIds.slice(0, 10).map(K.detection));
    const advice = await deps.kv.get<Advice>(K.adviceFor(id));
    return c.json({
      ...inc,
      links: {
        chain: (await getIncidents(deps.kv, inc.chain)).map(summarise),
        followedBy: later.map(summarise),
      },
      detections: dets.flatMap((d) => d.value ? [d.value] : []),
      ...(advice.value ? { advice: advice.value } : {}),
    });
  });

  app.post("/api/incidents/:id/advice", async (c) => {
    const id = c.req.param("id");
    const inc = INCIDENT_ID.test(id) ? await getIncident(deps.kv, id) : null;
    if (!inc) return c.json({ error: "no such incident" }, 404);
    await requestAdvice(deps.kv, id, true);
    return c.json({ requested: id }, 202);
  });

  app.patch("/api/incidents/:id", async (c) => {
    const body = await jsonBody(c, IncidentPatchSchema);
    if ("res" in body) return body.res;
    const id = c.req.param("id");
    if (!INCIDENT_ID.test(id)) return c.json({ error: "no such incident" }, 404);
    const { status, reason } = body.data;
    const res = await setStatus(deps.kv, id, status, actorOf(deps), reason, deps.retentionMs);
    if (!("error" in res)) return c.json(res);
    if (res.error === "not_found") return c.json({ error: "no such incident" }, 404);
    if (res.error === "reason_required") {
      return c.json({ error: "marking a false positive needs a reason" }, 400);
    }
    return c.json({ error: `invalid transition: ${res.from} → ${res.to}` }, 400);
  });
  return app;
}
