/**
 * CLI: writes the labelled corpus as JSONL (`deno task corpus -- --out FILE --n N --seed S`).
 *
 * @module
 */
import { parseArgs } from "node:util";
import { modelText } from "../../lib/classify/line_text.ts";
import { generate } from "./corpus.ts";
import { ALL_TEMPLATES } from "./families/mod.ts";
import { HELDOUT_SCENARIOS } from "./scenario.ts";

const { values } = parseArgs({
  // Deno 2.9 passes the "--" of `deno task corpus -- ...` through.
  args: Deno.args[0] === "--" ? Deno.args.slice(1) : Deno.args,
  options: {
    out: { type: "string", default: "models/data/corpus.jsonl" },
    n: { type: "string", default: "150000" },
    seed: { type: "string", default: "1" },
  },
});
const n = Number(values.n), seed = Number(values.seed);
const out = await Deno.open(values.out!, { write: true, create: true, truncate: true });
const enc = new TextEncoder();
let buf = "", count = 0;
for (const s of generate({ n, seed, templates: ALL_TEMPLATES })) {
  const split = HELDOUT_SCENARIOS.includes(s.scenario) ? "heldout" : "train";
  buf += JSON.stringify({ ...s, split, text: modelText(s.line).text }) + "\n";
  count++;
  if (buf.length > 1 << 20) {
    await out.write(enc.encode(buf));
    buf = "";
  }
}
await out.write(enc.encode(buf));
out.close();
console.error(`wrote ${count} distinct lines (of ${n} drawn) to ${values.out}`);
