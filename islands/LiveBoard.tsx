/**
 * Island: the board's columns of incident cards, kept current over SSE.
 *
 * @module
 */
import { useEffect, useMemo } from "preact/hooks";
import { signal } from "@preact/signals";
import {
  byPriority,
  type CardIncident,
  COLUMNS,
  IncidentCard,
  toCard,
} from "./components/incident_card.tsx";
import { connect, LinkIndicator } from "./client/events.tsx";

/** Props of {@link LiveBoard}. */
export interface LiveBoardProps {
  incidents: CardIncident[];
  /** SSE endpoint sending `incident.created` / `incident.updated` with an Incident as data. */
  eventsUrl: string;
  /** The last event the server-rendered snapshot includes. */
  lastEventId: string | null;
}

/** Columns new / acknowledged / resolved, most severe and most recent first. */
export default function LiveBoard(props: LiveBoardProps) {
  const items = useMemo(() => signal(new Map(props.incidents.map((i) => [i.id, i]))), []);
  useEffect(() => {
    const upsert = (data: unknown) => {
      const i = toCard(data as CardIncident);
      const old = items.value.get(i.id);
      if (old && old.version > i.version) return;
      items.value = new Map(items.value).set(i.id, i);
    };
    return connect(props.eventsUrl, props.lastEventId, {
      "incident.created": upsert,
      "incident.updated": upsert,
    });
  }, []);
  const all = [...items.value.values()];
  return (
    <div class="board">
      <LinkIndicator />
      <div class="columns">
        {COLUMNS.map((col) => {
          const cards = all.filter((i) => (col.statuses as readonly string[]).includes(i.status))
            .sort(byPriority);
          return (
            <section class="column" aria-labelledby={`col-${col.key}`} key={col.key}>
              <h2 id={`col-${col.key}`}>
                {col.title} <span class="count">{cards.length}</span>
              </h2>
              {cards.length
                ? cards.map((i) => <IncidentCard incident={i} key={i.id} />)
                : <p class="muted empty">none</p>}
            </section>
          );
        })}
      </div>
    </div>
  );
}
