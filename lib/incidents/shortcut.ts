/**
 * The attack-storm shortcut ({@link ShortcutFn}): a scan is thousands of distinct lines from
 * one entity, so the per-line model is the bottleneck exactly during an attack. A line whose
 * entity has an open incident that already holds the line's shape (a shape the model judged
 * for that incident) is counted into the incident with its label instead of being
 * classified; one such line in `sampleEvery` per incident and batch still goes to the model.
 * A line of any other shape (another status, path shape, agent, daemon, or payload
 * characters) is always classified, so an exploit hidden in scan noise is not skipped.
 *
 * @module
 */
import type { Incident, ShortcutFn } from "../core/schemas.ts";
import { parseFields } from "../formats/fields.ts";
import { isOpen } from "./incident.ts";
import { lineShape } from "./shape.ts";
import { readGroups } from "./store.ts";

/** Shortcut settings. */
export interface ShortcutOptions {
  /** The grouping window: only incidents open at the line's time explain it. */
  windowMs: number;
  /** One explained line in this many per incident and batch is still classified (default 16). */
  sampleEvery?: number;
}

/**
 * The shortcut over the incidents in `kv`.
 * @example handleBatch(kv, classify, msg, { ...opts, shortcut: incidentShortcut(kv, { windowMs }) })
 */
export function incidentShortcut(kv: Deno.Kv, opts: ShortcutOptions): ShortcutFn {
  const every = Math.max(1, opts.sampleEvery ?? 16);
  return async (records) => {
    const rows = records.map((r) => {
      const fields = parseFields(r.line);
      return { ip: fields.ip, shape: lineShape(fields, r.line), at: r.receivedAt };
    });
    const entities = [...new Set(rows.flatMap((r) => r.ip && r.shape ? [r.ip] : []))];
    if (!entities.length) return records.map(() => undefined);
    const byEntity = new Map<string, Incident[]>();
    for (const inc of (await readGroups(kv, entities)).latest.values()) {
      byEntity.set(inc.entity, [...byEntity.get(inc.entity) ?? [], inc]);
    }
    const seen = new Map<string, number>();
    return rows.map((row) => {
      if (!row.ip || !row.shape) return undefined;
      const inc = byEntity.get(row.ip)?.find((i) =>
        i.shapes?.includes(row.shape!) && isOpen(i, row.at, opts.windowMs)
      );
      if (!inc) return undefined;
      const n = seen.get(inc.id) ?? 0;
      seen.set(inc.id, n + 1);
      return n % every === 0 ? undefined : { label: inc.label, techniques: inc.techniques };
    });
  };
}
