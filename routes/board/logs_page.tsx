/**
 * The logs page (`/logs`): the detections table (source/path, line number, line, context, class,
 * score, a link to why the model said so) with filters by class, source, time and text, and
 * cursor pages. A plain GET form and links: it needs no JavaScript at all.
 *
 * @module
 */
import type { ComponentChildren } from "preact";
import type { Detection } from "../../lib/core/schemas.ts";
import { LABELS } from "../../lib/core/taxonomy.ts";
import { LABEL_TITLES } from "../../islands/components/attack.ts";
import { sourceText, utc } from "../../islands/components/format.ts";
import { whyHref } from "./why_page.tsx";

/** The time choices of the filter (value → label), "" meaning all. */
export const TIME_WINDOWS: [string, string][] = [
  ["", "any time"],
  ["15m", "last 15 min"],
  ["1h", "last hour"],
  ["6h", "last 6 h"],
  ["24h", "last 24 h"],
  ["7d", "last 7 days"],
];

/** The filters as given in the query string. */
export interface LogsFilters {
  label: string;
  source: string;
  window: string;
  q: string;
  limit: number;
}

/** Props of {@link LogsPage}. */
export interface LogsPageProps {
  filters: LogsFilters;
  items: Detection[];
  /** Where the next (older) page starts, if any. */
  cursor: string | null;
  /** This is not the first page. */
  paged: boolean;
  error?: string;
}

function query(f: LogsFilters, cursor?: string): string {
  const p = new URLSearchParams();
  if (f.label) p.set("label", f.label);
  if (f.source) p.set("source", f.source);
  if (f.window) p.set("window", f.window);
  if (f.q) p.set("q", f.q);
  if (f.limit !== 50) p.set("limit", String(f.limit));
  if (cursor) p.set("cursor", cursor);
  const s = p.toString();
  return s ? `/logs?${s}` : "/logs";
}

function Filters({ f }: { f: LogsFilters }) {
  return (
    <form method="get" action="/logs" class="filters" role="search">
      <label>
        Class
        <select name="label">
          <option value="">all</option>
          {LABELS.map((l) => (
            <option key={l} value={l} selected={f.label === l}>{LABEL_TITLES[l]}</option>
          ))}
        </select>
      </label>
      <label>
        Source
        <input name="source" value={f.source} maxLength={200} placeholder="host, path, peer" />
      </label>
      <label>
        Time
        <select name="window">
          {TIME_WINDOWS.map(([v, t]) => (
            <option key={v} value={v} selected={f.window === v}>{t}</option>
          ))}
        </select>
      </label>
      <label>
        Search
        <input type="search" name="q" value={f.q} maxLength={200} placeholder="text in the line" />
      </label>
      <label>
        Rows
        <select name="limit">
          {[25, 50, 100, 200].map((n) => (
            <option key={n} value={n} selected={f.limit === n}>{n}</option>
          ))}
        </select>
      </label>
      <button type="submit">Filter</button>
    </form>
  );
}

function Row({ d }: { d: Detection }) {
  return (
    <tr>
      <td data-h="time">
        <time dateTime={new Date(d.receivedAt).toISOString()}>{utc(d.receivedAt)}</time>
      </td>
      <td data-h="source">{sourceText({ ...d.source, lineNo: undefined })}</td>
      <td data-h="line no" class="num">{d.source.lineNo ?? "–"}</td>
      <td data-h="line" class="line">
        <pre>{d.line}</pre>
        <a class="why" href={whyHref(d.id)}>Why this verdict?</a>
        {d.context.length > 0 && (
          <details>
            <summary>context ({d.context.length})</summary>
            <pre class="ctx">{d.context.join("\n")}</pre>
          </details>
        )}
      </td>
      <td data-h="class">
        <span class={`label label-${d.label}`}>{LABEL_TITLES[d.label]}</span>
      </td>
      <td data-h="score" class="num">{d.score.toFixed(2)}</td>
    </tr>
  );
}

/** The logs page's body. */
export function LogsPage(p: LogsPageProps): ComponentChildren {
  return (
    <>
      <h1>Logs</h1>
      <Filters f={p.filters} />
      {p.error && <p class="error" role="alert">{p.error}</p>}
      <table class="logs">
        <caption class="sr-only">Detections, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Source / path</th>
            <th scope="col">Line no.</th>
            <th scope="col">Line</th>
            <th scope="col">Class</th>
            <th scope="col">Score</th>
          </tr>
        </thead>
        <tbody>
          {p.items.map((d) => <Row d={d} key={d.id} />)}
        </tbody>
      </table>
      {!p.items.length && <p class="muted empty">No detections match.</p>}
      <nav class="pager" aria-label="Pages">
        {p.paged && <a href={query(p.filters)}>↑ Newest</a>}
        {p.cursor && <a href={query(p.filters, p.cursor)} rel="next">Older →</a>}
      </nav>
    </>
  );
}
