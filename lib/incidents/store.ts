/**
 * Reads incidents back out of KV: filtered pages newest first and by id for the API, and the
 * latest incidents of a set of entities for grouping.
 *
 * @module
 */
import { K } from "../core/kv_keys.ts";
import type { Incident, IncidentStatus, Severity } from "../core/schemas.ts";
import type { Label } from "../core/taxonomy.ts";
import type { IncidentRef } from "./chain.ts";
import { groupKey, type GroupState } from "./group.ts";
import { readMany } from "../core/kv_read.ts";

/** Filters of `GET /api/incidents`. */
export interface IncidentQuery {
  /** Only incidents with this status. */
  status?: IncidentStatus;
  /** Only incidents of this class. */
  label?: Label;
  /** Exact entity (address, "host:user" or source). */
  entity?: string;
  /** At least this severity. */
  severity?: Severity;
  /** Most incidents on the page. */
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
  return (await readMany<Incident>(kv, ids.map(K.incident))).flatMap((e) =>
    e.value ? [e.value] : []
  );
}

/** The latest incident per class × entity and each entity's chain index. */
export async function readGroups(kv: Deno.Kv, entities: string[]): Promise<GroupState> {
  const history = new Map<string, IncidentRef[]>();
  await Promise.all(entities.map(async (entity) => {
    const refs: IncidentRef[] = [];
    for await (const e of kv.list<IncidentRef>({ prefix: K.incidentOfEntityPrefix(entity) })) {
      refs.push(e.value);
    }
    history.set(entity, refs);
  }));
  const refs = [...history.values()].flat();
  const incs = await readMany<Incident>(kv, refs.map((r) => K.incident(r.id)));
  const latest = new Map<string, Incident>();
  for (const e of incs) if (e.value) latest.set(groupKey(e.value.label, e.value.entity), e.value);
  return { latest, history };
}
