/**
 * Feeds the notifier from the event log: every `incident.created` / `incident.updated` event
 * is read back as its incident and offered to {@link Notifier.notifyIncident}, which decides
 * (severity bar, step-up, closed incidents) and remembers what it announced. Starts at the end
 * of the log: a restart announces nothing twice.
 *
 * @module
 */
import { event } from "../core/log.ts";
import { eventsAfter, lastSeq } from "../events/log.ts";
import { getIncident } from "../incidents/store.ts";
import type { Notifier } from "./notifier.ts";

/** Follows the event log until `signal` aborts; resolves when it has stopped. */
export async function notifyFromEvents(
  kv: Deno.Kv,
  notifier: Notifier,
  signal: AbortSignal,
  pollMs = 500,
): Promise<void> {
  let after = await lastSeq(kv);
  while (!signal.aborted) {
    try {
      for (const ev of await eventsAfter(kv, after)) {
        after = ev.seq;
        if (ev.type !== "incident.created" && ev.type !== "incident.updated") continue;
        const inc = await getIncident(kv, String(ev.data.id));
        if (inc) await notifier.notifyIncident(inc);
      }
    } catch (e) {
      event("notify_error", { error: (e as Error).message });
    }
    await new Promise((r) => setTimeout(r, pollMs));
  }
}
