/**
 * Adds the model's masked `text` to each JSONL record on stdin (`{"line": ...}` -> `{"line",
 * "text", ...}`).
 *
 * @module
 */
import { modelText } from "../lib/classify/line_text.ts";
import { readLines } from "../lib/formats/line_reader.ts";

for await (const lines of readLines(Deno.stdin.readable)) {
  const out = lines.filter((l) => l.text.trim()).map((l) => {
    const rec = JSON.parse(l.text);
    return JSON.stringify({ ...rec, text: modelText(rec.line).text });
  });
  if (out.length) await Deno.stdout.write(new TextEncoder().encode(out.join("\n") + "\n"));
}
