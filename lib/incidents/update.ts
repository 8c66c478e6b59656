/**
 * The one safe way to change a stored incident outside the queue handler (triage, advice):
 * reads the event sequence, then the incident, applies a change and commits it with an
 * `incident.updated` event, checked against both, so neither a batch commit nor another
 * writer can overwrite it in between (a conflict re-reads and applies the change again).
 *
 * @module
 */
import { retryWhileLocked } from "../core/kv_retry.ts";
import { K } from "../core/kv_keys.ts";
import type { Incident } from "../core/schemas.ts";
import { appendEvents, readSeq } from "../events/log.ts";
import type { IncidentRef } from "./chain.ts";
import { incidentSummary } from "./incident.ts";

/** Why a change was not applied: returned by `change` itself, passed through. */
export interface Refusal {
  /** What was wrong, for the client. */
  error: string;
}

/**
 * Applies `change` to incident `id` (which returns the new incident, or a refusal). Resolves to
 * the stored incident, the refusal, or null when there is no such incident.
 * @example await updateIncident(kv, id, (inc) => ({ ...inc, advice }), { retentionMs })
 */
export async function updateIncident<R extends Refusal>(
  kv: Deno.Kv,
  id: string,
  change: (cur: Incident) => Incident | R,
  opts: { retentionMs: number; event?: Record<string, unknown> },
): Promise<Incident | R | null> {
  for (;;) {
    const seq = await readSeq(kv);
    const cur = await kv.get<Incident>(K.incident(id));
    if (!cur.value) return null;
    const next = change(cur.value);
    if ("error" in next) return next;
    const op = kv.atomic().check(cur).set(K.incident(id), next, { expireIn: opts.retentionMs });
    const refKey = K.incidentOfEntity(next.entity, next.label);
    const ref = await kv.get<IncidentRef>(refKey);
    if (ref.value?.id === id && ref.value.status !== next.status) {
      op.check(ref).set(refKey, { ...ref.value, status: next.status }, {
        expireIn: opts.retentionMs,
      });
    }
    appendEvents(op, seq, [{
      at: Date.now(),
      type: "incident.updated",
      data: { ...incidentSummary(next), ...opts.event },
    }]);
    if ((await retryWhileLocked(() => op.commit())).ok) return next;
  }
}
