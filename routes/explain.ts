/**
 * `GET /api/detections/:id/explain`: which tokens of a detection's line drove its class
 * (lib/classify/explanations.ts: computed on the first request, then read from KV).
 *
 * @module
 */
import { Hono } from "hono";
import { z } from "zod";
import { ExplanationSchema } from "../lib/core/schemas.ts";
import type { Explainer } from "../lib/classify/explanations.ts";
import { DETECTION_ID } from "../lib/store/detections.ts";
import { ErrorSchema } from "./auth.ts";
import type { RouteDoc } from "./route_doc.ts";

const IdParams = z.object({
  id: z.string().regex(DETECTION_ID).describe("a detection id (`GET /api/detections`)"),
});

/** Route docs for the OpenAPI document. */
export const explainDocs: RouteDoc[] = [
  {
    method: "get",
    path: "/api/detections/:id/explain",
    tag: "detections",
    summary:
      "Why this verdict: each token's weight toward the detection's class (occlusion; the first request runs the model, later ones read the stored answer)",
    params: IdParams,
    responses: {
      200: { description: "the explanation", schema: ExplanationSchema },
      400: { description: "not a detection id", schema: ErrorSchema },
      404: { description: "no such detection (or it expired)", schema: ErrorSchema },
    },
  },
];

/**
 * Builds the explanation sub-app (bearer auth comes from routes/api.ts for all of /api/).
 * @example app.route("/", createExplain(new Explainer(kv, { retentionMs })))
 */
export function createExplain(explainer: Explainer): Hono {
  return new Hono().get("/api/detections/:id/explain", async (c) => {
    const id = c.req.param("id");
    if (!DETECTION_ID.test(id)) return c.json({ error: "not a detection id" }, 400);
    const r = await explainer.explain(id);
    if (!r) return c.json({ error: "no such detection" }, 404);
    c.header("X-Explanation-Cache", r.cached ? "hit" : "miss");
    return c.json(r.explanation);
  });
}
