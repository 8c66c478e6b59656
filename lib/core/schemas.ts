/**
 * The data contracts shared by ingest, queue handlers, routes and tests (one zod schema each).
 * The schema consts are tagged `@ignore` for `deno doc`, which cannot document zod's types;
 * the types parsed from them (`Source`, `Incident`, ...) carry the docs.
 *
 * @module
 */
import { z } from "zod";
import { LABELS } from "./taxonomy.ts";

/** The type a zod schema parses to: `z.infer` written structurally (deno doc cannot read zod's). */
export type Infer<T extends { _zod: { output: unknown } }> = T["_zod"]["output"];

/**
 * Where a line came from.
 *
 * @ignore
 */
export const SourceSchema = z.object({
  transport: z.enum(["udp", "tcp", "http", "file"]),
  /** Peer address "ip:port" (network transports). */
  peer: z.string().optional(),
  /** Host named by the sender (syslog header or HTTP record). */
  host: z.string().optional(),
  /** Program named in the syslog header. */
  app: z.string().optional(),
  /** Free-form source name given over HTTP. */
  name: z.string().optional(),
  /** Watched file path and 1-based line number. */
  path: z.string().optional(),
  lineNo: z.number().int().optional(),
  /** Set when a syslog header was present but malformed (the line is still kept). */
  parseError: z.string().optional(),
  invalidUtf8: z.boolean().optional(),
  truncated: z.boolean().optional(),
});
/** Where a line came from (fields: `SourceSchema`). */
export type Source = Infer<typeof SourceSchema>;

/**
 * One received line on its way through the queue.
 *
 * @ignore
 */
export const RecordSchema = z.object({
  line: z.string(),
  source: SourceSchema,
  receivedAt: z.number(),
});
/** One received line with its source and arrival time (ms). */
export type LineRecord = Infer<typeof RecordSchema>;

/**
 * Lines that arrived together from one source (a TCP read, the datagrams of one peer in one
 * drain, an HTTP body, a run of a file). Ingest stays cheap: syslog headers are parsed by the
 * queue consumer, which expands a segment into {@link LineRecord}s (lib/segments.ts).
 *
 * @ignore
 */
export const SegmentSchema = z.object({
  /** Shared by every line; for files, `lineNo` is the first line's number. */
  source: SourceSchema,
  receivedAt: z.number(),
  lines: z.array(z.string()),
  /** The lines are raw syslog messages: their headers are parsed on expansion. */
  syslog: z.boolean().optional(),
  /** Indexes into `lines` of lines that were not valid UTF-8 (decoded with U+FFFD). */
  invalidUtf8: z.array(z.number().int()).optional(),
  /** Indexes into `lines` of lines cut to the stored length. */
  truncated: z.array(z.number().int()).optional(),
});
/** Lines that arrived together from one source (fields: `SegmentSchema`). */
export type Segment = Infer<typeof SegmentSchema>;

/**
 * A queue message: a batch of lines (never one message per line), at most 64 KiB.
 *
 * @ignore
 */
export const BatchMessageSchema = z.object({
  kind: z.literal("batch"),
  id: z.string(),
  segments: z.array(SegmentSchema),
});
/** A queue message: a batch of segments. */
export type BatchMessage = Infer<typeof BatchMessageSchema>;

/**
 * The taxonomy's labels ({@link LABELS}).
 *
 * @ignore
 */
export const LabelSchema = z.enum(LABELS);

/**
 * Where a verdict sits in MITRE ATT&CK: tactic and technique ids.
 *
 * @ignore
 */
export const AttackSchema = z.object({
  tactics: z.array(z.string()),
  techniques: z.array(z.string()),
});
/** MITRE ATT&CK tactic and technique ids of a verdict. */
export type Attack = Infer<typeof AttackSchema>;

/**
 * A stored attack detection.
 *
 * @ignore
 */
export const DetectionSchema = z.object({
  id: z.string(),
  line: z.string(),
  label: LabelSchema,
  score: z.number(),
  scores: z.record(LabelSchema, z.number()),
  attack: AttackSchema,
  source: SourceSchema,
  receivedAt: z.number(),
  classifiedAt: z.number(),
  /** Previous lines from the same source, oldest first. */
  context: z.array(z.string()),
});
/** A stored attack detection (fields: `DetectionSchema`). */
export type Detection = Infer<typeof DetectionSchema>;

/**
 * One token of an explained line: its text, [start, end) offsets in the line, and weight.
 *
 * @ignore
 */
export const TokenWeightSchema = z.object({
  text: z.string(),
  start: z.number().int(),
  end: z.number().int(),
  /** P(label | line) − P(label | line without this token): > 0 pushed towards the label. */
  weight: z.number(),
});
/** One weighted token (`TokenWeightSchema`). */
export type TokenWeight = Infer<typeof TokenWeightSchema>;

/**
 * Why a detection got its class: occlusion attributions (lib/classify/explain.ts).
 *
 * @ignore
 */
export const ExplanationSchema = z.object({
  detectionId: z.string(),
  /** The class explained (the detection's). */
  label: LabelSchema,
  /** P(label | line) as the model in this process gives it now. */
  score: z.number(),
  tokens: z.array(TokenWeightSchema),
  computedAt: z.number(),
});
/** An explanation (`ExplanationSchema`). */
export type Explanation = Infer<typeof ExplanationSchema>;

/**
 * One record of a `POST /api/logs` body (JSON `records` item or NDJSON line).
 *
 * @ignore
 */
export const RecordBodySchema = z.object({
  line: z.string(),
  source: z.string().optional(),
  host: z.string().optional(),
});

/**
 * `POST /api/logs` JSON body of bare lines.
 *
 * @ignore
 */
export const LinesBodySchema = z.object({ lines: z.array(z.string()) });
/**
 * `POST /api/logs` JSON body of records.
 *
 * @ignore
 */
export const RecordsBodySchema = z.object({ records: z.array(RecordBodySchema) });
/**
 * `POST /api/logs` JSON bodies (either shape; the OpenAPI document describes them).
 *
 * @ignore
 */
export const LogsBodySchema = z.union([LinesBodySchema, RecordsBodySchema]);

/**
 * What the queue looks like now.
 *
 * @ignore
 */
export const QueueStateSchema = z.object({
  enqueued: z.number().int(),
  done: z.number().int(),
  /** Batches enqueued but not yet handled. */
  backlog: z.number().int(),
  deadLetters: z.number().int(),
});
/** Queue counters: batches enqueued, done, backlog and dead letters. */
export type QueueState = Infer<typeof QueueStateSchema>;

/**
 * How an incident is being handled.
 *
 * @ignore
 */
export const IncidentStatusSchema = z.enum(["new", "acknowledged", "resolved", "false_positive"]);
/** How an incident is being handled. */
export type IncidentStatus = Infer<typeof IncidentStatusSchema>;

/** Severity, lowest first. */
export const SEVERITIES = ["low", "medium", "high", "critical"] as const;
/**
 * One of {@link SEVERITIES}.
 *
 * @ignore
 */
export const SeveritySchema = z.enum(SEVERITIES);
/** An incident severity (order: {@link SEVERITIES}). */
export type Severity = Infer<typeof SeveritySchema>;
/** Position of each severity in {@link SEVERITIES} (compare with `<`). */
export const SEVERITY_RANK = Object.fromEntries(SEVERITIES.map((s, i) => [s, i])) as Record<
  Severity,
  number
>;

/**
 * A representative line of an incident, with the lines before it from the same source.
 *
 * @ignore
 */
export const SampleLineSchema = z.object({
  detectionId: z.string().optional(),
  line: z.string(),
  source: SourceSchema,
  receivedAt: z.number(),
  context: z.array(z.string()),
  /** "first", "last" or "distinct": why this line was kept. */
  why: z.enum(["first", "last", "distinct"]),
});
/** A representative line of an incident (fields: `SampleLineSchema`). */
export type SampleLine = Infer<typeof SampleLineSchema>;

/**
 * One recorded change of an incident's status.
 *
 * @ignore
 */
export const AuditEntrySchema = z.object({
  at: z.number(),
  /** Token name, or "local" when no token is configured. */
  actor: z.string(),
  from: IncidentStatusSchema,
  to: IncidentStatusSchema,
  reason: z.string().optional(),
});
/** One recorded change of an incident's status. */
export type AuditEntry = Infer<typeof AuditEntrySchema>;

/**
 * Incident-response advice for one incident version (LLM text or a built-in playbook).
 *
 * @ignore
 */
export const AdviceSchema = z.object({
  source: z.enum(["llm", "playbook"]),
  /** Untrusted markdown: stored as text, rendered with raw HTML disabled. */
  markdown: z.string(),
  model: z.string().optional(),
  /** The incident version it was written for. */
  version: z.number().int(),
  /** The incident's severity then: a step-up past it calls for new advice. */
  severity: SeveritySchema.optional(),
  /** False while an LLM answer is still streaming in. */
  complete: z.boolean(),
  updatedAt: z.number(),
  error: z.string().optional(),
});
/** Incident-response advice for one incident version (fields: `AdviceSchema`). */
export type Advice = Infer<typeof AdviceSchema>;

/**
 * Attack lines and behaviour across lines grouped by class × entity within an inactivity
 * window (lib/incidents/). The one shape the store, the API, advice and the board share.
 *
 * @ignore
 */
export const IncidentSchema = z.object({
  id: z.string(),
  label: LabelSchema,
  /** The attacking address when lines name one, else "host:user", else the source. */
  entity: z.string(),
  entityKind: z.enum(["ip", "user", "source"]),
  status: IncidentStatusSchema,
  severity: SeveritySchema,
  /** Bumped on every change (advice is cached per version). */
  version: z.number().int(),
  detectors: z.array(z.enum(["model", "behaviour"])),
  /** Names of the behaviour rules that fired. */
  rules: z.array(z.string()),
  tactics: z.array(z.string()),
  techniques: z.array(z.string()),
  count: z.number().int(),
  firstSeen: z.number(),
  lastSeen: z.number(),
  hosts: z.array(z.string()),
  sources: z.array(z.string()),
  users: z.array(z.string()),
  /** Attack lines per minute over the incident's life, oldest first (bounded). */
  perMinute: z.array(z.number().int()),
  /** The minute (ms) of `perMinute[0]`; older minutes fall off once the series is full. */
  perMinuteStart: z.number().optional(),
  /** Line shapes the model judged for this incident (lib/incidents/shape.ts; bounded). */
  shapes: z.array(z.string()).optional(),
  /** A success after the attack (e.g. an sshd login from a brute-forcing address). */
  followUp: z.object({ at: z.number(), line: z.string() }).optional(),
  samples: z.array(SampleLineSchema),
  /** Earlier incidents of the same entity this one follows in the kill chain. */
  chain: z.array(z.string()),
  audit: z.array(AuditEntrySchema),
  advice: AdviceSchema.optional(),
});
/** An incident as stored and served (fields: `IncidentSchema`). */
export type Incident = Infer<typeof IncidentSchema>;

/**
 * A service event as the event log keeps it and `GET /api/events` sends it.
 *
 * @ignore
 */
export const ServiceEventSchema = z.object({
  /** Position in the log (the SSE id): strictly increasing. */
  seq: z.number().int(),
  at: z.number(),
  type: z.enum(["incident.created", "incident.updated", "advice.updated", "detections"]),
  data: z.record(z.string(), z.unknown()),
});
/** A service event of the event log. */
export type ServiceEvent = Infer<typeof ServiceEventSchema>;

/**
 * A suppression rule: detections of `label` that match every given condition (entity, host,
 * masked line pattern) until `expiresAt` are counted but open or grow no incident.
 *
 * @ignore
 */
export const SuppressionSchema = z.object({
  id: z.string(),
  label: LabelSchema,
  entity: z.string().max(1000).optional(),
  host: z.string().max(200).optional(),
  /** A line template (`#` = a number, `*` = any run), see lib/formats/template.ts. */
  pattern: z.string().max(1024).optional(),
  expiresAt: z.number(),
  reason: z.string().max(1000),
  createdAt: z.number(),
  createdBy: z.string(),
  /** The incident it was created from. */
  incident: z.string().optional(),
  /** Lines it is meant to silence (from the incident's samples): feedback for training. */
  examples: z.array(z.string()).max(8),
});
/** A suppression rule (fields: `SuppressionSchema`). */
export type Suppression = Infer<typeof SuppressionSchema>;
