/**
 * Named events: each observable thing the service does (a refused peer, a frame error, an accept
 * failure, start-up, shutdown) is one call that counts it AND logs it as one JSON line on stderr.
 * Logging is rate-limited per event name (attackers can make events cheaply; the count stays
 * exact), and `/metrics` exports the counts as `insyt_events_total{event="..."}`.
 *
 * @example
 * ```ts
 * event("syslog_refused", { peer: "198.51.100.7:4711", reason: "allow-list" });
 * counts().get("syslog_refused"); // 1
 * ```
 *
 * @module
 */

/** Every event name, with what it means (the README's metrics table lists them). */
export const EVENTS = {
  started: "the service is listening",
  shutdown: "a shutdown was requested (signal) or forced",
  syslog_refused: "a syslog datagram or TCP connection refused (allow-list or connection caps)",
  syslog_accept_error:
    "accepting a syslog TCP connection failed (reset before accept, EMFILE, ...)",
  syslog_frame_error: "a syslog TCP frame could not be decoded (bad octet count, no header)",
  syslog_truncated: "a syslog TCP frame longer than the frame bound was cut",
  syslog_timeout: "a syslog TCP connection closed for idleness or a frame left incomplete",
  http_refused: "an HTTP request refused: Host, Origin, capacity or a slow body",
  udp_receiver_error: "the syslog UDP receive loop failed",
  watch_error: "a watched file could not be read, or its batch not committed (retried)",
  commit_error: "a batch of received lines could not be committed to KV (kept, retried)",
  queue_invalid_message: "a queue message that is not a batch was dropped",
  worker_priority: "a classify worker could not lower its CPU priority",
  advice_error: "incident advice could not be produced or stored (the playbook stands)",
  notify_error: "the webhook notifier could not read an incident event",
  worker_error: "a background worker failed",
  worker_restart: "a failed background worker is started again after a wait",
  model_worker_restart:
    "a crashed model worker was replaced; the other model workers kept serving, its runs went to them",
  internal_error: "an unexpected error answered with 500",
  explain_model_loaded: "the classifier was loaded in the main process for a first explanation",
} as const;

/** One of the named events. */
export type EventName = keyof typeof EVENTS;

const counters = new Map<EventName, number>();
const lastLogged = new Map<EventName, { at: number; suppressed: number }>();

/** Log lines per event name per second at most; the rest are counted as suppressed. */
const LOG_EVERY_MS = 1000;

/** Counts `name` and logs it (rate-limited) as one JSON line on stderr. */
export function event(name: EventName, fields: Record<string, unknown> = {}, now = Date.now()) {
  counters.set(name, (counters.get(name) ?? 0) + 1);
  const last = lastLogged.get(name);
  if (last && now - last.at < LOG_EVERY_MS) {
    last.suppressed++;
    return;
  }
  const suppressed = last?.suppressed ?? 0;
  lastLogged.set(name, { at: now, suppressed: 0 });
  const line = { at: new Date(now).toISOString(), event: name, ...fields };
  if (suppressed) Object.assign(line, { suppressed });
  // deno-lint-ignore no-console -- the one place events reach the log
  console.error(JSON.stringify(line));
}

/** Counts so far, per event name (this isolate's). */
export function counts(): ReadonlyMap<EventName, number> {
  return counters;
}
