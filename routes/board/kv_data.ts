/**
 * The board's data over Deno KV — THE SEAM. Detections and stats read lib/store/ (real today).
 * Incidents, their event log and suppressions are read and written here under the `incident`,
 * `board_event` and `board_suppression` keys until lib/incidents/, lib/events/ and
 * lib/suppress/ land; then main.ts passes their functions as {@link BoardData} instead and this
 * file shrinks to the detection part. Tests seed incidents with {@link putIncident}.
 *
 * The event log is polled, not watched: a writer in another process on the same KV file (a
 * test, a second service) is seen within `pollMs`.
 *
 * @module
 */
import { idAt, K, timeId } from "../../lib/core/kv_keys.ts";
import type { Incident } from "../../lib/core/schemas.ts";
import { listDetections, minuteStats } from "../../lib/store/detections.ts";
import type { BoardData, BoardEvent } from "./data.ts";

const EVENT_TTL_MS = 86_400_000;
const MAX_INCIDENTS = 5_000;
const LOOKBACK_MS = 5_000;

/** The time an id from timeId() was made at. */
const msOf = (id: string) => parseInt(id.slice(0, 9), 36) || 0;

/** Stores an incident and logs `incident.created` or `incident.updated` in the same commit. */
export async function putIncident(kv: Deno.Kv, incident: Incident): Promise<string> {
  const old = await kv.get<Incident>(K.incident(incident.id));
  const id = timeId();
  const event = old.value ? "incident.updated" : "incident.created";
  const ok = await kv.atomic().check(old).set(K.incident(incident.id), incident)
    .set(K.boardEvent(id), { event, data: incident }, { expireIn: EVENT_TTL_MS }).commit();
  if (!ok.ok) throw new Error(`incident ${incident.id} changed concurrently`);
  return id;
}

async function lastEventId(kv: Deno.Kv): Promise<string | null> {
  for await (const e of kv.list({ prefix: K.boardEventPrefix }, { reverse: true, limit: 1 })) {
    return e.key[1] as string;
  }
  return null;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => (clearTimeout(t), resolve()), { once: true });
  });
}

/** {@link BoardData} over `kv`. */
export function kvBoardData(kv: Deno.Kv, opts: { pollMs?: number } = {}): BoardData {
  const pollMs = opts.pollMs ?? 500;
  const getIncident = async (id: string) => (await kv.get<Incident>(K.incident(id))).value;
  return {
    async listIncidents(q) {
      const out: Incident[] = [];
      for await (
        const e of kv.list<Incident>({ prefix: K.incidentPrefix }, { limit: MAX_INCIDENTS })
      ) {
        if (!q.status || q.status.includes(e.value.status)) out.push(e.value);
      }
      return out.sort((a, b) => b.lastSeen - a.lastSeen).slice(0, q.limit);
    },
    getIncident,
    async setStatus(id, to, actor, reason) {
      const inc = await getIncident(id);
      if (!inc) return null;
      if (inc.status === to) return inc;
      const next: Incident = {
        ...inc,
        status: to,
        version: inc.version + 1,
        audit: [...inc.audit, { at: Date.now(), actor, from: inc.status, to, reason }],
      };
      await putIncident(kv, next);
      return next;
    },
    async createSuppression(req) {
      const inc = await getIncident(req.incidentId);
      if (!inc) return null;
      const id = timeId();
      await kv.set(K.boardSuppression(id), {
        id,
        label: inc.label,
        entity: inc.entity,
        createdAt: Date.now(),
        ...req,
      }, { expireIn: Math.max(1, req.expiresAt - Date.now()) });
      return { id };
    },
    listDetections: (q) => listDetections(kv, q),
    stats: (windowMs) => minuteStats(kv, windowMs),
    eventHead: () => lastEventId(kv),
    async *events(after, signal): AsyncGenerator<BoardEvent> {
      // Ids are time-ordered, but two writers can commit out of id order: every poll looks
      // LOOKBACK_MS back and skips what it already sent.
      const seen = new Map<string, number>();
      let newest = after ? msOf(after) : 0;
      while (!signal.aborted) {
        const sel = newest
          ? { start: K.boardEvent(idAt(newest - LOOKBACK_MS)), end: [...K.boardEventPrefix, "~"] }
          : { prefix: K.boardEventPrefix };
        for await (const e of kv.list<{ event: string; data: unknown }>(sel)) {
          const id = e.key[1] as string;
          if (seen.has(id) || (after !== null && id <= after)) continue;
          seen.set(id, msOf(id));
          newest = Math.max(newest, msOf(id));
          yield { id, event: e.value.event, data: e.value.data };
        }
        for (const [id, ms] of seen) if (ms < newest - LOOKBACK_MS) seen.delete(id);
        await sleep(pollMs, signal);
      }
    },
  };
}
