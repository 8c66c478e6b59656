/**
 * `GET /api/detections`: stored attack detections, newest first, filtered and paged by an
 * opaque cursor (a cursor that is not one of ours is a 400, not a 500).
 *
 * @module
 */
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { z } from "zod";
import { LabelSchema } from "../lib/core/schemas.ts";
import { listDetections } from "../lib/store/detections.ts";
import { queryOf } from "./query.ts";

/** The query of `GET /api/detections`. */
export const DetectionsQuery = z.object({
  label: LabelSchema.optional(),
  source: z.string().max(200).optional(),
  since: z.coerce.number().int().nonnegative().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(1000).regex(/^[A-Za-z0-9_=-]*$/, "not a cursor this API returned")
    .optional(),
});

/** The detections sub-app. */
export function createDetections(kv: Deno.Kv): Hono {
  return new Hono().get("/api/detections", async (c) => {
    const q = queryOf(DetectionsQuery, c.req.query());
    try {
      return c.json(await listDetections(kv, q));
    } catch (e) {
      if (q.cursor && e instanceof TypeError) {
        throw new HTTPException(400, { message: "cursor: not a cursor this API returned" });
      }
      throw e;
    }
  });
}
