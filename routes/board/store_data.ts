/**
 * The board's data ({@link BoardData}) over the real stores: incidents from lib/incidents/
 * (triage through `setStatus`, which records the audit entry), their advice from lib/advice/,
 * suppressions from lib/suppress/, detections and stats from lib/store/, explanations from
 * lib/classify/explanations.ts, and the live events from the one event log (lib/events/), each
 * incident event carrying the full incident and each advice event the stored advice, as the
 * islands expect.
 *
 * @module
 */
import { Explainer } from "../../lib/classify/explanations.ts";
import { K } from "../../lib/core/kv_keys.ts";
import type { Advice, Incident, ServiceEvent } from "../../lib/core/schemas.ts";
import { eventsAfter, lastSeq } from "../../lib/events/log.ts";
import { getIncident, listIncidents } from "../../lib/incidents/store.ts";
import { setStatus } from "../../lib/incidents/triage.ts";
import { listDetections, minuteStats } from "../../lib/store/detections.ts";
import { createSuppression } from "../../lib/suppress/rules.ts";
import type { BoardData, BoardEvent } from "./data.ts";

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => (clearTimeout(t), resolve()), { once: true });
  });
}

/** {@link BoardData} over the service's stores on `kv`. */
export function storeBoardData(
  kv: Deno.Kv,
  opts: { retentionMs: number; pollMs?: number; explainer?: Explainer },
): BoardData {
  const explainer = opts.explainer ?? new Explainer(kv, { retentionMs: opts.retentionMs });
  const pollMs = opts.pollMs ?? 500;
  const withAdvice = async (inc: Incident | null): Promise<Incident | null> => {
    if (!inc) return null;
    const advice = (await kv.get<Advice>(K.adviceFor(inc.id))).value;
    return advice ? { ...inc, advice } : inc;
  };
  const boardEvent = async (ev: ServiceEvent): Promise<BoardEvent | null> => {
    const id = String(ev.seq);
    if (ev.type === "incident.created" || ev.type === "incident.updated") {
      const inc = await withAdvice(await getIncident(kv, String(ev.data.id)));
      return inc ? { id, event: ev.type, data: inc } : null;
    }
    if (ev.type === "advice.updated") {
      const incidentId = String(ev.data.incidentId);
      const advice = (await kv.get<Advice>(K.adviceFor(incidentId))).value;
      return advice ? { id, event: ev.type, data: { incidentId, advice } } : null;
    }
    return { id, event: ev.type, data: ev.data };
  };
  return {
    async listIncidents(q) {
      const statuses = q.status ?? [undefined];
      const lists = await Promise.all(
        statuses.map((status) => listIncidents(kv, { status, limit: q.limit })),
      );
      return lists.flatMap((l) => l.items).sort((a, b) => b.lastSeen - a.lastSeen)
        .slice(0, q.limit);
    },
    getIncident: async (id) => withAdvice(await getIncident(kv, id)),
    async setStatus(id, to, actor, reason) {
      const res = await setStatus(kv, id, to, actor, reason, opts.retentionMs);
      if (!("error" in res)) return withAdvice(res);
      // A refused transition leaves the incident as it was; only a missing one is null.
      return res.error === "not_found" ? null : withAdvice(await getIncident(kv, id));
    },
    async createSuppression(req) {
      const inc = await getIncident(kv, req.incidentId);
      if (!inc) return null;
      const s = await createSuppression(kv, {
        label: inc.label,
        entity: inc.entity,
        expiresAt: req.expiresAt,
        reason: req.reason?.trim() || `suppressed from incident ${inc.id}`,
        incident: inc.id,
        examples: inc.samples.slice(0, 3).map((x) => x.line),
      }, req.actor);
      return { id: s.id };
    },
    listDetections: (q) => listDetections(kv, q),
    explainDetection: (id) => explainer.explain(id),
    stats: (windowMs) => minuteStats(kv, windowMs),
    eventHead: async () => String(await lastSeq(kv)),
    async *events(after, signal): AsyncGenerator<BoardEvent> {
      let seq = after === null ? 0 : Number(after) || 0;
      while (!signal.aborted) {
        for (const ev of await eventsAfter(kv, seq)) {
          seq = ev.seq;
          const out = await boardEvent(ev);
          if (out) yield out;
        }
        await sleep(pollMs, signal);
      }
    },
  };
}
