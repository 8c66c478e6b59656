/** @module Reads incidents back out of KV for the API: filtered pages, newest first, and one by id. */
import { K } from "../core/kv_keys.ts";
import type { Incident, IncidentStatus, Severity } from "../core/schemas.ts";
import type { Label } from "../core/taxonomy.ts";

/** Filters of `GET /api/incidents`. */
export interface IncidentQuery {
  status?: IncidentStatus;
  label?: Label;
  /** Exact entity (address, "host:user" or source). */
  entity?: string;
  /** At least this severity. */
  severity?: Severity;
  limit: number;
  /** The id of the last incident of the previous page. */
  cursor?: string;
}

/** The shape of an incident id (lib/core/kv_keys.ts `timeId`), which is also a cursor. */
export const INCIDENT_ID = /^[0-9a-z]{9}-[0-9a-f]{8}$/;

const RANK = { low: 0, medium: 1, high: 2, critical: 3 } as const;

/** Most incidents a page request reads before it answers with what it found. */
const MAX_SCAN = 10_000;

/** Newest first; `cursor` (a previous page's last id) continues after it. */
export async function listIncidents(
  kv: Deno.Kv,
  q: IncidentQuery,
): Promise<{ items: Incident[]; cursor: string | null }> {
  const items: Incident[] = [];
  const iter = kv.list<Incident>(
    q.cursor
      ? { prefix: K.incidentPrefix, end: K.incident(q.cursor) }
      : { prefix: K.incidentPrefix },
    { reverse: true, batchSize: Math.min(500, q.limit * 2) },
  );
  let scanned = 0;
  for await (const { value: inc } of iter) {
    scanned++;
    if (
      (!q.status || inc.status === q.status) && (!q.label || inc.label === q.label) &&
      (!q.entity || inc.entity === q.entity) &&
      (!q.severity || RANK[inc.severity] >= RANK[q.severity])
    ) items.push(inc);
    if (items.length >= q.limit) return { items, cursor: inc.id };
    if (scanned >= MAX_SCAN) return { items, cursor: inc.id };
  }
  return { items, cursor: null };
}

/** One incident, or null. */
export async function getIncident(kv: Deno.Kv, id: string): Promise<Incident | null> {
  return (await kv.get<Incident>(K.incident(id))).value;
}

/** The incidents `ids` (in that order; missing ones left out). */
export async function getIncidents(kv: Deno.Kv, ids: string[]): Promise<Incident[]> {
  const out: Incident[] = [];
  for (let i = 0; i < ids.length; i += 10) {
    const got = await kv.getMany<Incident[]>(ids.slice(i, i + 10).map(K.incident));
    for (const g of got) if (g.value) out.push(g.value);
  }
  return out;
}
