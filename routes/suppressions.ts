/**
 * @module Suppression rules CRUD under `/api/suppressions`: list (`?all=true` includes expired
 * rules), create (from an incident: its class, entity and sample lines are taken unless
 * given), read, edit, delete.
 */
import { Hono } from "hono";
import { z } from "zod";
import { SuppressionSchema } from "../lib/core/schemas.ts";
import { getIncident } from "../lib/incidents/store.ts";
import {
  createSuppression,
  deleteSuppression,
  getSuppression,
  InvalidSuppression,
  listSuppressions,
  SuppressionInputSchema,
  SuppressionPatchSchema,
  updateSuppression,
} from "../lib/suppress/rules.ts";
import { actorOf, type AuthDeps, ErrorSchema, guards, jsonBody } from "./auth.ts";
import { queryOf } from "./query.ts";
import type { RouteDoc } from "./route_doc.ts";

/** What the suppressions API needs. */
export interface SuppressionsDeps extends AuthDeps {
  kv: Deno.Kv;
}

const ListQuery = z.object({ all: z.enum(["true", "false"]).optional() });
const IdParams = z.object({ id: z.string() });
const Listed = SuppressionSchema.extend({ hits: z.number().int() });

/** A new rule; with `incident`, label and entity default to the incident's. */
export const SuppressionCreateSchema = z.union([
  SuppressionInputSchema,
  z.object({
    incident: z.string().max(100),
    reason: z.string().min(1).max(1000),
    expiresInMs: z.number().int().min(60_000).max(365 * 86_400_000).optional(),
  }).strict(),
]);

/** Route docs for the OpenAPI document. */
export const suppressionsDocs: RouteDoc[] = [
  {
    method: "get",
    path: "/api/suppressions",
    tag: "suppressions",
    summary: "Suppression rules with their hit counts",
    query: ListQuery,
    responses: { 200: { description: "the rules", schema: z.object({ items: z.array(Listed) }) } },
  },
  {
    method: "post",
    path: "/api/suppressions",
    tag: "suppressions",
    summary:
      "Create a rule (class + entity / host / line pattern, with expiry), or from an incident",
    body: SuppressionCreateSchema,
    responses: {
      201: { description: "the rule", schema: SuppressionSchema },
      400: { description: "invalid rule", schema: ErrorSchema },
      404: { description: "no such incident", schema: ErrorSchema },
    },
  },
  {
    method: "get",
    path: "/api/suppressions/:id",
    tag: "suppressions",
    summary: "One rule",
    params: IdParams,
    responses: {
      200: { description: "the rule", schema: SuppressionSchema },
      404: { description: "no such rule", schema: ErrorSchema },
    },
  },
  {
    method: "patch",
    path: "/api/suppressions/:id",
    tag: "suppressions",
    summary: "Edit a rule (null removes a condition)",
    params: IdParams,
    body: SuppressionPatchSchema,
    responses: {
      200: { description: "the rule", schema: SuppressionSchema },
      400: { description: "invalid change", schema: ErrorSchema },
      404: { description: "no such rule", schema: ErrorSchema },
    },
  },
  {
    method: "delete",
    path: "/api/suppressions/:id",
    tag: "suppressions",
    summary: "Delete a rule",
    params: IdParams,
    responses: {
      204: { description: "deleted" },
      404: { description: "no such rule", schema: ErrorSchema },
    },
  },
];

/**
 * Builds the suppressions sub-app.
 * @example app.route("/", createSuppressions({ kv, token }))
 */
export function createSuppressions(deps: SuppressionsDeps): Hono {
  const app = new Hono();
  app.use("/api/suppressions/*", ...guards(deps)); // also matches /api/suppressions
  app.onError((err, c) => {
    if (err instanceof InvalidSuppression) return c.json({ error: err.message }, 400);
    throw err;
  });

  app.get("/api/suppressions", async (c) => {
    const q = { data: queryOf(ListQuery, c.req.query()) };
    return c.json({ items: await listSuppressions(deps.kv, { all: q.data.all === "true" }) });
  });

  app.post("/api/suppressions", async (c) => {
    const body = await jsonBody(c, SuppressionCreateSchema);
    if ("res" in body) return body.res;
    let input = body.data;
    if (!("label" in input)) {
      const inc = await getIncident(deps.kv, input.incident);
      if (!inc) return c.json({ error: "no such incident" }, 404);
      input = {
        ...input,
        label: inc.label,
        entity: inc.entity,
        examples: inc.samples.map((s) => s.line).slice(0, 8),
      };
    }
    return c.json(await createSuppression(deps.kv, input, actorOf(deps)), 201);
  });

  app.get("/api/suppressions/:id", async (c) => {
    const s = await getSuppression(deps.kv, c.req.param("id"));
    return s ? c.json(s) : c.json({ error: "no such rule" }, 404);
  });

  app.patch("/api/suppressions/:id", async (c) => {
    const body = await jsonBody(c, SuppressionPatchSchema);
    if ("res" in body) return body.res;
    const s = await updateSuppression(deps.kv, c.req.param("id"), body.data);
    return s ? c.json(s) : c.json({ error: "no such rule" }, 404);
  });

  app.delete("/api/suppressions/:id", async (c) => {
    return (await deleteSuppression(deps.kv, c.req.param("id")))
      ? c.body(null, 204)
      : c.json({ error: "no such rule" }, 404);
  });
  return app;
}
