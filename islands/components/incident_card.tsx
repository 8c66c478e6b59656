/**
 * An incident as a board card, and the order cards are shown in (server and island).
 *
 * @module
 */
import type { Incident, Severity } from "../../lib/core/schemas.ts";
import { LABEL_TITLES, TACTIC_NAMES } from "./attack.ts";
import { num, span, utc } from "./format.ts";
import { Sparkline } from "./sparkline.tsx";

/** What a card shows: an incident without its samples, audit and advice (board props stay small). */
export type CardIncident = Pick<
  Incident,
  | "id"
  | "label"
  | "entity"
  | "entityKind"
  | "status"
  | "severity"
  | "version"
  | "detectors"
  | "rules"
  | "tactics"
  | "count"
  | "firstSeen"
  | "lastSeen"
  | "hosts"
  | "perMinute"
>;

/** The card fields of an incident. */
export function toCard(i: Incident | CardIncident): CardIncident {
  return {
    id: i.id,
    label: i.label,
    entity: i.entity,
    entityKind: i.entityKind,
    status: i.status,
    severity: i.severity,
    version: i.version,
    detectors: i.detectors,
    rules: i.rules,
    tactics: i.tactics,
    count: i.count,
    firstSeen: i.firstSeen,
    lastSeen: i.lastSeen,
    hosts: i.hosts,
    perMinute: i.perMinute,
  };
}

const RANK: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3 };

/** Most severe first, then most recently active. */
export function byPriority(a: CardIncident, b: CardIncident): number {
  return RANK[a.severity] - RANK[b.severity] || b.lastSeen - a.lastSeen;
}

/** The board's columns; false positives are shown with the resolved ones. */
export const COLUMNS = [
  { key: "new", title: "New", statuses: ["new"] },
  { key: "acknowledged", title: "Acknowledged", statuses: ["acknowledged"] },
  { key: "resolved", title: "Resolved", statuses: ["resolved", "false_positive"] },
] as const;

/** Props of {@link IncidentCard}. */
export interface IncidentCardProps {
  incident: CardIncident;
}

/** One incident card; every text in it is attacker-influenced and rendered as text. */
export function IncidentCard({ incident: i }: IncidentCardProps) {
  const headingId = `h-${i.id}`;
  return (
    <article class={`card card-${i.severity}`} aria-labelledby={headingId} data-id={i.id}>
      <header>
        <span class={`sev sev-${i.severity}`}>{i.severity}</span>
        {i.status === "false_positive" && <span class="badge">false positive</span>}
        <h3 id={headingId}>
          <a href={`/incidents/${encodeURIComponent(i.id)}`}>{LABEL_TITLES[i.label]}</a>
        </h3>
      </header>
      <p class="entity">
        <span class="muted">{i.entityKind}</span> <code>{i.entity}</code>
      </p>
      <p class="tactics">{i.tactics.map((t) => TACTIC_NAMES[t] ?? t).join(" · ")}</p>
      <dl class="facts">
        <div>
          <dt>lines</dt>
          <dd>{num(i.count)}</dd>
        </div>
        <div>
          <dt>hosts</dt>
          <dd>{num(i.hosts.length)}</dd>
        </div>
        <div>
          <dt>for</dt>
          <dd>{span(i.lastSeen - i.firstSeen)}</dd>
        </div>
        <div>
          <dt>by</dt>
          <dd>{i.detectors.join(" + ")}</dd>
        </div>
      </dl>
      <p class="times muted">
        <time dateTime={new Date(i.firstSeen).toISOString()}>{utc(i.firstSeen)}</time> →{" "}
        <time dateTime={new Date(i.lastSeen).toISOString()}>{utc(i.lastSeen)}</time>
      </p>
      <Sparkline
        values={i.perMinute}
        label={`attack lines per minute, ${i.perMinute.length} min`}
      />
    </article>
  );
}
