/**
 * Test helper: incidents and detections written to KV the way the batch extension and the
 * queue handler write them.
 *
 * @module
 */
import type { Classifier } from "../lib/classify/classifier.ts";
import { K, timeId } from "../lib/core/kv_keys.ts";
import type { Detection, Incident } from "../lib/core/schemas.ts";
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

/** Classifies `line` with `classifier` and stores it as a detection, as the queue handler does. */
export async function seedDetection(
  kv: Deno.Kv,
  classifier: Classifier,
  line: string,
): Promise<Detection> {
  const [p] = await classifier.classify([line]);
  const d: Detection = {
    id: `${timeId()}-0000`,
    line,
    label: p.label,
    score: p.score,
    scores: p.scores,
    attack: p.attack,
    source: { transport: "http", name: "access.log" },
    receivedAt: Date.now(),
    classifiedAt: Date.now(),
    context: [],
  };
  await kv.atomic().set(K.detection(d.id), d).set(K.byLabel(d.label, d.id), null).commit();
  return d;
}
