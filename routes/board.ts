/**
 * The incident board (Hono SSR + Preact islands): `/` board, `/incidents/:id`, `/logs`,
 * `/detections/:id/why`, `/activity`, login/logout, triage form endpoints, the board's event stream
 * (`/board/events`, SSE with `Last-Event-ID`) and its static files. Every page renders
 * completely on the server; islands only add live updates and in-place triage. Reads and
 * changes go through {@link BoardData}, so the pages do not care which store is behind it.
 *
 * @example app.route("/", createBoard({ data: storeBoardData(kv, { retentionMs }), kv, token, signal }));
 * @module
 */
import { type Context, Hono } from "hono";
import type { ComponentChildren } from "preact";
import { bodyLimit } from "hono/body-limit";
import { streamSSE } from "hono/streaming";
import { IncidentStatusSchema } from "../lib/core/schemas.ts";
import { isLabel, type Label } from "../lib/core/taxonomy.ts";
import { toCard } from "../islands/components/incident_card.tsx";
import { parseWindow } from "./stats.ts";
import { staticAssets } from "./board/assets.ts";
import type { BoardData } from "./board/data.ts";
import { renderPage } from "./board/layout.tsx";
import { BoardAuth, boardHeaders, sameOrigin, type Session } from "./board/security.ts";
import { BoardPage } from "./board/board_page.tsx";
import { IncidentPage } from "./board/incident_page.tsx";
import { LogsPage, TIME_WINDOWS } from "./board/logs_page.tsx";
import { WhyPage } from "./board/why_page.tsx";
import { ACTIVITY_WINDOWS, ActivityPage } from "./board/activity_page.tsx";
import { toSeries } from "./board/chart.ts";
import { LoginPage } from "./board/login_page.tsx";

/** What the board needs from the running service. */
export interface BoardDeps {
  data: BoardData;
  /** Holds the session signing key when no token is configured. */
  kv: Deno.Kv;
  /** The API token: when set, the board needs a login. */
  token?: string;
  /** Aborted on shutdown: ends open event streams so the server can finish. */
  signal?: AbortSignal;
  /**
   * The SSE URL the islands listen to (default `/board/events`, served here from
   * `data.events`). Point it at `/api/events` once that accepts the board's session cookie.
   */
  eventsUrl?: string;
  /** Where board.css and build/ live (default: the repository's static/). */
  staticDir?: URL;
}

const EVENTS_URL = "/board/events";
const HEARTBEAT_MS = 15_000;
const BOARD_PATHS = [
  "/",
  "/logs",
  "/activity",
  "/incidents/*",
  "/detections/*",
  "/login",
  "/logout",
  "/board/*",
  "/static/*",
];

interface Rendered {
  title: string;
  body: ComponentChildren;
  status?: 200 | 404;
}

function wantsJson(c: Context): boolean {
  return (c.req.header("accept") ?? "").includes("application/json");
}

/** A same-site path to go back to after login, never another origin. */
function safeNext(next: unknown): string {
  return typeof next === "string" && /^\/(?![/\\])[\x21-\x7e]*$/.test(next) ? next : "/";
}

/**
 * Builds the board app. Mount it at "/" next to the API.
 * @example app.route("/", createBoard(deps));
 */
export function createBoard(deps: BoardDeps): Hono {
  const app = new Hono();
  const auth = new BoardAuth(deps.kv, deps.token);
  const assets = staticAssets(deps.staticDir);
  const data = deps.data;
  const actor = deps.token ? "token" : "local";
  const eventsUrl = deps.eventsUrl ?? EVENTS_URL;
  for (const p of BOARD_PATHS) app.use(p, boardHeaders);
  app.route("/", assets.app);

  const page = (
    nav: "board" | "logs" | "activity" | undefined,
    handler: (c: Context, s: Session, csrf: string) => Promise<Rendered>,
  ) =>
  async (c: Context) => {
    let s = await auth.session(c);
    if (!s) {
      if (deps.token) {
        const back = c.req.path + (new URL(c.req.url).search);
        return c.redirect(`/login?next=${encodeURIComponent(back)}`, 303);
      }
      s = await auth.issue(c, false);
    }
    const csrf = await auth.csrf(s);
    const out = await handler(c, s, csrf);
    c.header("Cache-Control", "no-store");
    const info = {
      title: out.title,
      nav,
      assets: await assets.current(),
      logout: s.authed ? { csrf } : undefined,
    };
    return c.html(renderPage(info, out.body), out.status ?? 200);
  };

  /** The session of a state-changing request that passed the CSRF check, else an error response. */
  const mutation = async (c: Context) => {
    const s = await auth.session(c);
    if (!s) return { error: c.json({ error: "login required" }, 401) };
    const form = await c.req.parseBody();
    if (!await auth.checkCsrf(c, s, form._csrf)) {
      return { error: c.json({ error: "CSRF check failed: reload the page" }, 403) };
    }
    return { form };
  };
  const small = bodyLimit({ maxSize: 16 * 1024 });

  app.get(
    "/",
    page("board", async () => {
      const lastEventId = await data.eventHead();
      const [open, done] = await Promise.all([
        data.listIncidents({ status: ["new", "acknowledged"], limit: 500 }),
        data.listIncidents({ status: ["resolved", "false_positive"], limit: 100 }),
      ]);
      const incidents = [...open, ...done].map(toCard);
      return { title: "Board", body: BoardPage({ incidents, eventsUrl, lastEventId }) };
    }),
  );

  app.get(
    "/incidents/:id",
    page(undefined, async (c, _s, csrf) => {
      const lastEventId = await data.eventHead();
      const incident = await data.getIncident(c.req.param("id") ?? "");
      if (!incident) return { title: "Not found", body: "No such incident.", status: 404 };
      const chain = (await Promise.all(
        incident.chain.slice(0, 20).map((id) => data.getIncident(id)),
      ))
        .filter((i) => i !== null);
      return {
        title: `Incident ${incident.entity}`,
        body: IncidentPage({
          incident,
          chain,
          csrf,
          canSuppress: !!data.createSuppression,
          eventsUrl,
          lastEventId,
        }),
      };
    }),
  );

  app.get(
    "/logs",
    page("logs", async (c) => {
      const q = c.req.query();
      const limit = Number(q.limit);
      const filters = {
        label: (q.label && isLabel(q.label) ? q.label : "") as Label | "",
        source: (q.source ?? "").slice(0, 200),
        window: TIME_WINDOWS.some(([w]) => w === q.window) ? q.window : "",
        q: (q.q ?? "").slice(0, 200),
        limit: [25, 50, 100, 200].includes(limit) ? limit : 50,
      };
      const cursor = q.cursor?.slice(0, 1000) || undefined;
      try {
        const res = await data.listDetections({
          label: filters.label || undefined,
          source: filters.source || undefined,
          search: filters.q || undefined,
          since: filters.window ? Date.now() - parseWindow(filters.window)! : undefined,
          limit: filters.limit,
          cursor,
        });
        return { title: "Logs", body: LogsPage({ filters, ...res, paged: !!cursor }) };
      } catch {
        const body = LogsPage({
          filters,
          items: [],
          cursor: null,
          paged: true,
          error: "Invalid page cursor.",
        });
        return { title: "Logs", body };
      }
    }),
  );

  app.get(
    "/detections/:id/why",
    page("logs", async (c) => {
      const r = await data.explainDetection?.(c.req.param("id") ?? "");
      if (!r) return { title: "Not found", body: "No such detection.", status: 404 };
      return { title: "Why this verdict", body: WhyPage(r) };
    }),
  );

  app.get(
    "/activity",
    page("activity", async (c) => {
      const w = ACTIVITY_WINDOWS.includes(c.req.query("window") ?? "")
        ? c.req.query("window")!
        : "1h";
      const windowMs = parseWindow(w)!;
      const now = Date.now();
      const series = toSeries(await data.stats(windowMs), windowMs, now);
      return { title: "Activity", body: ActivityPage({ window: w, series }) };
    }),
  );

  const renderLogin = async (next: unknown, error?: string) =>
    renderPage(
      { title: "Log in", assets: await assets.current() },
      LoginPage({ next: safeNext(next), error }),
    );

  app.get("/login", (c) => {
    if (!deps.token) return c.redirect("/", 303);
    return c.html(renderLogin(c.req.query("next")));
  });
  app.post("/login", small, async (c) => {
    if (!deps.token) return c.redirect("/", 303);
    const form = await c.req.parseBody();
    if (!sameOrigin(c)) return c.json({ error: "cross-site login refused" }, 403);
    if (!await auth.tokenMatches(form.token)) {
      await new Promise((r) => setTimeout(r, 300)); // slows guessing
      return c.html(await renderLogin(form.next, "Wrong token."), 401);
    }
    await auth.issue(c, true);
    return c.redirect(safeNext(form.next), 303);
  });

  app.post("/logout", small, async (c) => {
    const m = await mutation(c);
    if (m.error) return m.error;
    auth.clear(c);
    return c.redirect(deps.token ? "/login" : "/", 303);
  });

  app.post("/incidents/:id/status", small, async (c) => {
    const m = await mutation(c);
    if (m.error) return m.error;
    const to = IncidentStatusSchema.safeParse(m.form.status);
    const reason = typeof m.form.reason === "string" ? m.form.reason.trim().slice(0, 500) : "";
    if (!to.success) return c.json({ error: "unknown status" }, 400);
    if (to.data === "false_positive" && !reason) {
      return c.json({ error: "a false positive needs a reason" }, 400);
    }
    const id = c.req.param("id");
    const incident = await data.setStatus(id, to.data, actor, reason || undefined);
    if (!incident) return c.json({ error: "no such incident" }, 404);
    if (wantsJson(c)) return c.json({ incident: toCard(incident) });
    return c.redirect(`/incidents/${encodeURIComponent(id)}`, 303);
  });

  app.post("/incidents/:id/suppress", small, async (c) => {
    const m = await mutation(c);
    if (m.error) return m.error;
    if (!data.createSuppression) return c.json({ error: "suppression is not available" }, 404);
    const ms = ["1h", "24h", "7d", "30d"].includes(String(m.form.expires))
      ? parseWindow(String(m.form.expires))!
      : 86_400_000;
    const reason = typeof m.form.reason === "string" ? m.form.reason.trim().slice(0, 500) : "";
    const id = c.req.param("id");
    const suppression = await data.createSuppression({
      incidentId: id,
      expiresAt: Date.now() + ms,
      actor,
      reason: reason || undefined,
    });
    if (!suppression) return c.json({ error: "no such incident" }, 404);
    if (wantsJson(c)) return c.json({ suppression });
    return c.redirect(`/incidents/${encodeURIComponent(id)}`, 303);
  });

  app.get(EVENTS_URL, async (c) => {
    if (deps.token && !await auth.session(c)) return c.json({ error: "login required" }, 401);
    const last = c.req.header("last-event-id") || c.req.query("lastEventId") || null;
    return streamSSE(c, async (stream) => {
      const stop = new AbortController();
      stream.onAbort(() => stop.abort());
      deps.signal?.addEventListener("abort", () => stop.abort(), { once: true });
      const beat = setInterval(
        () => stream.write(": ping\n\n").catch(() => stop.abort()),
        HEARTBEAT_MS,
      );
      try {
        await stream.writeSSE({ event: "hello", data: "{}", retry: 2000 });
        for await (const e of data.events(last, stop.signal)) {
          await stream.writeSSE({ id: e.id, event: e.event, data: JSON.stringify(e.data) });
        }
      } finally {
        clearInterval(beat);
      }
    });
  });
  return app;
}
