/**
 * Triage: the status workflow new → acknowledged → resolved, false positive (with a reason)
 * from any open state, and reopening. Every change is recorded in the incident's audit trail
 * (time, actor, reason) and in the event log, in one commit checked against concurrent
 * grouping (the event sequence) so a status change is never lost to a batch commit.
 *
 * @module
 */
import { K } from "../core/kv_keys.ts";
import type { Incident, IncidentStatus } from "../core/schemas.ts";
import { appendEvents, readSeq } from "../events/log.ts";
import type { IncidentRef } from "./chain.ts";
import { incidentSummary } from "./incident.ts";

/** Allowed transitions. */
export const TRANSITIONS: Record<IncidentStatus, IncidentStatus[]> = {
  new: ["acknowledged", "resolved", "false_positive"],
  acknowledged: ["resolved", "false_positive"],
  resolved: ["new"],
  false_positive: ["new"],
};

/** Most audit entries kept per incident (the oldest fall off). */
export const MAX_AUDIT = 20;

/** Why a status change was refused. */
export type TriageError =
  | { error: "not_found" }
  | { error: "invalid_transition"; from: IncidentStatus; to: IncidentStatus }
  | { error: "reason_required" };

/**
 * Moves an incident to `to`, recording `actor` and `reason`.
 * @example await setStatus(kv, id, "false_positive", "local", "the nightly backup job")
 */
export async function setStatus(
  kv: Deno.Kv,
  id: string,
  to: IncidentStatus,
  actor: string,
  reason?: string,
  retentionMs = 7 * 86_400_000,
): Promise<Incident | TriageError> {
  for (;;) {
    const seq = await readSeq(kv);
    const cur = await kv.get<Incident>(K.incident(id));
    if (!cur.value) return { error: "not_found" };
    const from = cur.value.status;
    if (!TRANSITIONS[from].includes(to)) return { error: "invalid_transition", from, to };
    if (to === "false_positive" && !reason?.trim()) return { error: "reason_required" };
    const now = Date.now();
    const inc: Incident = {
      ...cur.value,
      status: to,
      version: cur.value.version + 1,
      audit: [...cur.value.audit, {
        at: now,
        actor,
        from,
        to,
        ...(reason ? { reason: reason.slice(0, 500) } : {}),
      }]
        .slice(-MAX_AUDIT),
    };
    const op = kv.atomic().check(cur).set(K.incident(id), inc, { expireIn: retentionMs });
    const refKey = K.incidentOfEntity(inc.entity, inc.label);
    const ref = await kv.get<IncidentRef>(refKey);
    if (ref.value?.id === id) {
      op.check(ref).set(refKey, { ...ref.value, status: to }, { expireIn: retentionMs });
    }
    appendEvents(op, seq, [{
      at: now,
      type: "incident.updated",
      data: { ...incidentSummary(inc), actor },
    }]);
    if ((await op.commit()).ok) return inc;
  }
}
