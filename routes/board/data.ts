/**
 * What the board reads and changes, as one small interface passed in by main.ts: the seam
 * between the pages and the stores (routes/board/store_data.ts serves it from lib/).
 *
 * @module
 */
import type { Detection, Explanation, Incident, IncidentStatus } from "../../lib/core/schemas.ts";
import type { DetectionQuery } from "../../lib/store/detections.ts";
import type { Label } from "../../lib/core/taxonomy.ts";

/** Filters of the board's incident list. */
export interface IncidentQuery {
  status?: IncidentStatus[];
  limit: number;
}

/** One server-sent event: `incident.created` / `incident.updated` (data: an Incident), `advice.updated` ({incidentId, advice}), `stats`. */
export interface BoardEvent {
  id: string;
  event: string;
  data: unknown;
}

/** A suppression rule asked for from an incident's page. */
export interface SuppressionRequest {
  incidentId: string;
  expiresAt: number;
  actor: string;
  reason?: string;
}

/** Counts per class per minute. */
export interface MinuteRow {
  minute: number;
  counts: Record<Label, number>;
}

/** The board's data access. */
export interface BoardData {
  /** Incidents, any order (the board sorts), at most `limit`. */
  listIncidents(q: IncidentQuery): Promise<Incident[]>;
  getIncident(id: string): Promise<Incident | null>;
  /** Changes the status, appending the audit entry; null when there is no such incident. */
  setStatus(
    id: string,
    to: IncidentStatus,
    actor: string,
    reason?: string,
  ): Promise<Incident | null>;
  /** Absent when the service cannot suppress (the page then hides the form). */
  createSuppression?(req: SuppressionRequest): Promise<{ id: string } | null>;
  listDetections(q: DetectionQuery): Promise<{ items: Detection[]; cursor: string | null }>;
  /** A detection with its token weights (computed on first ask); null when there is none. */
  explainDetection?(id: string): Promise<{ detection: Detection; explanation: Explanation } | null>;
  stats(windowMs: number): Promise<MinuteRow[]>;
  /** Events after `after` (all retained ones when null), then live ones until `signal` aborts. */
  events(after: string | null, signal: AbortSignal): AsyncIterable<BoardEvent>;
  /** The newest event id (what a page rendered now has already seen). */
  eventHead(): Promise<string | null>;
}
