/**
 * Grouping inside the queue handler's commit (a {@link BatchExtension}): reads what a batch
 * needs (sessions, behaviour buckets, suppression rules, each entity's latest incidents), runs
 * the behaviour rules over every line and grouping over the hits, and adds the changed
 * incidents, buckets, sessions and events to the batch's atomic commit. The batch's "done"
 * key makes redelivery change nothing; the event log's sequence check makes two workers that
 * read the same incidents conflict, and the loser runs again on fresh state.
 *
 * @module
 */
import { K, timeId } from "../core/kv_keys.ts";
import type { BatchExtension, ClassifiedLine } from "../core/batch_contracts.ts";
import { type ServiceEvent, SEVERITY_RANK } from "../core/schemas.ts";
import { hostOf } from "../core/source.ts";
import type { Label } from "../core/taxonomy.ts";
import { type LineFields, parseFields } from "../formats/fields.ts";
import { appendEvents, EVENT_TTL_MS, readSeq } from "../events/log.ts";
import { storedSuppressions, suppressor } from "../suppress/rules.ts";
import {
  bucketKey,
  type BucketState,
  drainMs,
  type LineView,
  lineView,
  pour,
  type Rule,
  RULES,
} from "./behaviour.ts";
import type { IncidentRef } from "./chain.ts";
import { type Entity, entityOf } from "./entity.ts";
import { type FollowUp, groupHits, groupKey } from "./group.ts";
import { readGroups } from "./store.ts";
import { readMany } from "../core/kv_read.ts";
import { lineShape } from "./shape.ts";
import { type Hit, incidentSummary } from "./incident.ts";

/** Grouping settings of the service. */
export interface IncidentOptions {
  /** Inactivity window (default 15 min). */
  windowMs: number;
  /** How long incidents are kept (the detections' retention). */
  retentionMs: number;
  /** How far back chains reach (default 24 h). */
  chainHorizonMs?: number;
  /** How long a login's address stays attached to its user (default 12 h). */
  sessionMs?: number;
  /** The behaviour rules (default {@link RULES}). */
  rules?: Rule[];
  /** How long the events it appends are kept (default {@link EVENT_TTL_MS}). */
  eventTtlMs?: number;
}

/** The default inactivity window. */
export const DEFAULT_WINDOW_MS = 15 * 60_000;

interface Row {
  line: ClassifiedLine;
  fields: LineFields;
  host: string;
  view: LineView;
}

const sessionId = (host: string, user: string) => `${host}\u0000${user}`;

async function readSessions(kv: Deno.Kv, rows: Row[]): Promise<Map<string, string>> {
  const wanted = new Map<string, [string, string]>();
  for (const r of rows) {
    if (!r.fields.ip && r.fields.user) {
      wanted.set(sessionId(r.host, r.fields.user), [r.host, r.fields.user]);
    }
  }
  const got = await readMany<string>(kv, [...wanted.values()].map(([h, u]) => K.session(h, u)));
  return new Map(
    [...wanted.keys()].map((k, i) => [k, got[i].value] as const).filter(
      (e): e is [string, string] => !!e[1],
    ),
  );
}

function shapeOf(fields: LineFields, line: string): { shape?: string } {
  const shape = lineShape(fields, line);
  return shape ? { shape } : {};
}

function keyEntity(rule: Rule, key: string): Entity {
  if (rule.key.length === 1 && rule.key[0] === "ip") return { entity: key, kind: "ip" };
  return { entity: key, kind: rule.key.includes("user") ? "user" : "source" };
}

/**
 * The batch extension that groups a batch's hits into incidents.
 * @example handleBatch(kv, classify, msg, { ...opts, extend: incidentExtension(kv, { windowMs, retentionMs }) })
 */
export function incidentExtension(kv: Deno.Kv, opts: IncidentOptions): BatchExtension {
  const rules = opts.rules ?? RULES;
  const chainHorizonMs = opts.chainHorizonMs ?? 86_400_000;
  const sessionMs = opts.sessionMs ?? 12 * 3_600_000;
  return async (batch) => {
    // The sequence is read before any incident: a commit in between fails our check.
    const seq = await readSeq(kv);
    const rows: Row[] = batch.lines.map((line) => {
      const fields = parseFields(line.record.line);
      const host = hostOf(line.record.source);
      return { line, fields, host, view: lineView(fields, host) };
    });
    const sessions = await readSessions(kv, rows);
    const pours = rows.map((r) =>
      rules.map((rule) => ({ rule, key: bucketKey(rule, r.view) })).filter((p) => p.key)
    );
    const bucketIds = [...new Set(pours.flat().map((p) => `${p.rule.name}\u0000${p.key}`))];
    const stored = await readMany<BucketState>(
      kv,
      bucketIds.map((b) => K.bucket(...(b.split("\u0000") as [string, string]))),
    );
    const buckets = new Map(bucketIds.map((b, i) => [b, stored[i].value]));
    const touched = new Map<string, { rule: Rule; key: string; state: BucketState }>();
    const isSuppressed = suppressor(await storedSuppressions(kv, { now: batch.now }), batch.now);
    const suppressed = new Map<string, number>();
    const newSessions = new Map<string, [string, string, string]>();
    const items: (Hit | FollowUp)[] = [];
    const detected = new Map<Label, number>();

    rows.forEach((row, i) => {
      const { line, fields, host, view } = row;
      const rec = line.record;
      if (fields.auth === "success" && fields.ip && fields.user) {
        sessions.set(sessionId(host, fields.user), fields.ip);
        newSessions.set(sessionId(host, fields.user), [host, fields.user, fields.ip]);
        items.push({ kind: "followUp", entity: fields.ip, at: rec.receivedAt, line: rec.line });
      }
      const entity = entityOf(fields, rec.source, (h, u) => sessions.get(sessionId(h, u)));
      const hits = new Map<string, Hit>();
      const base = {
        ...(fields.user ? { user: fields.user } : {}),
        line: rec.line,
        source: rec.source,
        receivedAt: rec.receivedAt,
        context: line.context,
      };
      if (line.label !== "benign") {
        detected.set(line.label, (detected.get(line.label) ?? 0) + 1);
        hits.set(groupKey(line.label, entity.entity), {
          ...base,
          label: line.label,
          entity,
          detectors: ["model"],
          rules: [],
          techniques: line.techniques,
          ...(line.detectionId ? { detectionId: line.detectionId } : {}),
          ...(line.shortcut ? {} : shapeOf(fields, rec.line)),
        });
      }
      for (const { rule, key } of pours[i]) {
        const id = `${rule.name}\u0000${key}`;
        const state = touched.get(id)?.state ?? buckets.get(id) ??
          { level: 0, at: rec.receivedAt, seen: [] };
        touched.set(id, { rule, key: key!, state });
        if (!pour(rule, state, rec.receivedAt, view)) continue;
        const ent = rule.entity === "key" ? keyEntity(rule, key!) : entity;
        const h = hits.get(groupKey(rule.label, ent.entity));
        if (h) {
          if (!h.detectors.includes("behaviour")) h.detectors.push("behaviour");
          h.rules.push(rule.name);
          if (!h.techniques.includes(rule.technique)) {
            h.techniques = [...h.techniques, rule.technique];
          }
        } else {
          hits.set(groupKey(rule.label, ent.entity), {
            ...base,
            label: rule.label,
            entity: ent,
            detectors: ["behaviour"],
            rules: [rule.name],
            techniques: [rule.technique],
          });
        }
      }
      for (const h of hits.values()) {
        const sid = isSuppressed({ label: h.label, entity: h.entity.entity, host, line: rec.line });
        if (sid) suppressed.set(sid, (suppressed.get(sid) ?? 0) + 1);
        else items.push(h);
      }
    });

    const entities = [...new Set(items.map((it) => "kind" in it ? it.entity : it.entity.entity))];
    const state = await readGroups(kv, entities);
    const severityBefore = new Map([...state.latest.values()].map((i) => [i.id, i.severity]));
    const { changed, created } = groupHits(state, items, {
      windowMs: opts.windowMs,
      chainHorizonMs,
      newId: (at) => timeId(at),
    });
    const events: Omit<ServiceEvent, "seq">[] = [...changed.values()].map((inc) => ({
      at: batch.now,
      type: created.has(inc.id) ? "incident.created" : "incident.updated",
      data: incidentSummary(inc),
    }));
    if (detected.size) {
      events.push({
        at: batch.now,
        type: "detections",
        data: { batches: batch.ids, counts: Object.fromEntries(detected) },
      });
    }
    const expireIn = opts.retentionMs;
    // Advice (lib/advice/) is asked for on a new incident and on a severity step-up, in the same
    // commit: durable, and served by whichever thread runs advice.
    const advise = new Set(
      [...changed.values()].filter((inc) => {
        const before = severityBefore.get(inc.id);
        return before === undefined || SEVERITY_RANK[inc.severity] > SEVERITY_RANK[before];
      }).map((inc) => inc.id),
    );
    const logged = changed.size || detected.size ? 2 : 0;
    const fixed = logged + 2 * changed.size + advise.size + newSessions.size + suppressed.size + 1;
    return {
      mutations: fixed + touched.size,
      apply: (op) => {
        if (logged) appendEvents(op, seq, events, opts.eventTtlMs ?? EVENT_TTL_MS);
        for (const inc of changed.values()) {
          op.set(K.incident(inc.id), inc, { expireIn });
          if (advise.has(inc.id)) op.set(K.adviceRequest(inc.id), { at: batch.now }, { expireIn });
          const ref: IncidentRef = {
            id: inc.id,
            label: inc.label,
            firstSeen: inc.firstSeen,
            status: inc.status,
          };
          // Re-set on every change: the pointer must live as long as the incident it points to.
          op.set(K.incidentOfEntity(inc.entity, inc.label), ref, { expireIn });
        }
        for (const [host, user, ip] of newSessions.values()) {
          op.set(K.session(host, user), ip, { expireIn: sessionMs });
        }
        let total = 0;
        for (const [id, n] of suppressed) {
          op.sum(K.suppressionHits(id), BigInt(n));
          total += n;
        }
        if (total) op.sum(K.total("suppressed"), BigInt(total));
        // Buckets are approximate by nature: past the commit's room, their pours are dropped.
        let budget = batch.budget - fixed;
        for (const { rule, key, state } of touched.values()) {
          if (budget-- <= 0) break;
          op.set(K.bucket(rule.name, key), state, { expireIn: drainMs(rule) });
        }
      },
    };
  };
}
