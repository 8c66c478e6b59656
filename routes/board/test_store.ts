/**
 * Test helper: writes an incident the way the grouping commit does (the record, its entity
 * pointer and an `incident.created` / `incident.updated` event in one checked commit), so board
 * tests drive the pages through the real stores and the real event log.
 *
 * @module
 */
import { K } from "../../lib/core/kv_keys.ts";
import { retryWhileLocked } from "../../lib/core/kv_retry.ts";
import type { Incident } from "../../lib/core/schemas.ts";
import { appendEvents, readSeq } from "../../lib/events/log.ts";

/** Stores `incident` and logs its event; returns the event id (its sequence number). */
export async function putIncident(kv: Deno.Kv, incident: Incident): Promise<string> {
  for (;;) {
    const [old, seq] = await Promise.all([kv.get<Incident>(K.incident(incident.id)), readSeq(kv)]);
    const op = kv.atomic().check(old).set(K.incident(incident.id), incident)
      .set(K.incidentOfEntity(incident.entity, incident.label), {
        id: incident.id,
        label: incident.label,
        firstSeen: incident.firstSeen,
        status: incident.status,
      });
    appendEvents(op, seq, [{
      at: Date.now(),
      type: old.value ? "incident.updated" : "incident.created",
      data: { id: incident.id },
    }]);
    // The started service writes the same file: a locked database is waited out, as it does.
    if ((await retryWhileLocked(() => op.commit())).ok) return String((seq.value ?? 0) + 1);
  }
}
