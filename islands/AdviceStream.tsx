/**
 * Island: an incident's response advice, re-rendered from markdown as it streams in
 * (`advice.updated` events, or `incident.updated` carrying the incident with its advice).
 *
 * @module
 */
import { useEffect, useMemo } from "preact/hooks";
import { signal } from "@preact/signals";
import type { Advice } from "../lib/core/schemas.ts";
import { Markdown } from "./components/markdown.tsx";
import { connect, LinkIndicator } from "./client/events.tsx";

/** Props of {@link AdviceStream}. */
export interface AdviceStreamProps {
  incidentId: string;
  advice: Advice | null;
  eventsUrl: string;
  lastEventId: string | null;
}

/** The advice, its origin (LLM model or built-in playbook) and whether it is still coming. */
export default function AdviceStream(p: AdviceStreamProps) {
  const advice = useMemo(() => signal(p.advice), []);
  useEffect(() => {
    const take = (a: Advice | undefined) => {
      if (a && (!advice.value || a.updatedAt >= advice.value.updatedAt)) advice.value = a;
    };
    return connect(p.eventsUrl, p.lastEventId, {
      "incident.updated": (d) => {
        const i = d as { id: string; advice?: Advice };
        if (i.id === p.incidentId) take(i.advice);
      },
      "advice.updated": (d) => {
        const e = d as { incidentId: string; advice: Advice };
        if (e.incidentId === p.incidentId) take(e.advice);
      },
    });
  }, []);
  const a = advice.value;
  return (
    <div class="advice" aria-busy={a ? !a.complete : false}>
      <LinkIndicator />
      {a
        ? (
          <>
            <p class="muted">
              {a.source === "llm" ? `written by ${a.model ?? "the LLM"}` : "built-in playbook"}
              {a.complete ? "" : " — streaming…"}
              {a.error ? ` (${a.error})` : ""}
            </p>
            <Markdown text={a.markdown} />
          </>
        )
        : <p class="muted">No advice yet.</p>}
    </div>
  );
}
