/**
 * The incident page (`/incidents/:id`): facts, ATT&CK links, the entity's kill chain as steps, the
 * timeline of sample lines with their context, the streaming advice and triage.
 *
 * @module
 */
import type { ComponentChildren } from "preact";
import type { Incident } from "../../lib/core/schemas.ts";
import {
  attackUrl,
  KILL_CHAIN,
  LABEL_TITLES,
  TACTIC_NAMES,
  TECHNIQUE_NAMES,
} from "../../islands/components/attack.ts";
import { num, sourceText, span, utc } from "../../islands/components/format.ts";
import { Sparkline } from "../../islands/components/sparkline.tsx";
import AdviceStream from "../../islands/AdviceStream.tsx";
import TriageActions from "../../islands/TriageActions.tsx";
import { Island } from "./layout.tsx";
import { whyHref } from "./why_page.tsx";

/** What the incident page needs. */
export interface IncidentPageProps {
  incident: Incident;
  /** The incidents named in `incident.chain` that still exist. */
  chain: Incident[];
  csrf: string;
  canSuppress: boolean;
  eventsUrl: string;
  lastEventId: string | null;
}

/** ATT&CK ids as links to their pages (ids that are not ATT&CK ids stay plain text). */
function AttackLinks({ ids, names }: { ids: string[]; names: Record<string, string> }) {
  return (
    <ul class="links">
      {ids.map((id) => {
        const url = attackUrl(id);
        const text = names[id] ? `${id} ${names[id]}` : id;
        return <li key={id}>{url ? <a href={url} rel="noopener noreferrer">{text}</a> : text}</li>;
      })}
    </ul>
  );
}

/** The kill chain of the entity: every step, the ones seen linked, this one marked. */
function KillChain({ incident, chain }: { incident: Incident; chain: Incident[] }) {
  const all = [...chain, incident];
  return (
    <ol class="chain" aria-label="Kill chain of this entity">
      {KILL_CHAIN.map((label) => {
        const here = all.filter((i) => i.label === label);
        const current = incident.label === label;
        return (
          <li class={`step ${current ? "current" : here.length ? "seen" : "unseen"}`}>
            <span class="step-name">{LABEL_TITLES[label]}</span>
            {here.map((i) =>
              i.id === incident.id
                ? <span key={i.id} class="step-when">this incident</span>
                : (
                  <a key={i.id} class="step-when" href={`/incidents/${encodeURIComponent(i.id)}`}>
                    {utc(i.firstSeen)}
                  </a>
                )
            )}
            {current && <span class="sr-only">(this incident)</span>}
          </li>
        );
      })}
    </ol>
  );
}

function Timeline({ incident }: { incident: Incident }) {
  const samples = [...incident.samples].sort((a, b) => a.receivedAt - b.receivedAt);
  if (!samples.length) return <p class="muted">No sample lines kept.</p>;
  return (
    <ol class="timeline">
      {samples.map((s) => (
        <li>
          <p class="muted">
            <time dateTime={new Date(s.receivedAt).toISOString()}>{utc(s.receivedAt)}</time> ·{" "}
            {sourceText(s.source)} · {s.why}
          </p>
          {s.context.length > 0 && <pre class="ctx">{s.context.join("\n")}</pre>}
          <pre class="hit">{s.line}</pre>
          {s.detectionId && <a class="why" href={whyHref(s.detectionId)}>Why this verdict?</a>}
        </li>
      ))}
    </ol>
  );
}

/** The incident page's body. */
export function IncidentPage(p: IncidentPageProps): ComponentChildren {
  const i = p.incident;
  return (
    <>
      <p>
        <a href="/">← Board</a>
      </p>
      <h1>
        <span class={`sev sev-${i.severity}`}>{i.severity}</span> {LABEL_TITLES[i.label]}{" "}
        <code class="entity">{i.entity}</code>
      </h1>
      <div class="incident">
        <section aria-labelledby="facts-h" class="panel">
          <h2 id="facts-h">Facts</h2>
          <dl class="kv">
            <dt>entity</dt>
            <dd>
              {i.entityKind} <code>{i.entity}</code>
            </dd>
            <dt>lines</dt>
            <dd>{num(i.count)}</dd>
            <dt>first seen</dt>
            <dd>{utc(i.firstSeen)}</dd>
            <dt>last seen</dt>
            <dd>
              {utc(i.lastSeen)} ({span(i.lastSeen - i.firstSeen)})
            </dd>
            <dt>detected by</dt>
            <dd>{i.detectors.join(" + ")}{i.rules.length ? ` (${i.rules.join(", ")})` : ""}</dd>
            <dt>hosts</dt>
            <dd>{i.hosts.join(", ") || "–"}</dd>
            <dt>sources</dt>
            <dd>{i.sources.join(", ") || "–"}</dd>
            <dt>users</dt>
            <dd>{i.users.join(", ") || "–"}</dd>
            <dt>tactics</dt>
            <dd>
              <AttackLinks ids={i.tactics} names={TACTIC_NAMES} />
            </dd>
            <dt>techniques</dt>
            <dd>
              <AttackLinks ids={i.techniques} names={TECHNIQUE_NAMES} />
            </dd>
          </dl>
          <Sparkline values={i.perMinute} label="attack lines per minute" width={280} height={40} />
        </section>
        <section aria-labelledby="triage-h" class="panel">
          <h2 id="triage-h">Triage</h2>
          <Island
            name="TriageActions"
            component={TriageActions}
            props={{ incidentId: i.id, status: i.status, csrf: p.csrf, canSuppress: p.canSuppress }}
          />
          {i.audit.length > 0 && (
            <>
              <h3>Audit trail</h3>
              <ol class="audit">
                {i.audit.map((a) => (
                  <li>
                    {utc(a.at)} · {a.actor}: {a.from} → {a.to}
                    {a.reason ? ` — ${a.reason}` : ""}
                  </li>
                ))}
              </ol>
            </>
          )}
        </section>
      </div>
      <section aria-labelledby="chain-h">
        <h2 id="chain-h">Kill chain</h2>
        <KillChain incident={i} chain={p.chain} />
      </section>
      <section aria-labelledby="advice-h">
        <h2 id="advice-h">Recommendation</h2>
        <Island
          name="AdviceStream"
          component={AdviceStream}
          props={{
            incidentId: i.id,
            advice: i.advice ?? null,
            eventsUrl: p.eventsUrl,
            lastEventId: p.lastEventId,
          }}
        />
      </section>
      <section aria-labelledby="timeline-h">
        <h2 id="timeline-h">Timeline</h2>
        <Timeline incident={i} />
      </section>
    </>
  );
}
