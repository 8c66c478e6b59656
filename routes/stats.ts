/**
 * `GET /api/stats?window=`: attack lines per class per minute over a window, plus totals.
 *
 * @module
 */
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { minuteStats, totals } from "../lib/store/detections.ts";

/** "90s", "15m", "6h", "7d" or milliseconds; default 1 h, capped at 30 days. */
export function parseWindow(w: string | undefined): number | null {
  if (!w) return 3_600_000;
  const m = w.match(/^(\d+)(ms|s|m|h|d)?$/);
  if (!m) return null;
  const unit = { ms: 1, s: 1e3, m: 6e4, h: 3.6e6, d: 8.64e7 }[m[2] ?? "ms"]!;
  return Math.min(Number(m[1]) * unit, 30 * 8.64e7);
}

/** The stats sub-app. */
export function createStats(kv: Deno.Kv): Hono {
  return new Hono().get("/api/stats", async (c) => {
    const windowMs = parseWindow(c.req.query("window"));
    if (windowMs === null) {
      throw new HTTPException(400, { message: "window must look like 15m, 6h, 7d" });
    }
    return c.json({ windowMs, series: await minuteStats(kv, windowMs), totals: await totals(kv) });
  });
}
