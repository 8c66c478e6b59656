/**
 * One incident's state: opening it from a first hit and absorbing further hits (counts,
 * first/last seen, bounded host/source/user sets, the per-minute series, ATT&CK tactics and
 * techniques, representative samples, severity). Pure: the KV layer decides which incident a
 * hit joins.
 *
 * @module
 */
import type { Incident, SampleLine, Source } from "../core/schemas.ts";
import { hostOf, sourceKey } from "../core/source.ts";
import { type Label, TAXONOMY } from "../core/taxonomy.ts";
import { lineTemplate, templateDistance } from "../formats/template.ts";
import type { Entity } from "./entity.ts";
import { severityOf } from "./severity.ts";

/** A line that joins an incident: a model detection or a behaviour rule's overflow. */
export interface Hit {
  /** The attack class. */
  label: Label;
  /** Who the line is about. */
  entity: Entity;
  /** The account the line names, if any (added to the incident's users). */
  user?: string;
  /** The raw line. */
  line: string;
  /** Where it came from. */
  source: Source;
  /** When it arrived (epoch ms). */
  receivedAt: number;
  /** Previous lines of the same source, oldest first. */
  context: string[];
  /** Which detectors saw it: the model, behaviour rules, or both for one line. */
  detectors: ("model" | "behaviour")[];
  /** The behaviour rules that fired on it. */
  rules: string[];
  /** ATT&CK technique ids it maps to. */
  techniques: string[];
  /** The stored detection, when the model flagged the line. */
  detectionId?: string;
  /** The line's shape when the model itself judged it (lib/incidents/shape.ts). */
  shape?: string;
}

/** Bounds that keep one incident well under KV's 64 KiB value limit. */
export const LIMITS = {
  setSize: 20,
  techniques: 12,
  /** Samples besides the first and the last. */
  distinctSamples: 6,
  sampleChars: 1024,
  /** Context lines kept per sample, and their length. */
  contextLines: 3,
  contextChars: 256,
  perMinute: 240,
  shapes: 16,
};

const minuteOf = (t: number) => Math.floor(t / 60_000) * 60_000;

function addBounded(set: string[], v: string | undefined, max: number) {
  if (v !== undefined && !set.includes(v) && set.length < max) set.push(v);
}

function sampleOf(h: Hit, why: SampleLine["why"]): SampleLine {
  return {
    ...(h.detectionId ? { detectionId: h.detectionId } : {}),
    line: h.line.slice(0, LIMITS.sampleChars),
    source: h.source,
    receivedAt: h.receivedAt,
    context: h.context.slice(-LIMITS.contextLines).map((c) => c.slice(0, LIMITS.contextChars)),
    why,
  };
}

/**
 * Keeps `candidate` as a distinct sample when its template is new, replacing the kept
 * distinct sample that is closest to the others once the slots are full (so the set spreads
 * over the incident's different line shapes instead of holding the first N).
 */
function considerDistinct(samples: SampleLine[], candidate: SampleLine) {
  const t = lineTemplate(candidate.line);
  const templates = samples.map((s) => lineTemplate(s.line));
  if (templates.includes(t)) return;
  const distinct = samples.map((s, i) => ({ s, i, t: templates[i] })).filter((x) =>
    x.s.why === "distinct"
  );
  const kept = { ...candidate, why: "distinct" as const };
  if (distinct.length < LIMITS.distinctSamples) {
    samples.splice(samples.length - 1, 0, kept); // before the "last" sample
    return;
  }
  const nearest = (tpl: string, skip: number) =>
    Math.min(...templates.filter((_, j) => j !== skip).map((o) => templateDistance(tpl, o)));
  let worst = distinct[0], worstD = Infinity;
  for (const d of distinct) {
    const nd = nearest(d.t, d.i);
    if (nd < worstD) [worst, worstD] = [d, nd];
  }
  if (nearest(t, worst.i) > worstD) samples[worst.i] = kept;
}

function updateSamples(inc: Incident, h: Hit) {
  const s = inc.samples;
  const lastAt = s.findIndex((x) => x.why === "last");
  const next = sampleOf(h, "last");
  if (lastAt === -1) {
    s.push(next);
    return;
  }
  const previous = s[lastAt];
  s[lastAt] = next;
  considerDistinct(s, previous);
}

function countMinute(inc: Incident, t: number) {
  const start = inc.perMinuteStart ?? minuteOf(inc.firstSeen);
  const at = Math.max(0, (minuteOf(t) - start) / 60_000);
  while (inc.perMinute.length <= at) inc.perMinute.push(0);
  inc.perMinute[at]++;
  const over = inc.perMinute.length - LIMITS.perMinute;
  inc.perMinute.splice(0, Math.max(0, over));
  inc.perMinuteStart = start + Math.max(0, over) * 60_000;
}

/** Adds a hit to an incident (mutates it; bumps its version). */
export function absorb(inc: Incident, h: Hit): void {
  inc.count++;
  inc.firstSeen = Math.min(inc.firstSeen, h.receivedAt);
  inc.lastSeen = Math.max(inc.lastSeen, h.receivedAt);
  addBounded(inc.hosts, hostOf(h.source), LIMITS.setSize);
  addBounded(inc.sources, sourceKey(h.source), LIMITS.setSize);
  addBounded(inc.users, h.user, LIMITS.setSize);
  for (const d of h.detectors) addBounded(inc.detectors, d, 2);
  for (const r of h.rules) addBounded(inc.rules, r, LIMITS.setSize);
  for (const t of h.techniques) addBounded(inc.techniques, t, LIMITS.techniques);
  if (h.shape) addBounded(inc.shapes ??= [], h.shape, LIMITS.shapes);
  countMinute(inc, h.receivedAt);
  updateSamples(inc, h);
  inc.severity = severityOf(inc);
  inc.version++;
}

/** A new incident opened by `h` (already absorbed), following `chain`. */
export function openIncident(id: string, h: Hit, chain: string[]): Incident {
  const inc: Incident = {
    id,
    label: h.label,
    entity: h.entity.entity,
    entityKind: h.entity.kind,
    status: "new",
    severity: "low",
    version: 0,
    detectors: [],
    rules: [],
    tactics: [...TAXONOMY[h.label].tactics],
    techniques: [],
    count: 0,
    firstSeen: h.receivedAt,
    lastSeen: h.receivedAt,
    hosts: [],
    sources: [],
    users: [],
    perMinute: [],
    perMinuteStart: minuteOf(h.receivedAt),
    samples: [sampleOf(h, "first")],
    chain,
    audit: [],
  };
  absorb(inc, h);
  inc.samples.splice(1); // the first hit is the "first" sample, not also the "last"
  return inc;
}

/** Marks a success after the attack (a login from a brute-forcing address). */
export function markFollowUp(inc: Incident, at: number, line: string): boolean {
  if (inc.followUp) return false;
  inc.followUp = { at, line: line.slice(0, LIMITS.sampleChars) };
  inc.severity = severityOf(inc);
  inc.version++;
  return true;
}

/** True while `inc` still takes hits at time `t`: open status and inside the window. */
export function isOpen(inc: Incident, t: number, windowMs: number): boolean {
  return (inc.status === "new" || inc.status === "acknowledged") && t - inc.lastSeen <= windowMs;
}

/** What an event tells about an incident (the board fetches the rest). */
export function incidentSummary(inc: Incident): Record<string, unknown> {
  const { id, label, entity, severity, status, count, version, lastSeen, chain } = inc;
  return { id, label, entity, severity, status, count, version, lastSeen, chain };
}
