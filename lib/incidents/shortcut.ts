/**
 * The attack-storm shortcut ({@link ShortcutFn}): a scan is thousands of distinct lines from
 * one entity, so the per-line model is the bottleneck exactly during an attack. Once an entity
 * is under an incident, a line of a shape the model has already judged for that entity (in
 * this isolate, or recorded on the incident by any worker) is counted with that verdict
 * instead of being classified; one such line in `sampleEvery` per entity and shape still goes
 * to the model and refreshes the verdict. A line of any other shape (another status, path
 * shape, agent, daemon, or payload characters) is always classified, so an exploit hidden in
 * scan noise is not skipped.
 *
 * Decisions run in a lane: the batches waiting for the model are decided together (up to
 * 1,000 lines), after the previous group's verdicts are learnt. Deciding each batch as it arrived let every queued
 * batch of a flooded replay decide before the first verdict existed, so the shortcut never
 * fired (the queue runs up to 100 handlers at once).
 *
 * @module
 */
import type { Shortcut, ShortcutFn, Verdict } from "../core/batch_contracts.ts";
import type { LineRecord } from "../core/schemas.ts";
import { parseFields } from "../formats/fields.ts";
import { lineShape } from "./shape.ts";
import { readGroups } from "./store.ts";

/** Shortcut settings. */
export interface ShortcutOptions {
  /** The grouping window: only incidents open at the line's time explain it. */
  windowMs: number;
  /** One explained line in this many per entity and shape is still classified (default 16). */
  sampleEvery?: number;
  /** Most entity × shape verdicts and entities remembered (default 50,000; oldest go first). */
  maxVerdicts?: number;
  /**
   * How long an entity's stored incidents are trusted before they are read again (default
   * 1,000 ms): a false-positive mark or another worker's incident takes effect within it, and
   * a flood from many addresses costs one KV read per address and period, not per batch.
   */
  rereadMs?: number;
}

interface Row {
  /** `entity \0 shape`, or undefined when the line has no shape or no address. */
  key?: string;
  ip?: string;
  at: number;
}

interface Remembered extends Shortcut {
  at: number;
  /** Explained lines since the last one sent to the model. */
  seen: number;
}

interface Stored {
  /** The latest `lastSeen` of its open incidents (-Infinity: none). */
  open: number;
  /** One of its latest incidents is resolved or marked false positive. */
  closed: boolean;
  /** Shapes its open incidents recorded, with their verdicts. */
  shapes: Map<string, Shortcut>;
  /** When this was read. */
  read: number;
}

interface Waiting {
  records: LineRecord[];
  classify: (lines: string[]) => Promise<Verdict[]>;
  resolve: (r: { known: (Shortcut | undefined)[]; preds: (Verdict | undefined)[] }) => void;
  reject: (e: unknown) => void;
}

/**
 * Most lines decided together. Grouping commits (which open the incidents the decisions look
 * for) land after classification, so the group after a storm's first one is decided without
 * its incident: a small group bounds what that costs.
 */
const GROUP_LINES = 1000;

function rowOf(r: LineRecord): Row {
  const fields = parseFields(r.line);
  const shape = fields.ip ? lineShape(fields, r.line) : undefined;
  return shape ? { key: `${fields.ip}\u0000${shape}`, ip: fields.ip, at: r.receivedAt } : {
    at: r.receivedAt,
  };
}

/**
 * The shortcut over the incidents in `kv`.
 * @example handleBatch(kv, classify, msg, { ...opts, shortcut: incidentShortcut(kv, { windowMs }) })
 */
export function incidentShortcut(kv: Deno.Kv, opts: ShortcutOptions): ShortcutFn {
  const every = Math.max(1, opts.sampleEvery ?? 16);
  const max = opts.maxVerdicts ?? 50_000;
  /** entity \0 shape -> the model's latest verdict. */
  const verdicts = new Map<string, Remembered>();
  /** entity -> when the model last judged one of its lines an attack. */
  const attacks = new Map<string, number>();
  /** entity -> what its stored incidents said when last read. */
  const stored = new Map<string, Stored>();
  const reread = opts.rereadMs ?? 1000;
  const waiting: Waiting[] = [];
  let running = false;

  const remember = <V>(map: Map<string, V>, key: string, v: V) => {
    map.delete(key);
    map.set(key, v);
    if (map.size > max) map.delete(map.keys().next().value!);
  };

  /** Re-reads the stored incidents of the entities not read within `rereadMs`. */
  async function refresh(entities: string[]) {
    const now = Date.now();
    const stale = entities.filter((e) => !(now - (stored.get(e)?.read ?? -Infinity) < reread));
    if (!stale.length) return;
    const fresh = new Map<string, Stored>(
      stale.map((e) => [e, { open: -Infinity, closed: false, shapes: new Map(), read: now }]),
    );
    for (const inc of (await readGroups(kv, stale)).latest.values()) {
      const o = fresh.get(inc.entity)!;
      if (inc.status === "new" || inc.status === "acknowledged") {
        o.open = Math.max(o.open, inc.lastSeen);
        for (const s of inc.shapes ?? []) {
          o.shapes.set(s, { label: inc.label, techniques: inc.techniques });
        }
      } else o.closed = true;
    }
    for (const [e, o] of fresh) remember(stored, e, o);
  }

  /**
   * Which rows an active entity explains, counting them for the sampling. An entity is active
   * when it has an open incident, or when this isolate's model judged one of its lines an
   * attack within the window and none of its incidents is resolved or marked false positive:
   * the incident of a verdict is committed after classification, behind the other batches'
   * commits, so under a flood the stored incidents lag the verdicts.
   */
  async function decide(rows: Row[]): Promise<(Shortcut | undefined)[]> {
    await refresh([...new Set(rows.flatMap((r) => r.ip ? [r.ip] : []))]);
    const within = (t: number, at: number) => Math.abs(t - at) <= opts.windowMs;
    return rows.map((row) => {
      if (!row.key) return;
      const o = stored.get(row.ip!);
      const attackAt = attacks.get(row.ip!);
      const active = (o && within(row.at, o.open)) ||
        (!o?.closed && attackAt !== undefined && within(row.at, attackAt));
      if (!active) return;
      let v = verdicts.get(row.key);
      if (!v || !within(row.at, v.at)) {
        const recorded = o?.shapes.get(row.key.slice(row.ip!.length + 1));
        if (!recorded) return;
        v = { ...recorded, at: row.at, seen: 0 };
        remember(verdicts, row.key, v);
      }
      return v.seen++ % every === 0 ? undefined : { label: v.label, techniques: v.techniques };
    });
  }

  function learn(rows: Row[], preds: (Verdict | undefined)[]) {
    rows.forEach((row, i) => {
      const p = preds[i];
      if (!row.key || !p) return;
      const seen = verdicts.get(row.key)?.seen ?? 1;
      remember(verdicts, row.key, {
        label: p.label,
        techniques: p.attack.techniques,
        at: row.at,
        seen,
      });
      if (p.label !== "benign") remember(attacks, row.ip!, row.at);
    });
  }

  async function run(group: Waiting[]) {
    const rows = group.map((g) => g.records.map(rowOf));
    let known: (Shortcut | undefined)[][];
    try {
      const flat = await decide(rows.flat());
      let at = 0;
      known = rows.map((r) => flat.slice(at, at += r.length));
    } catch (e) {
      for (const g of group) g.reject(e);
      return;
    }
    // Every batch of the group is classified at once: the classifier runs concurrent calls
    // together, in length buckets across them.
    await Promise.all(group.map(async (g, j) => {
      try {
        const todo = g.records.flatMap((_, i) => known[j][i] ? [] : [i]);
        const got = todo.length ? await g.classify(todo.map((i) => g.records[i].line)) : [];
        const preds = new Array<Verdict | undefined>(g.records.length);
        todo.forEach((i, n) => preds[i] = got[n]);
        learn(rows[j], preds);
        g.resolve({ known: known[j], preds });
      } catch (e) {
        g.reject(e);
      }
    }));
  }

  async function drain() {
    running = true;
    while (waiting.length) {
      let lines = 0, n = 0;
      while (n < waiting.length && lines < GROUP_LINES) lines += waiting[n++].records.length;
      await run(waiting.splice(0, n));
    }
    running = false;
  }

  return (<P extends Verdict>(
    records: LineRecord[],
    classify: (lines: string[]) => Promise<P[]>,
  ) =>
    new Promise((resolve, reject) => {
      waiting.push({ records, classify, resolve, reject } as Waiting);
      if (!running) void drain();
    })) as ShortcutFn;
}
