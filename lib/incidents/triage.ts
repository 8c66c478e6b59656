/**
 * Triage: the status workflow new → acknowledged → resolved, false positive (with a reason)
 * from any open state, and reopening. Every change is recorded in the incident's audit trail
 * (time, actor, reason) and in the event log, through {@link updateIncident} (never lost to
 * a concurrent batch commit).
 *
 * @module
 */
import type { Incident, IncidentStatus } from "../core/schemas.ts";
import { updateIncident } from "./update.ts";

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
  const res = await updateIncident(kv, id, (cur): Incident | TriageError => {
    const from = cur.status;
    if (!TRANSITIONS[from].includes(to)) return { error: "invalid_transition", from, to };
    if (to === "false_positive" && !reason?.trim()) return { error: "reason_required" };
    const entry = {
      at: Date.now(),
      actor,
      from,
      to,
      ...(reason ? { reason: reason.slice(0, 500) } : {}),
    };
    return {
      ...cur,
      status: to,
      version: cur.version + 1,
      audit: [...cur.audit, entry].slice(-MAX_AUDIT),
    };
  }, { retentionMs, event: { actor } });
  return res ?? { error: "not_found" };
}
