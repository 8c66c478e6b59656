/**
 * How a route describes itself for the OpenAPI document: its method, path, zod schemas for
 * query, body and responses. Each sub-app exports the docs of its routes beside them;
 * routes/openapi.ts turns them into OpenAPI 3.1 with `z.toJSONSchema()`.
 *
 * @module
 */
import type { z } from "zod";

/** One response of a route. */
export interface ResponseDoc {
  description: string;
  schema?: z.ZodType;
  /** Default "application/json". */
  contentType?: string;
}

/** One documented route. */
export interface RouteDoc {
  method: "get" | "post" | "patch" | "delete";
  /** Hono path syntax (`/api/incidents/:id`). */
  path: string;
  summary: string;
  tag: string;
  query?: z.ZodObject;
  params?: z.ZodObject;
  body?: z.ZodType;
  /** Body content type (default "application/json"). */
  bodyType?: string;
  responses: Record<number, ResponseDoc>;
  /** False for routes served without the bearer token. */
  auth?: boolean;
}
