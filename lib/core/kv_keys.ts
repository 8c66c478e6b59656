/**
 * The Deno KV schema: every key INSyT writes, in one table.
 *
 * @module
 */
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
  /** A detection's "why this verdict" token weights (expires with the detection). */
  explanation: (detectionId: string) => ["explain", detectionId] as Deno.KvKey,
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
  /** The answer to an HTTP batch sent with this Idempotency-Key (expires). */
  idempotency: (key: string) => ["idem", key] as Deno.KvKey,
  /** An incident (lib/incidents/). */
  incident: (id: string) => ["inc", id] as Deno.KvKey,
  incidentPrefix: ["inc"] as Deno.KvKey,
  /** The latest incident of one class for an entity: grouping's pointer and the chain index. */
  incidentOfEntity: (entity: string, label: Label) => ["inc_entity", entity, label] as Deno.KvKey,
  incidentOfEntityPrefix: (entity: string) => ["inc_entity", entity] as Deno.KvKey,
  /** The address `user` last logged in from on `host` (sshd `Accepted`). */
  session: (host: string, user: string) => ["session", host, user] as Deno.KvKey,
  /** A behaviour rule's leaky bucket for one key. */
  bucket: (rule: string, key: string) => ["bucket", rule, key] as Deno.KvKey,
  /** A suppression rule (lib/suppress/), and how many detections it swallowed (KvU64). */
  suppression: (id: string) => ["supp", id] as Deno.KvKey,
  suppressionPrefix: ["supp"] as Deno.KvKey,
  suppressionHits: (id: string) => ["supp_hits", id] as Deno.KvKey,
  /** The event log: the last sequence number, and entries keyed by their last event's seq. */
  eventSeq: ["ev_seq"] as Deno.KvKey,
  events: (lastSeq: number) => ["ev", lastSeq] as Deno.KvKey,
  eventsPrefix: ["ev"] as Deno.KvKey,
  /** A watched file's committed read position. */
  filePosition: (path: string) => ["file_pos", path] as Deno.KvKey,
  /** An incident's response advice (lib/advice/), apart from the incident record. */
  adviceFor: (incidentId: string) => ["advice", incidentId] as Deno.KvKey,
  advicePrefix: ["advice"] as Deno.KvKey,
  /** A pending advice request ({ at, force? }): written by whoever wants advice, taken by the runner. */
  adviceRequest: (incidentId: string) => ["advice_req", incidentId] as Deno.KvKey,
  adviceRequestPrefix: ["advice_req"] as Deno.KvKey,
  /** The advice backend's last status (for /api/health from any thread). */
  adviceStatus: ["advice_status"] as Deno.KvKey,
  /** An incident's severity as webhooks last saw and announced it (dedupes redelivery). */
  notifySent: (incidentId: string) => ["notify_sent", incidentId] as Deno.KvKey,
  /** A webhook delivery given up on; counted in `K.total("notify_dead")`. */
  notifyDead: (id: string) => ["notify_dead", id] as Deno.KvKey,
  notifyDeadPrefix: ["notify_dead"] as Deno.KvKey,
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
