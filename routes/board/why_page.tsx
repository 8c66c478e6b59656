/**
 * The "Why this verdict" page (`/detections/:id/why`): the detection's line as text with every
 * token in a `<mark>` whose class (w1..w5) grows with its weight toward the class, the strongest
 * tokens as a table (the colours are not the only carrier), and a legend. The line is only ever
 * text children, never markup; no script, no inline style.
 *
 * @module
 */
import type { ComponentChildren } from "preact";
import type { Detection, Explanation, TokenWeight } from "../../lib/core/schemas.ts";
import { LABEL_TITLES } from "../../islands/components/attack.ts";
import { sourceText, utc } from "../../islands/components/format.ts";

/** Props of {@link WhyPage}. */
export interface WhyPageProps {
  detection: Detection;
  explanation: Explanation;
}

/** The why-page of a detection. */
export const whyHref = (id: string) => `/detections/${encodeURIComponent(id)}/why`;

/** Weight classes, weakest first. */
export const BUCKETS = ["w1", "w2", "w3", "w4", "w5"] as const;

/**
 * The class of a token of weight `w` when the line's largest weight is `max`: fifths of `max`
 * (weights are only comparable within a line), none for a weight ≤ 0.
 */
export function bucketOf(w: number, max: number): (typeof BUCKETS)[number] | undefined {
  if (!(w > 0) || !(max > 0)) return undefined;
  return BUCKETS[Math.min(4, Math.max(0, Math.ceil((w / max) * 5) - 1))];
}

const signed = (w: number) => (w > 0 ? "+" : "") + w.toFixed(3);

function Line({ line, tokens }: { line: string; tokens: TokenWeight[] }) {
  const max = Math.max(0, ...tokens.map((t) => t.weight));
  const parts: ComponentChildren[] = [];
  let at = 0;
  tokens.forEach((t, i) => {
    if (t.start > at) parts.push(line.slice(at, t.start));
    parts.push(
      <mark key={i} class={bucketOf(t.weight, max)} data-w={t.weight.toFixed(4)}>
        {line.slice(t.start, t.end)}
      </mark>,
    );
    at = t.end;
  });
  if (at < line.length) parts.push(line.slice(at));
  return <pre class="why-line">{parts}</pre>;
}

function Legend() {
  return (
    <p class="why-legend muted">
      Weight toward the class, in fifths of the line's strongest token: {BUCKETS.map((b, i) => (
        <>
          <mark class={b}>{`${i * 20}–${(i + 1) * 20}%`}</mark>
          {" "}
        </>
      ))}
      <mark>≤ 0 (no push, or against)</mark>
    </p>
  );
}

/** The page's body. */
export function WhyPage({ detection: d, explanation: e }: WhyPageProps): ComponentChildren {
  const strongest = [...e.tokens].filter((t) => t.weight > 0)
    .sort((a, b) => b.weight - a.weight).slice(0, 8);
  return (
    <>
      <p>
        <a href="/logs">← Logs</a>
      </p>
      <h1>Why this verdict</h1>
      <dl class="kv why-facts">
        <dt>class</dt>
        <dd>
          <span class={`label label-${d.label}`}>{LABEL_TITLES[d.label]}</span>
        </dd>
        <dt>score</dt>
        <dd>{d.score.toFixed(3)}</dd>
        <dt>received</dt>
        <dd>
          <time dateTime={new Date(d.receivedAt).toISOString()}>{utc(d.receivedAt)}</time>
        </dd>
        <dt>source</dt>
        <dd>{sourceText(d.source)}</dd>
      </dl>
      <section aria-labelledby="why-h" class="panel">
        <h2 id="why-h">The line, by weight</h2>
        <Line line={d.line} tokens={e.tokens} />
        <Legend />
      </section>
      <section aria-labelledby="top-h" class="panel">
        <h2 id="top-h">Strongest tokens</h2>
        {strongest.length
          ? (
            <table class="why-top">
              <thead>
                <tr>
                  <th scope="col">token</th>
                  <th scope="col">weight</th>
                </tr>
              </thead>
              <tbody>
                {strongest.map((t) => (
                  <tr key={t.start}>
                    <td>
                      <code>{t.text}</code>
                    </td>
                    <td class="num">{signed(t.weight)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
          : <p class="muted">No single token pushed toward this class.</p>}
        <p class="muted">
          A token's weight is how much the model's probability of “{LABEL_TITLES[e.label]}” drops
          when the token is removed, fitted over copies of the line with random halves of its tokens
          removed (occlusion). Timestamps and addresses count as one token each; the model never
          reads timestamps, so they weigh 0.
        </p>
      </section>
    </>
  );
}
