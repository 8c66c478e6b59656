/**
 * Island: acknowledge / resolve / false positive (with reason) / suppress. Server-rendered as
 * plain forms that work without JavaScript; hydrated, they submit with fetch and update in place.
 * Both ways carry the CSRF token (a form field, or the `X-CSRF-Token` header).
 *
 * @module
 */
import { useMemo } from "preact/hooks";
import { signal } from "@preact/signals";
import type { IncidentStatus } from "../lib/core/schemas.ts";

/** Props of {@link TriageActions}. */
export interface TriageActionsProps {
  incidentId: string;
  status: IncidentStatus;
  csrf: string;
  /** Whether the running service can create suppression rules. */
  canSuppress: boolean;
}

const STATUS_TEXT: Record<IncidentStatus, string> = {
  new: "new",
  acknowledged: "acknowledged",
  resolved: "resolved",
  false_positive: "false positive",
};

/** The triage forms of one incident. */
export default function TriageActions(p: TriageActionsProps) {
  const s = useMemo(
    () => ({ status: signal(p.status), note: signal(""), busy: signal(false) }),
    [],
  );
  const base = `/incidents/${encodeURIComponent(p.incidentId)}`;
  const submit = async (e: Event) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    s.busy.value = true;
    try {
      const res = await fetch(form.action, {
        method: "POST",
        headers: { "X-CSRF-Token": p.csrf, Accept: "application/json" },
        body: new URLSearchParams(new FormData(form) as unknown as Record<string, string>),
      });
      const body = await res.json();
      if (!res.ok) s.note.value = `failed: ${body.error ?? res.status}`;
      else if (body.incident) {
        s.status.value = body.incident.status;
        s.note.value = `status: ${STATUS_TEXT[body.incident.status as IncidentStatus]}`;
      } else if (body.suppression) s.note.value = "suppression rule created";
    } catch (err) {
      s.note.value = `failed: ${(err as Error).message}`;
    } finally {
      s.busy.value = false;
    }
  };
  const status = s.status.value;
  const statusForm = (to: IncidentStatus, text: string) => (
    <form method="post" action={`${base}/status`} onSubmit={submit} class="inline">
      <input type="hidden" name="_csrf" value={p.csrf} />
      <input type="hidden" name="status" value={to} />
      <button type="submit" disabled={s.busy.value}>{text}</button>
    </form>
  );
  return (
    <div class="triage">
      <p>
        Status: <strong class={`status status-${status}`}>{STATUS_TEXT[status]}</strong>
      </p>
      <div class="buttons">
        {status === "new" && statusForm("acknowledged", "Acknowledge")}
        {(status === "new" || status === "acknowledged") && statusForm("resolved", "Resolve")}
        {(status === "resolved" || status === "false_positive") && statusForm("new", "Reopen")}
      </div>
      {status !== "false_positive" && (
        <form method="post" action={`${base}/status`} onSubmit={submit} class="stack">
          <input type="hidden" name="_csrf" value={p.csrf} />
          <input type="hidden" name="status" value="false_positive" />
          <label for="fp-reason">False positive — why?</label>
          <textarea id="fp-reason" name="reason" required maxLength={500} rows={2} />
          <button type="submit" disabled={s.busy.value}>Mark false positive</button>
        </form>
      )}
      {p.canSuppress && (
        <form method="post" action={`${base}/suppress`} onSubmit={submit} class="stack">
          <input type="hidden" name="_csrf" value={p.csrf} />
          <label for="sup-expiry">Suppress this class for this entity for</label>
          <select id="sup-expiry" name="expires">
            <option value="1h">1 hour</option>
            <option value="24h">24 hours</option>
            <option value="7d">7 days</option>
            <option value="30d">30 days</option>
          </select>
          <label for="sup-reason">Reason</label>
          <input id="sup-reason" name="reason" maxLength={500} />
          <button type="submit" disabled={s.busy.value}>Create suppression rule</button>
        </form>
      )}
      <p class="note" role="status" aria-live="polite">{s.note.value}</p>
    </div>
  );
}
