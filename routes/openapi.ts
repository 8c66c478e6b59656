/**
 * @module The OpenAPI 3.1 document at `/api/openapi.json`, generated from the routes' zod
 * schemas with `z.toJSONSchema()` (never written by hand), and `/docs`, a page rendered on the
 * server from that document: no CDN, no client script.
 */
import { Hono } from "hono";
import { html, raw } from "hono/html";
import { z } from "zod";
import {
  DetectionSchema,
  LabelSchema,
  LogsBodySchema,
  QueueStateSchema,
} from "../lib/core/schemas.ts";
import { DetectionsQuery } from "./detections.ts";
import { eventsDocs } from "./events.ts";
import { explainDocs } from "./explain.ts";
import { type AuthDeps, ErrorSchema, guards } from "./auth.ts";
import { incidentsDocs } from "./incidents.ts";
import type { RouteDoc } from "./route_doc.ts";
import { suppressionsDocs } from "./suppressions.ts";

const Counts = z.record(z.string(), z.number());

/** The routes of routes/api.ts and routes/health.ts, and this module's own. */
const serviceDocs: RouteDoc[] = [
  {
    method: "post",
    path: "/api/logs",
    tag: "ingest",
    summary:
      "Ingest log lines: JSON `{lines}` or `{records}`, text/plain (one line each) or application/x-ndjson",
    body: LogsBodySchema,
    responses: {
      202: { description: "durably queued", schema: z.object({ accepted: z.number().int() }) },
      400: { description: "invalid body", schema: ErrorSchema },
      413: { description: "body or line count over the limit", schema: ErrorSchema },
      503: { description: "queue backlog full: retry after Retry-After", schema: ErrorSchema },
    },
  },
  {
    method: "get",
    path: "/api/detections",
    tag: "detections",
    summary: "Attack detections, newest first",
    query: DetectionsQuery,
    responses: {
      200: {
        description: "a page",
        schema: z.object({ items: z.array(DetectionSchema), cursor: z.string().nullable() }),
      },
      400: { description: "invalid query", schema: ErrorSchema },
    },
  },
  {
    method: "get",
    path: "/api/stats",
    tag: "detections",
    summary: "Lines per class per minute over a window, and the running totals",
    query: z.object({ window: z.string().optional().describe("15m, 6h, 7d or ms; default 1h") }),
    responses: {
      200: {
        description: "series and totals",
        schema: z.object({
          windowMs: z.number(),
          series: z.array(
            z.object({ minute: z.number(), counts: z.record(LabelSchema, z.number()) }),
          ),
          totals: Counts,
        }),
      },
      400: { description: "invalid window", schema: ErrorSchema },
    },
  },
  {
    method: "get",
    path: "/api/health",
    tag: "service",
    summary: "Queue state, workers, model and syslog status",
    responses: {
      200: {
        description: "status",
        schema: z.looseObject({ ok: z.boolean(), queue: QueueStateSchema }),
      },
    },
  },
  {
    method: "get",
    path: "/metrics",
    tag: "service",
    summary: "Prometheus metrics",
    responses: { 200: { description: "text exposition format", contentType: "text/plain" } },
  },
  {
    method: "get",
    path: "/healthz",
    tag: "service",
    summary: "Liveness: answers while the process serves HTTP",
    auth: false,
    responses: { 200: { description: "alive", schema: z.object({ ok: z.literal(true) }) } },
  },
  {
    method: "get",
    path: "/api/openapi.json",
    tag: "service",
    summary: "This document",
    responses: { 200: { description: "OpenAPI 3.1" } },
  },
  {
    method: "get",
    path: "/docs",
    tag: "service",
    summary: "This document as a page",
    auth: false,
    responses: { 200: { description: "HTML", contentType: "text/html" } },
  },
];

/** Every documented route. */
export const ROUTE_DOCS: RouteDoc[] = [
  ...serviceDocs,
  ...explainDocs,
  ...incidentsDocs,
  ...suppressionsDocs,
  ...eventsDocs,
];

/** A JSON Schema (2020-12, OpenAPI 3.1's dialect) without the per-schema `$schema` key. */
function jsonSchema(s: z.ZodType, io: "input" | "output") {
  const { $schema: _, ...rest } = z.toJSONSchema(s, { io, unrepresentable: "any" });
  return rest;
}

/** Hono's `/a/:id` as OpenAPI's `/a/{id}`. */
export const openApiPath = (p: string) => p.replace(/:(\w+)/g, "{$1}");

function parameters(d: RouteDoc) {
  const out: Record<string, unknown>[] = [];
  for (const [where, obj] of [["path", d.params], ["query", d.query]] as const) {
    for (const [name, field] of Object.entries(obj?.shape ?? {}) as [string, z.ZodType][]) {
      out.push({
        name,
        in: where,
        required: where === "path" || !field.safeParse(undefined).success,
        ...(field.description ? { description: field.description } : {}),
        schema: jsonSchema(field, "input"),
      });
    }
  }
  return out;
}

function operation(d: RouteDoc) {
  const body = d.body
    ? {
      requestBody: {
        required: true,
        content: { [d.bodyType ?? "application/json"]: { schema: jsonSchema(d.body, "input") } },
      },
    }
    : {};
  return {
    summary: d.summary,
    tags: [d.tag],
    operationId: `${d.method}${
      d.path.replace(/[^A-Za-z0-9]+(.)?/g, (_, c) => (c ?? "").toUpperCase())
    }`,
    parameters: parameters(d),
    ...body,
    responses: Object.fromEntries(
      Object.entries(d.responses).map(([status, r]) => [status, {
        description: r.description,
        ...(r.schema
          ? {
            content: {
              [r.contentType ?? "application/json"]: { schema: jsonSchema(r.schema, "output") },
            },
          }
          : r.contentType
          ? { content: { [r.contentType]: {} } }
          : {}),
      }]),
    ),
    ...(d.auth === false ? { security: [] } : {}),
  };
}

/** The OpenAPI 3.1 document of `docs`. */
export function openApiDocument(docs: RouteDoc[] = ROUTE_DOCS) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const d of docs) (paths[openApiPath(d.path)] ??= {})[d.method] = operation(d);
  return {
    openapi: "3.1.0",
    info: {
      title: "INSyT",
      version: "1",
      description:
        "Log-based intrusion detection: ingest, detections, incidents, triage, suppressions, live events. " +
        "When the service has a token (INSYT_TOKEN), every route but /healthz and /docs needs `Authorization: Bearer`.",
    },
    components: { securitySchemes: { bearer: { type: "http", scheme: "bearer" } } },
    security: [{ bearer: [] }],
    paths,
  };
}

type Doc = ReturnType<typeof openApiDocument>;

function page(doc: Doc) {
  const ops = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      path,
      method,
      op: op as ReturnType<typeof operation>,
    }))
  );
  const pre = (v: unknown) => html`<pre>${JSON.stringify(v, null, 2)}</pre>`;
  return html`
    <!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8">
        <title>${doc.info.title} API</title>
        <style>body{font:14px/1.45 system-ui,sans-serif;max-width:72rem;margin:2rem auto;padding:0 1rem}
    h2{font-size:1.05rem;margin-top:2rem}code.m{display:inline-block;min-width:4rem;font-weight:700;text-transform:uppercase}
    table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2rem .5rem;text-align:left}
    pre{background:#f5f5f5;padding:.5rem;overflow:auto;max-height:24rem}</style>
      </head>
      <body><h1>${doc.info.title} API <small>(OpenAPI ${doc.openapi})</small></h1>
    <p>${doc.info.description}</p><p><a href="/api/openapi.json">/api/openapi.json</a></p>
    ${ops.map(({ path, method, op }) =>
      html`<section id="${op.operationId}"><h2><code class="m">${method}</code> <code>${path}</code></h2>
<p>${op.summary}</p>
${
        op.parameters.length
          ? html`<table><tr><th>parameter</th><th>in</th><th>required</th><th>description</th></tr>${
            op.parameters.map((p) =>
              html`
                <tr>
                  <td><code>${String(p.name)}</code></td>
                  <td>${String(p.in)}</td>
                  <td>${p.required ? "yes" : "no"}</td>
                  <td>${String(p.description ?? "")}</td>
                </tr>
              `
            )
          }</table>`
          : ""
      }
${
        "requestBody" in op
          ? html`<details><summary>request body</summary>${pre(op.requestBody)}</details>`
          : ""
      }
${
        Object.entries(op.responses).map(([status, r]) =>
          html`<details><summary>${status}: ${r.description}</summary>${pre(r)}</details>`
        )
      }
</section>`
    )}
    ${raw("</body></html>")}
  `;
}

/**
 * Builds the docs sub-app.
 * @example app.route("/", createOpenApi({ token }))
 */
export function createOpenApi(deps: AuthDeps): Hono {
  const doc = openApiDocument();
  const app = new Hono();
  app.use("/api/openapi.json", ...guards(deps));
  app.get("/api/openapi.json", (c) => c.json(doc));
  app.get("/docs", (c) => c.html(page(doc)));
  return app;
}
