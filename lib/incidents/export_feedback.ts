/**
 * `deno task export-feedback [--kv PATH] [--out FILE]`: writes every false-positive mark and
 * suppression as labelled JSONL (lib/incidents/feedback.ts), to FILE or stdout; prints the
 * count to stderr.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { feedbackRecords } from "./feedback.ts";

/** Writes the feedback of the store at `kvPath` to `out`; returns how many lines. */
export async function exportFeedback(
  kvPath: string,
  out: WritableStream<Uint8Array>,
): Promise<number> {
  const kv = await Deno.openKv(kvPath);
  const w = out.getWriter();
  const enc = new TextEncoder();
  let n = 0;
  try {
    for await (const r of feedbackRecords(kv)) {
      await w.write(enc.encode(JSON.stringify(r) + "\n"));
      n++;
    }
  } finally {
    kv.close();
    await w.close();
  }
  return n;
}

const USAGE = "usage: deno task export-feedback [-- --kv FILE --out FILE]";

/** The command's flags; throws a one-line usage error on anything else. */
export function feedbackArgs(args: string[]): { kv: string; out?: string; help: boolean } {
  // Deno 2.9 passes the "--" of `deno task export-feedback -- ...` through.
  const { values } = parseArgs({
    args: args[0] === "--" ? args.slice(1) : args,
    options: {
      kv: { type: "string", default: "./data/insyt.kv" },
      out: { type: "string" },
      help: { type: "boolean", default: false },
    },
  });
  return { kv: values.kv, ...(values.out ? { out: values.out } : {}), help: values.help };
}

if (import.meta.main) {
  let args;
  try {
    args = feedbackArgs(Deno.args);
  } catch (e) {
    console.error(`export-feedback: ${(e as Error).message}\n${USAGE}`);
    Deno.exit(2);
  }
  if (args.help) {
    console.log(
      `${USAGE}\nWrites every false-positive mark and suppression as labelled JSONL ` +
        "(stdout without --out) for `deno task train -- --feedback FILE`.",
    );
    Deno.exit(0);
  }
  const out = args.out
    ? (await Deno.open(args.out, { write: true, create: true, truncate: true })).writable
    : Deno.stdout.writable;
  const n = await exportFeedback(args.kv, out);
  console.error(`export-feedback: ${n} labelled lines`);
}
