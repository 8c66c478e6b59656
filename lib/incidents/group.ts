/**
 * Grouping: each hit joins the open incident of its class × entity, or opens one (linked to
 * the entity's earlier kill-chain steps) when there is none or the previous one went quiet
 * for longer than the inactivity window or was closed by triage. Pure: state comes in, the
 * changed incidents come out; lib/incidents/extension.ts reads and commits them.
 *
 * @module
 */
import type { Incident } from "../core/schemas.ts";
import type { Label } from "../core/taxonomy.ts";
import { chainFor, type IncidentRef } from "./chain.ts";
import { absorb, type Hit, isOpen, markFollowUp, openIncident } from "./incident.ts";

/** Grouping settings. */
export interface GroupOptions {
  /** Inactivity after which the next hit opens a new incident (default 15 min). */
  windowMs: number;
  /** How far back a new incident looks for earlier kill-chain steps of its entity. */
  chainHorizonMs: number;
  /** A new incident's id from its first line's time (ms). */
  newId: (at: number) => string;
}

/** A success seen for an entity (an sshd login): marks its open credential_access incident. */
export interface FollowUp {
  /** Tells a follow-up from a {@link Hit}. */
  kind: "followUp";
  /** The entity that succeeded (an address). */
  entity: string;
  /** When (line time, ms). */
  at: number;
  /** The success line. */
  line: string;
}

/** What grouping reads: the latest incident per class × entity, and each entity's incidents. */
export interface GroupState {
  /** The latest incident of each group, by {@link groupKey}. */
  latest: Map<string, Incident>;
  /** Each entity's incidents, by entity. */
  history: Map<string, IncidentRef[]>;
}

/** What grouping changed. */
export interface GroupResult {
  /** Every incident created or changed, by id. */
  changed: Map<string, Incident>;
  /** Ids of the incidents opened. */
  created: Set<string>;
}

/** The key of a class × entity group. */
export const groupKey = (label: Label, entity: string): string => `${label}\u0000${entity}`;

/** Applies hits and follow-ups, in order, to `state` (which it updates). */
export function groupHits(
  state: GroupState,
  items: (Hit | FollowUp)[],
  opts: GroupOptions,
): GroupResult {
  const changed = new Map<string, Incident>();
  const created = new Set<string>();
  for (const item of items) {
    if ("kind" in item) {
      const inc = state.latest.get(groupKey("credential_access", item.entity));
      if (inc && isOpen(inc, item.at, opts.windowMs) && markFollowUp(inc, item.at, item.line)) {
        changed.set(inc.id, inc);
      }
      continue;
    }
    const key = groupKey(item.label, item.entity.entity);
    let inc = state.latest.get(key);
    if (inc && isOpen(inc, item.receivedAt, opts.windowMs)) {
      absorb(inc, item);
    } else {
      const refs = state.history.get(item.entity.entity) ?? [];
      const chain = chainFor(item.label, item.receivedAt, refs, opts.chainHorizonMs);
      inc = openIncident(opts.newId(item.receivedAt), item, chain);
      state.latest.set(key, inc);
      state.history.set(item.entity.entity, [...refs, {
        id: inc.id,
        label: inc.label,
        firstSeen: inc.firstSeen,
        status: inc.status,
      }]);
      created.add(inc.id);
    }
    changed.set(inc.id, inc);
  }
  return { changed, created };
}
