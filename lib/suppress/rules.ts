/**
 * Suppression rules: what operators declared noise. A rule names a class and at least one of
 * entity, host or masked line pattern, and expires. Matching hits are counted (per rule and in
 * the "suppressed" total) but open or grow no incident. Stored in KV with an expiry a day past
 * `expiresAt`, so expired rules disappear by themselves.
 *
 * @module
 */
import { z } from "zod";
import { K, timeId } from "../core/kv_keys.ts";
import { type Infer, LabelSchema, type Suppression, SuppressionSchema } from "../core/schemas.ts";
import type { Label } from "../core/taxonomy.ts";
import { templateMatcher } from "../formats/template.ts";

const DAY = 86_400_000;

/**
 * What a client sends to create a rule (`expiresInMs` or `expiresAt`).
 *
 * @ignore
 */
export const SuppressionInputSchema = z.object({
  label: LabelSchema,
  entity: z.string().min(1).max(1000).optional(),
  host: z.string().min(1).max(200).optional(),
  pattern: z.string().min(1).max(1024).optional(),
  expiresAt: z.number().int().positive().optional(),
  expiresInMs: z.number().int().min(60_000).max(365 * DAY).optional(),
  reason: z.string().min(1).max(1000),
  incident: z.string().max(100).optional(),
  examples: z.array(z.string().max(8192)).max(8).optional(),
}).strict().refine((s) => s.entity || s.host || s.pattern, {
  message: "a suppression needs an entity, a host or a pattern",
});
/** What a client sends to create a rule. */
export type SuppressionInput = Infer<typeof SuppressionInputSchema>;

/**
 * A change to an existing rule.
 *
 * @ignore
 */
export const SuppressionPatchSchema = z.object({
  entity: z.string().min(1).max(1000).nullable().optional(),
  host: z.string().min(1).max(200).nullable().optional(),
  pattern: z.string().min(1).max(1024).nullable().optional(),
  expiresAt: z.number().int().positive().optional(),
  reason: z.string().min(1).max(1000).optional(),
}).strict();
/** A change to an existing rule (`null` clears a condition). */
export type SuppressionPatch = Infer<typeof SuppressionPatchSchema>;

/** Raised for a rule that would match nothing or everything. */
export class InvalidSuppression extends Error {}

function valid(s: Suppression): Suppression {
  if (!s.entity && !s.host && !s.pattern) {
    throw new InvalidSuppression("a suppression needs an entity, a host or a pattern");
  }
  return SuppressionSchema.parse(s);
}

const ttl = (s: Suppression, now: number) => Math.max(60_000, s.expiresAt - now + DAY);

/** Creates a rule (default expiry: 7 days). */
export async function createSuppression(
  kv: Deno.Kv,
  input: SuppressionInput,
  actor: string,
  now = Date.now(),
): Promise<Suppression> {
  const { expiresInMs, examples, ...rest } = input;
  const s = valid({
    ...rest,
    id: timeId(now),
    expiresAt: input.expiresAt ?? now + (expiresInMs ?? 7 * DAY),
    createdAt: now,
    createdBy: actor,
    examples: (examples ?? []).map((l) => l.slice(0, 2048)),
  });
  await kv.set(K.suppression(s.id), s, { expireIn: ttl(s, now) });
  return s;
}

/** The stored rules (expired ones only with `all`), newest first. */
export async function storedSuppressions(
  kv: Deno.Kv,
  opts: { all?: boolean; now?: number } = {},
): Promise<Suppression[]> {
  const now = opts.now ?? Date.now();
  const rules: Suppression[] = [];
  for await (const e of kv.list<Suppression>({ prefix: K.suppressionPrefix }, { reverse: true })) {
    if (opts.all || e.value.expiresAt > now) rules.push(e.value);
  }
  return rules;
}

/** The stored rules with their hit counts (the API's list). */
export async function listSuppressions(
  kv: Deno.Kv,
  opts: { all?: boolean; now?: number } = {},
): Promise<(Suppression & { hits: number })[]> {
  const rules = await storedSuppressions(kv, opts);
  const hits = await hitCounts(kv, rules.map((r) => r.id));
  return rules.map((r, i) => ({ ...r, hits: hits[i] }));
}

async function hitCounts(kv: Deno.Kv, ids: string[]): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < ids.length; i += 10) {
    const got = await kv.getMany<Deno.KvU64[]>(ids.slice(i, i + 10).map(K.suppressionHits));
    out.push(...got.map((g) => Number(g.value?.value ?? 0n)));
  }
  return out;
}

/** One rule, or null. */
export async function getSuppression(kv: Deno.Kv, id: string): Promise<Suppression | null> {
  return (await kv.get<Suppression>(K.suppression(id))).value;
}

/** Applies a change; null when the rule does not exist. */
export async function updateSuppression(
  kv: Deno.Kv,
  id: string,
  patch: SuppressionPatch,
  now = Date.now(),
): Promise<Suppression | null> {
  for (;;) {
    const cur = await kv.get<Suppression>(K.suppression(id));
    if (!cur.value) return null;
    const next: Suppression = { ...cur.value };
    for (const f of ["entity", "host", "pattern"] as const) {
      if (patch[f] === null) delete next[f];
      else if (patch[f] !== undefined) next[f] = patch[f];
    }
    if (patch.expiresAt !== undefined) next.expiresAt = patch.expiresAt;
    if (patch.reason !== undefined) next.reason = patch.reason;
    const res = await kv.atomic().check(cur).set(K.suppression(id), valid(next), {
      expireIn: ttl(next, now),
    }).commit();
    if (res.ok) return next;
  }
}

/** Deletes a rule; false when it did not exist. */
export async function deleteSuppression(kv: Deno.Kv, id: string): Promise<boolean> {
  const cur = await kv.get(K.suppression(id));
  if (!cur.versionstamp) return false;
  await kv.atomic().delete(K.suppression(id)).delete(K.suppressionHits(id)).commit();
  return true;
}

/** What a suppression is matched against. */
export interface Suppressible {
  /** The hit's class. */
  label: Label;
  /** The hit's entity (address, "host:user" or source). */
  entity: string;
  /** The host the line is about. */
  host: string;
  /** The raw line (matched against the rule's pattern). */
  line: string;
}

/** A matcher over the active `rules`: the id of the first rule a hit matches, or undefined. */
export function suppressor(
  rules: Suppression[],
  now = Date.now(),
): (h: Suppressible) => string | undefined {
  const active = rules.filter((r) => r.expiresAt > now).map((r) => ({
    r,
    pattern: r.pattern ? templateMatcher(r.pattern) : undefined,
  }));
  return (h) =>
    active.find(({ r, pattern }) =>
      r.label === h.label && (!r.entity || r.entity === h.entity) &&
      (!r.host || r.host === h.host) && (!pattern || pattern(h.line))
    )?.r.id;
}
