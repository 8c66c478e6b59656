/**
 * Reads detections and per-minute counters back out of KV for the API and the board.
 *
 * @module
 */
import { idAt, K } from "../core/kv_keys.ts";
import type { Detection } from "../core/schemas.ts";
import { type Label, LABELS } from "../core/taxonomy.ts";

/** The shape of a detection id: its batch's time id and the line's index in the batch. */
export const DETECTION_ID = /^[0-9a-z]{9}-[0-9a-f]{8}-\d{4}$/;

/** Filters of `GET /api/detections`. */
export interface DetectionQuery {
  /** Only detections of this class. */
  label?: Label;
  /** Substring of the source (transport, host, peer, path). */
  source?: string;
  /** Only detections received at or after this time (ms). */
  since?: number;
  /** Case-insensitive substring of the line. */
  search?: string;
  /** Most detections on the page. */
  limit: number;
  /** Where the previous page ended (its `cursor`). */
  cursor?: string;
}

function matchesSource(d: Detection, s: string): boolean {
  const src = d.source;
  return [src.transport, src.host, src.peer, src.path, src.name, src.app].some((x) =>
    x?.includes(s)
  );
}

/** Newest first; `cursor` continues where the previous page ended. */
export async function listDetections(
  kv: Deno.Kv,
  q: DetectionQuery,
): Promise<{ items: Detection[]; cursor: string | null }> {
  const items: Detection[] = [];
  const since = q.since ?? 0;
  const search = q.search?.toLowerCase();
  const prefix = q.label ? K.byLabelPrefix(q.label) : K.detectionPrefix;
  const iter = kv.list({ prefix, start: [...prefix, idAt(since)] }, {
    reverse: true,
    cursor: q.cursor,
    batchSize: Math.min(500, q.limit * 2),
  });
  let scanned = 0;
  for await (const entry of iter) {
    scanned++;
    const id = entry.key[entry.key.length - 1] as string;
    const det = q.label
      ? (await kv.get<Detection>(K.detection(id))).value
      : entry.value as Detection;
    if (
      det && (!q.source || matchesSource(det, q.source)) &&
      (!search || det.line.toLowerCase().includes(search))
    ) items.push(det);
    if (items.length >= q.limit || scanned >= 10_000) return { items, cursor: iter.cursor || null };
  }
  return { items, cursor: null };
}

/** Counts per class per minute over the last `windowMs`. */
export async function minuteStats(
  kv: Deno.Kv,
  windowMs: number,
  now = Date.now(),
): Promise<{ minute: number; counts: Record<Label, number> }[]> {
  const from = Math.floor((now - windowMs) / 60_000) * 60_000;
  const byMinute = new Map<number, Record<Label, number>>();
  for await (
    const e of kv.list<Deno.KvU64>({ prefix: K.minutePrefix, start: [...K.minutePrefix, from] })
  ) {
    const [, minute, label] = e.key as [string, number, Label, string];
    const row = byMinute.get(minute) ??
      Object.fromEntries(LABELS.map((l) => [l, 0])) as Record<Label, number>;
    row[label] += Number(e.value.value);
    byMinute.set(minute, row);
  }
  return [...byMinute].sort((a, b) => a[0] - b[0]).map(([minute, counts]) => ({ minute, counts }));
}

/** All running totals ("classified", "label:x", "received:udp", ...). */
export async function totals(kv: Deno.Kv): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for await (const e of kv.list<Deno.KvU64>({ prefix: K.totalPrefix })) {
    out[e.key[1] as string] = Number(e.value.value);
  }
  return out;
}

/** Deletes per-minute counters older than `before` (KV sums cannot carry a TTL). Returns how many. */
export async function pruneCounters(kv: Deno.Kv, before: number): Promise<number> {
  let n = 0;
  let op = kv.atomic();
  for await (const e of kv.list({ start: K.minutePrefix, end: [...K.minutePrefix, before] })) {
    op.delete(e.key);
    if (++n % 500 === 0) {
      await op.commit();
      op = kv.atomic();
    }
  }
  await op.commit();
  return n;
}
