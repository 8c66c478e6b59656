/**
 * @module The HTTP API (Hono): `POST /api/logs` ingest, detections, stats, health and
 * Prometheus metrics. Bearer auth when a token is configured; secure headers always.
 */
import { Hono } from "hono";
import { bearerAuth } from "hono/bearer-auth";
import { secureHeaders } from "hono/secure-headers";
import { getConnInfo } from "hono/deno";
import { z } from "zod";
import { commitRecords } from "../lib/queue/batcher.ts";
import { listDetections, minuteStats, totals } from "../lib/store/detections.ts";
import { readLines } from "../lib/formats/line_reader.ts";
import { queueState } from "../lib/queue/queue.ts";
import { LabelSchema, type LineRecord, LogsBodySchema, type Source } from "../lib/core/schemas.ts";
import { prometheusText, type UdpDrops } from "../lib/store/metrics.ts";

/** What the API needs from the running service. */
export interface ApiDeps {
  kv: Deno.Kv;
  token?: string;
  maxBodyBytes: number;
  maxBodyLines: number;
  /** Current queue backlog (batches), cached by the service. */
  backlog: () => number;
  maxBacklog: number;
  /** Worker and model status for /api/health. */
  status: () => Record<string, unknown>;
  /** Syslog UDP datagrams lost: at the kernel (full socket buffer) and past the ingest bound. */
  udpDrops?: () => UdpDrops;
}

/** `GET /api/detections` filters (also in the OpenAPI document). */
export const DetectionsQuery = z.object({
  label: LabelSchema.optional(),
  source: z.string().max(200).optional(),
  since: z.coerce.number().int().nonnegative().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(1000).optional(),
});

/** "90s", "15m", "6h", "7d" or milliseconds. */
export function parseWindow(w: string | undefined): number | null {
  if (!w) return 3_600_000;
  const m = w.match(/^(\d+)(ms|s|m|h|d)?$/);
  if (!m) return null;
  const unit = { ms: 1, s: 1e3, m: 6e4, h: 3.6e6, d: 8.64e7 }[m[2] ?? "ms"]!;
  return Math.min(Number(m[1]) * unit, 30 * 8.64e7);
}

class TooLarge extends Error {}

/** Reads a body stream, failing past `max` bytes (whatever Content-Length claimed). */
function bounded(body: ReadableStream<Uint8Array>, max: number): ReadableStream<Uint8Array> {
  let seen = 0;
  return body.pipeThrough(
    new TransformStream({
      transform(chunk, ctl) {
        seen += chunk.length;
        if (seen > max) ctl.error(new TooLarge());
        else ctl.enqueue(chunk);
      },
    }),
  );
}

async function bodyRecords(
  req: Request,
  max: number,
  peer: string | undefined,
): Promise<LineRecord[]> {
  const type = (req.headers.get("content-type") ?? "text/plain").split(";")[0].trim().toLowerCase();
  const receivedAt = Date.now();
  const base: Source = { transport: "http", peer };
  const stream = bounded(req.body ?? ReadableStream.from([]), max);
  if (type === "application/json") {
    const text = await new Response(stream).text();
    const body = LogsBodySchema.parse(JSON.parse(text));
    if ("lines" in body) return body.lines.map((line) => ({ line, source: base, receivedAt }));
    return body.records.map((r) => ({
      line: r.line,
      source: {
        ...base,
        ...(r.source ? { name: r.source } : {}),
        ...(r.host ? { host: r.host } : {}),
      },
      receivedAt,
    }));
  }
  const out: LineRecord[] = [];
  for await (const lines of readLines(stream)) {
    for (const l of lines) {
      if (type === "application/x-ndjson") {
        if (!l.text.trim()) continue;
        const v = JSON.parse(l.text);
        const r = typeof v === "string" ? { line: v } : z.object({
          line: z.string(),
          source: z.string().optional(),
          host: z.string().optional(),
        }).parse(v);
        out.push({
          line: r.line,
          source: {
            ...base,
            ...("source" in r && r.source ? { name: r.source } : {}),
            ...("host" in r && r.host ? { host: r.host } : {}),
          },
          receivedAt,
        });
      } else {
        const flags = {
          ...(l.invalidUtf8 ? { invalidUtf8: true } : {}),
          ...(l.truncated ? { truncated: true } : {}),
        };
        out.push({ line: l.text, source: { ...base, ...flags }, receivedAt });
      }
    }
  }
  return out;
}

function peerOf(c: Parameters<typeof getConnInfo>[0]): string | undefined {
  try {
    const a = getConnInfo(c).remote;
    return a.address ? `${a.address}:${a.port}` : undefined;
  } catch {
    return undefined; // in-process requests (tests, edge) carry no socket
  }
}

/**
 * Builds the API app.
 * @example Deno.serve(createApi(deps).fetch);
 */
export function createApi(deps: ApiDeps): Hono {
  const app = new Hono();
  app.use("*", secureHeaders());
  if (deps.token) {
    app.use("/api/*", bearerAuth({ token: deps.token }));
    app.use("/metrics", bearerAuth({ token: deps.token }));
  }
  app.onError((err, c) => {
    if (err instanceof TooLarge) {
      return c.json({ error: `body larger than ${deps.maxBodyBytes} bytes` }, 413);
    }
    if (err instanceof z.ZodError || err instanceof SyntaxError) {
      return c.json({ error: "invalid body", detail: err.message.slice(0, 500) }, 400);
    }
    if ("getResponse" in err) return (err as { getResponse(): Response }).getResponse();
    console.error(err);
    return c.json({ error: "internal error" }, 500);
  });

  app.post("/api/logs", async (c) => {
    const declared = Number(c.req.header("content-length") ?? 0);
    if (declared > deps.maxBodyBytes) {
      return c.json({ error: `body larger than ${deps.maxBodyBytes} bytes` }, 413);
    }
    if (deps.backlog() > deps.maxBacklog) {
      c.header("Retry-After", "5");
      return c.json({ error: "queue backlog is full, retry later" }, 503);
    }
    const records = await bodyRecords(c.req.raw, deps.maxBodyBytes, peerOf(c));
    if (records.length > deps.maxBodyLines) {
      return c.json({ error: `more than ${deps.maxBodyLines} lines in one request` }, 413);
    }
    await commitRecords(deps.kv, records);
    return c.json({ accepted: records.length }, 202);
  });

  app.get("/api/detections", async (c) => {
    const q = DetectionsQuery.safeParse(c.req.query());
    if (!q.success) {
      return c.json({
        error: "invalid query",
        detail: q.error.issues.map((i) => i.message),
      }, 400);
    }
    return c.json(await listDetections(deps.kv, q.data));
  });

  app.get("/api/stats", async (c) => {
    const windowMs = parseWindow(c.req.query("window"));
    if (windowMs === null) return c.json({ error: "window must look like 15m, 6h, 7d" }, 400);
    return c.json({
      windowMs,
      series: await minuteStats(deps.kv, windowMs),
      totals: await totals(deps.kv),
    });
  });

  app.get(
    "/api/health",
    async (c) => c.json({ ok: true, queue: await queueState(deps.kv), ...deps.status() }),
  );

  app.get("/metrics", async (c) => {
    c.header("Content-Type", "text/plain; version=0.0.4");
    return c.body(
      prometheusText(await totals(deps.kv), await queueState(deps.kv), deps.udpDrops?.()),
    );
  });
  return app;
}
