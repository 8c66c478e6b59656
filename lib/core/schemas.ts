/** @module The data contracts shared by ingest, queue handlers, routes and tests (one zod schema each). */
import { z } from "zod";
import { LABELS } from "./taxonomy.ts";

/** Where a line came from. */
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
export type Source = z.infer<typeof SourceSchema>;

/** One received line on its way through the queue. */
export const RecordSchema = z.object({
  line: z.string(),
  source: SourceSchema,
  receivedAt: z.number(),
});
export type LineRecord = z.infer<typeof RecordSchema>;

/**
 * Lines that arrived together from one source (a TCP read, the datagrams of one peer in one
 * drain, an HTTP body, a run of a file). Ingest stays cheap: syslog headers are parsed by the
 * queue consumer, which expands a segment into {@link LineRecord}s (lib/segments.ts).
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
export type Segment = z.infer<typeof SegmentSchema>;

/** A queue message: a batch of lines (never one message per line), at most 64 KiB. */
export const BatchMessageSchema = z.object({
  kind: z.literal("batch"),
  id: z.string(),
  segments: z.array(SegmentSchema),
});
export type BatchMessage = z.infer<typeof BatchMessageSchema>;

export const LabelSchema = z.enum(LABELS);

/** A stored attack detection. */
export const DetectionSchema = z.object({
  id: z.string(),
  line: z.string(),
  label: LabelSchema,
  score: z.number(),
  scores: z.record(LabelSchema, z.number()),
  techniques: z.array(z.string()),
  source: SourceSchema,
  receivedAt: z.number(),
  classifiedAt: z.number(),
  /** Previous lines from the same source, oldest first. */
  context: z.array(z.string()),
});
export type Detection = z.infer<typeof DetectionSchema>;

/** `POST /api/logs` JSON bodies. */
export const LogsBodySchema = z.union([
  z.object({ lines: z.array(z.string()) }),
  z.object({
    records: z.array(
      z.object({ line: z.string(), source: z.string().optional(), host: z.string().optional() }),
    ),
  }),
]);

/** What the queue looks like now. */
export interface QueueState {
  enqueued: number;
  done: number;
  /** Batches enqueued but not yet handled. */
  backlog: number;
  deadLetters: number;
}
