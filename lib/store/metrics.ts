/**
 * Prometheus text exposition of INSyT's counters.
 *
 * @module
 */
import type { QueueState } from "../core/schemas.ts";

/** Syslog UDP datagrams lost, by where. */
export interface UdpDrops {
  /** Dropped by the kernel at a full socket buffer. */
  kernel: number;
  /** Dropped by the service while too many lines waited for their KV commit. */
  backlog: number;
}

/** Renders totals, queue state and UDP losses as Prometheus text format 0.0.4. */
export function prometheusText(
  totals: Record<string, number>,
  q: QueueState,
  udp?: UdpDrops,
  events?: ReadonlyMap<string, number>,
): string {
  const lines: string[] = [];
  const metric = (name: string, help: string, type: string, rows: [string, number][]) => {
    lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    for (const [labels, v] of rows) lines.push(`${name}${labels} ${v}`);
  };
  const pick = (prefix: string) =>
    Object.entries(totals).filter(([k]) => k.startsWith(prefix)).map(([k, v]) =>
      [k.slice(prefix.length), v] as const
    );
  metric(
    "insyt_lines_received_total",
    "Lines committed to the queue, per transport.",
    "counter",
    pick("received:").map(([t, v]) => [`{transport="${t}"}`, v]),
  );
  metric("insyt_lines_classified_total", "Lines classified.", "counter", [[
    "",
    totals.classified ?? 0,
  ]]);
  metric(
    "insyt_lines_by_class_total",
    "Classified lines per class.",
    "counter",
    pick("label:").map(([l, v]) => [`{class="${l}"}`, v]),
  );
  metric(
    "insyt_lines_invalid_total",
    "Lines kept with a parse error or invalid UTF-8.",
    "counter",
    [["", totals.invalid ?? 0]],
  );
  metric(
    "insyt_queue_backlog_batches",
    "Batches enqueued and not yet classified (queue lag).",
    "gauge",
    [["", q.backlog]],
  );
  metric("insyt_queue_dead_letters", "Batches the queue gave up on.", "gauge", [[
    "",
    q.deadLetters,
  ]]);
  metric(
    "insyt_lines_junk_total",
    "Lines that are not text (mostly control bytes or invalid UTF-8): counted, never stored as attacks.",
    "counter",
    [["", totals.junk ?? 0]],
  );
  if (events) {
    metric(
      "insyt_events_total",
      "Named service events: refusals, accept and frame errors, timeouts, worker failures.",
      "counter",
      [...events].map(([e, v]) => [`{event="${e}"}`, v]),
    );
  }
  if (udp) {
    metric("insyt_syslog_udp_dropped_total", "Syslog datagrams lost, by where.", "counter", [
      ['{where="kernel"}', udp.kernel],
      ['{where="backlog"}', udp.backlog],
    ]);
  }
  return lines.join("\n") + "\n";
}
