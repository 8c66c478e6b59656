/** @module Test helper: incidents written to KV the way the batch extension writes them. */
import { K } from "../lib/core/kv_keys.ts";
import type { Incident } from "../lib/core/schemas.ts";
import { groupHits } from "../lib/incidents/group.ts";
import type { Hit } from "../lib/incidents/incident.ts";

let n = 0;

/** Groups `hits` (all new state) and stores the incidents and their entity index. */
export async function seedIncidents(kv: Deno.Kv, hits: Hit[]): Promise<Incident[]> {
  const { changed } = groupHits({ latest: new Map(), history: new Map() }, hits, {
    windowMs: 900_000,
    chainHorizonMs: 86_400_000,
    newId: (at) => at.toString(36).padStart(9, "0") + "-" + (++n).toString(16).padStart(8, "0"),
  });
  for (const inc of changed.values()) {
    const { id, label, firstSeen, status } = inc;
    await kv.set(K.incident(id), inc);
    await kv.set(K.incidentOfEntity(inc.entity, label), { id, label, firstSeen, status });
  }
  return [...changed.values()];
}
