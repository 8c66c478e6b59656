/** @module The Deno KV schema: every key INSyT writes, in one table. */
import type { Label } from "./taxonomy.ts";

/** Key builders. Ids are time-ordered strings, so key order is arrival order. */
export const K = {
  /** Set in the same commit as a batch's results: redelivery finds it and does nothing. */
  batchDone: (id: string) => ["batch_done", id] as Deno.KvKey,
  /** A dead-lettered batch (the queue gave up on it). */
  dead: (id: string) => ["dead", id] as Deno.KvKey,
  deadPrefix: ["dead"] as Deno.KvKey,
  detection: (id: string) => ["det", id] as Deno.KvKey,
  detectionPrefix: ["det"] as Deno.KvKey,
  byLabel: (label: Label, id: string) => ["det_label", label, id] as Deno.KvKey,
  byLabelPrefix: (label: Label) => ["det_label", label] as Deno.KvKey,
  /** The last lines of one source (for a detection's context). */
  context: (source: string) => ["ctx", source] as Deno.KvKey,
  /** Lines per minute, class and host (KvU64). */
  minute: (minute: number, label: Label, host: string) =>
    ["ctr", minute, label, host] as Deno.KvKey,
  minutePrefix: ["ctr"] as Deno.KvKey,
  /** Running totals (KvU64): "enqueued"/"done" batches, "classified", "label:<x>", "received:<transport>". */
  total: (name: string) => ["total", name] as Deno.KvKey,
  totalPrefix: ["total"] as Deno.KvKey,
  /** A watched file's committed read position. */
  filePosition: (path: string) => ["file_pos", path] as Deno.KvKey,
  /** Board seam (routes/board/kv_data.ts) until lib/incidents/ lands: one Incident. */
  incident: (id: string) => ["incident", id] as Deno.KvKey,
  incidentPrefix: ["incident"] as Deno.KvKey,
  /** Board seam: the incident event log behind the board's SSE (entries expire after a day). */
  boardEvent: (id: string) => ["board_event", id] as Deno.KvKey,
  boardEventPrefix: ["board_event"] as Deno.KvKey,
  /** Board seam: a suppression rule created from an incident, until lib/suppress/ lands. */
  boardSuppression: (id: string) => ["board_suppression", id] as Deno.KvKey,
  /** The board's session and CSRF signing key when no API token is configured. */
  boardSecret: ["board_secret"] as Deno.KvKey,
};

/** A time-ordered unique id: 9 base-36 chars of milliseconds, then randomness. */
export function timeId(now = Date.now()): string {
  return now.toString(36).padStart(9, "0") + "-" + crypto.randomUUID().slice(0, 8);
}

/** The smallest id at or after time `t` (for range scans). */
export function idAt(t: number): string {
  return t.toString(36).padStart(9, "0");
}
