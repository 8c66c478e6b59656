/**
 * Behaviour detectors: attacks visible only across lines (a dirb run is thousands of plain
 * 404s; a slow brute force; a port scan of dull firewall drops; DNS tunnelling). Each rule is
 * a declarative leaky bucket over parsed fields of EVERY line, benign-classified ones
 * included: lines that match pour one drop into the bucket of their key (or one per new
 * distinct value), the bucket leaks at a constant rate, and every line that finds it full is a
 * hit of the rule's class. Rules are data, validated by zod at load.
 *
 * @module
 */
import { z } from "zod";
import { type Infer, LabelSchema } from "../core/schemas.ts";
import type { LineFields } from "../formats/fields.ts";

/** What a rule sees of a line: its fields, its host and derived values. */
export interface LineView extends LineFields {
  /** The host the line is about (`hostOf` its source). */
  host: string;
  /** Length of the longest label of `qname`. */
  subdomainLength?: number;
}

const FIELD = z.enum([
  "kind",
  "ip",
  "user",
  "host",
  "method",
  "path",
  "status",
  "auth",
  "verdict",
  "dport",
  "qname",
  "nxdomain",
  "subdomainLength",
]);
type Field = z.infer<typeof FIELD>;

/** A condition on one field: equal to a value, or a number within bounds. */
const CONDITION = z.union([
  z.string(),
  z.boolean(),
  z.number(),
  z.object({ min: z.number().optional(), max: z.number().optional() }).strict(),
]);

/**
 * One behaviour rule.
 *
 * @ignore
 */
export const RuleSchema = z.object({
  name: z.string().regex(/^[a-z0-9_]{3,40}$/),
  description: z.string().min(10),
  /** Every condition must hold; a field the line lacks fails its condition. */
  match: z.partialRecord(FIELD, CONDITION),
  /** Fields that name the bucket (one bucket per distinct combination). */
  key: z.array(FIELD).min(1).max(3),
  /** Pour only when this field's value is new to the bucket (distinct paths, ports, names). */
  distinct: FIELD.optional(),
  /** Drops the bucket holds; the line that finds it full is a hit. */
  capacity: z.number().int().min(2).max(10_000),
  /** Drops leaked per minute. */
  leakPerMinute: z.number().positive().max(100_000),
  label: LabelSchema.exclude(["benign"]),
  technique: z.string().regex(/^T\d{4}(\.\d{3})?$/),
  /** Whose incident a hit joins: the line's entity, or the bucket key (e.g. "host:user"). */
  entity: z.enum(["line", "key"]).default("line"),
});
/** One behaviour rule, defaults applied (fields: `RuleSchema`). */
export type Rule = Infer<typeof RuleSchema>;

/** The shipped rules (README "Behaviour rules" lists them). */
export const RULES: Rule[] = z.array(RuleSchema).parse([
  {
    name: "web_4xx_rate",
    description: "many 4xx answers to one client: content discovery or a broken crawler",
    match: { kind: "access", status: { min: 400, max: 499 } },
    key: ["ip"],
    capacity: 120,
    leakPerMinute: 30,
    label: "web_scan",
    technique: "T1595.003",
  },
  {
    name: "web_distinct_404",
    description: "one client asking for many different missing paths (dirb, gobuster, ffuf)",
    match: { kind: "access", status: 404 },
    key: ["ip"],
    distinct: "path",
    capacity: 40,
    leakPerMinute: 10,
    label: "web_scan",
    technique: "T1595.003",
  },
  {
    name: "auth_failures_per_source",
    description: "failed logins from one address, fast or slow (one every few minutes)",
    match: { auth: "failure" },
    key: ["ip"],
    capacity: 10,
    leakPerMinute: 0.1,
    label: "credential_access",
    technique: "T1110.001",
  },
  {
    name: "auth_failures_per_user",
    description:
      "failed logins for one account on one host from many addresses (distributed guessing)",
    match: { auth: "failure" },
    key: ["host", "user"],
    distinct: "ip",
    capacity: 10,
    leakPerMinute: 0.1,
    label: "credential_access",
    technique: "T1110.003",
    entity: "key",
  },
  {
    name: "firewall_distinct_ports",
    description: "one source dropped on many different destination ports (a port scan)",
    match: { kind: "firewall", verdict: "drop" },
    key: ["ip"],
    distinct: "dport",
    capacity: 15,
    leakPerMinute: 5,
    label: "recon_scan",
    technique: "T1046",
  },
  {
    name: "dns_nxdomain_rate",
    description: "one DNS client getting many NXDOMAIN answers (subdomain brute force)",
    match: { kind: "dns", nxdomain: true },
    key: ["ip"],
    capacity: 30,
    leakPerMinute: 10,
    label: "recon_scan",
    technique: "T1590.002",
  },
  {
    name: "dns_long_subdomains",
    description: "one DNS client asking for many distinct long encoded names (DNS tunnelling)",
    match: { kind: "dns", subdomainLength: { min: 30 } },
    key: ["ip"],
    distinct: "qname",
    capacity: 10,
    leakPerMinute: 2,
    label: "exfiltration",
    technique: "T1048.003",
  },
]);

/** A bucket's stored state. */
export interface BucketState {
  /** Drops in the bucket (fractional: it leaks continuously). */
  level: number;
  /** Time of the last pour (ms, line time). */
  at: number;
  /** Recent distinct values (bounded; the oldest fall off). */
  seen: string[];
}

/** Distinct values remembered per bucket. */
export const MAX_SEEN = 64;

/** The rule's view of a line. */
export function lineView(fields: LineFields, host: string): LineView {
  const sub = fields.qname ? Math.max(...fields.qname.split(".").map((l) => l.length)) : undefined;
  return { ...fields, host, ...(sub !== undefined ? { subdomainLength: sub } : {}) };
}

function holds(v: LineView[Field], c: z.infer<typeof CONDITION>): boolean {
  if (v === undefined) return false;
  if (typeof c !== "object") return v === c;
  return typeof v === "number" && (c.min === undefined || v >= c.min) &&
    (c.max === undefined || v <= c.max);
}

/** The bucket key of `rule` for a line, or undefined when the rule does not apply to it. */
export function bucketKey(rule: Rule, v: LineView): string | undefined {
  for (const [f, c] of Object.entries(rule.match) as [Field, z.infer<typeof CONDITION>][]) {
    if (!holds(v[f], c)) return undefined;
  }
  const parts = rule.key.map((f) => v[f]);
  if (parts.some((p) => p === undefined)) return undefined;
  if (rule.distinct && v[rule.distinct] === undefined) return undefined;
  return parts.join(":");
}

/**
 * Pours one line into a bucket (mutates `s`): leaks since the last pour, adds a drop unless
 * the rule counts distinct values and this one was seen. Returns true when the line found the
 * bucket full (a hit).
 */
export function pour(rule: Rule, s: BucketState, at: number, v: LineView): boolean {
  const leaked = rule.leakPerMinute * Math.max(0, at - s.at) / 60_000;
  s.level = Math.max(0, s.level - leaked);
  s.at = Math.max(s.at, at);
  if (rule.distinct) {
    const value = String(v[rule.distinct]).slice(0, 100);
    if (s.seen.includes(value)) return false;
    s.seen.push(value);
    if (s.seen.length > MAX_SEEN) s.seen.shift();
  }
  if (s.level + 1 > rule.capacity) return true;
  s.level += 1;
  return s.level >= rule.capacity;
}

/** How long an untouched bucket takes to drain (its KV expiry). */
export function drainMs(rule: Rule): number {
  return Math.ceil(rule.capacity / rule.leakPerMinute * 60_000) + 60_000;
}
