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

if (import.meta.main) {
  const { values } = parseArgs({
    args: Deno.args,
    options: { kv: { type: "string", default: "./data/insyt.kv" }, out: { type: "string" } },
  });
  const out = values.out
    ? (await Deno.open(values.out, { write: true, create: true, truncate: true })).writable
    : Deno.stdout.writable;
  const n = await exportFeedback(values.kv, out);
  console.error(`export-feedback: ${n} labelled lines`);
}
