/**
 * Command-line options declared once: each entry names its flag, environment variable,
 * default, unit, documentation and zod schema, and everything else is derived from the table —
 * parsing, validation with errors that name the flag, `--help` and the README's option table.
 *
 * @example
 * ```ts
 * const table = { port: option({ flag: "port", default: "5656", doc: "HTTP port", schema: z.coerce.number() }) };
 * const values = parseOptions(table, ["--port", "8080"], () => undefined); // { port: 8080 }
 * ```
 *
 * @module
 */
import { parseArgs } from "node:util";
import type { Infer } from "./schemas.ts";

/** What an option needs of its schema (every zod schema has it). */
export interface OptionSchema {
  /** Converts and validates a raw value; on failure, each issue's message is reported. */
  safeParse(
    raw: unknown,
  ):
    | { success: true; data: unknown }
    | { success: false; error: { issues: { message: string }[] } };
  /** zod's type carrier: `_zod.output` is the type of the converted value. */
  _zod: { output: unknown };
}

/** One option: where its raw value comes from and what it becomes. */
export interface Option<S extends OptionSchema = OptionSchema> {
  /** The flag without dashes (`syslog-port`). */
  flag?: string;
  /** An environment variable read when the flag is absent (or the only source). */
  env?: string;
  /** "string" takes a value, "boolean" is a switch, "list" is repeatable. */
  kind?: "string" | "boolean" | "list";
  /** The raw default, as a user would type it (absent: undefined). */
  default?: string | boolean | string[];
  /** How the value is given (`N`, `MB`, `CIDR,...`), shown in help. */
  unit?: string;
  /** One sentence for --help and the README. */
  doc: string;
  /** Turns the raw value into the config value (coercion, ranges, units). */
  schema: S;
}

/** A table of options, keyed by config field. */
export type OptionTable = Record<string, Option>;

/** The config values a table produces. */
export type OptionValues<T extends OptionTable> = { [K in keyof T]: Infer<T[K]["schema"]> };

/** Declares one option (keeps the schema's type). */
export function option<S extends OptionSchema>(o: Option<S>): Option<S> {
  return o;
}

/** A usage error: bad flags or values; the message names the flag. */
export class UsageError extends Error {}

function label(o: Option): string {
  return o.flag ? `--${o.flag}` : o.env!;
}

/**
 * Parses `args` (a leading `--`, which `deno task` passes through, is skipped) and the
 * environment against `table`. Throws {@link UsageError} listing every problem by flag name.
 */
export function parseOptions<T extends OptionTable>(
  table: T,
  args: string[],
  env: (k: string) => string | undefined,
): OptionValues<T> {
  return parseCommand(table, args, env, false).values;
}

/**
 * {@link parseOptions} for a command that also takes operands (file names): returns the
 * options and, in order, the arguments that are not options (everything after a later `--`).
 */
export function parseCommand<T extends OptionTable>(
  table: T,
  args: string[],
  env: (k: string) => string | undefined,
  allowPositionals = true,
): { values: OptionValues<T>; positionals: string[] } {
  const options: Record<string, { type: "string" | "boolean"; multiple?: boolean }> = {};
  for (const o of Object.values(table)) {
    if (!o.flag) continue;
    options[o.flag] = o.kind === "boolean"
      ? { type: "boolean" }
      : { type: "string", multiple: o.kind === "list" };
  }
  let values: Record<string, unknown>, positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: args[0] === "--" ? args.slice(1) : args,
      options,
      allowPositionals,
    }));
  } catch (e) {
    throw new UsageError((e as Error).message.replace(/\. To specify.*$/s, ""));
  }
  const out: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [key, o] of Object.entries(table)) {
    const raw = (o.flag ? values[o.flag] : undefined) ??
      (o.env ? env(o.env) || undefined : undefined) ??
      o.default;
    const r = o.schema.safeParse(raw);
    if (r.success) out[key] = r.data;
    else problems.push(`${label(o)}: ${r.error.issues.map((i) => i.message).join("; ")}`);
  }
  if (problems.length) throw new UsageError(problems.join("\n"));
  return { values: out as OptionValues<T>, positionals };
}

function usage(o: Option): string {
  const name = o.flag ? `--${o.flag}${o.kind === "boolean" ? "" : ` ${o.unit ?? "VALUE"}`}` : "";
  return [name, o.env && !o.flag ? o.env : o.env ? `(${o.env})` : ""].filter(Boolean).join(" ");
}

function defaultText(o: Option): string {
  if (o.default === undefined || o.default === "" || o.default === false) return "–";
  return Array.isArray(o.default) ? (o.default.join(",") || "–") : String(o.default);
}

/** The --help text: one line per option. */
export function helpText(table: OptionTable, head: string): string {
  const rows = Object.values(table).map((o) => [usage(o), o.doc, defaultText(o)]);
  const w = Math.max(...rows.map((r) => r[0].length));
  return [
    head,
    "",
    ...rows.map(([u, d, def]) => `  ${u.padEnd(w)}  ${d}${def === "–" ? "" : ` (default ${def})`}`),
  ].join("\n");
}

/** The README's option table, as markdown (a test keeps README and table equal). */
export function optionsMarkdown(table: OptionTable): string {
  const esc = (s: string) => s.replaceAll("|", "\\|");
  return [
    "| option | default | meaning |",
    "| --- | --- | --- |",
    ...Object.values(table).map((o) =>
      `| \`${esc(usage(o))}\` | ${esc(defaultText(o))} | ${esc(o.doc)} |`
    ),
  ].join("\n");
}
