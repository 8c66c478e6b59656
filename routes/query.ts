/**
 * Query strings validated by one zod schema each; a bad one is a 400 that names the field.
 *
 * @module
 */
import { HTTPException } from "hono/http-exception";
import type { z } from "zod";

/** Parses `query` with `schema` or throws a 400 naming each bad field briefly. */
export function queryOf<S extends z.ZodType>(
  schema: S,
  query: Record<string, string>,
): z.output<S> {
  const r = schema.safeParse(query);
  if (r.success) return r.data;
  const detail = r.error.issues.slice(0, 3).map((i) => `${i.path.join(".")}: ${i.message}`);
  throw new HTTPException(400, { message: `invalid query: ${detail.join("; ")}` });
}
