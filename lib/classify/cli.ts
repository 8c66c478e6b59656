/**
 * `deno task classify [FILE...]`: classifies raw log lines from the files (else stdin) and prints
 * one JSON object per input line, in input order, nothing else on stdout:
 * `{"label":"web_scan","score":0.97,...}`. Streams: each chunk of input is answered as it arrives.
 * Needs no server, network or Ollama.
 *
 * @module
 */
import { Classifier, type Prediction } from "./classifier.ts";
import { type RawLine, readLines } from "../formats/line_reader.ts";

/** The JSON object printed for one line. */
export function resultRecord(line: RawLine, p: Prediction): Record<string, unknown> {
  const rec: Record<string, unknown> = {
    label: p.label,
    score: Number(p.score.toFixed(4)),
    tactics: p.attack.tactics,
    techniques: p.attack.techniques,
  };
  if (line.truncated || p.truncated) rec.truncated = true;
  if (line.invalidUtf8) rec.invalid_utf8 = true;
  if (p.junk) rec.junk = true;
  return rec;
}

async function* sources(files: string[]): AsyncGenerator<ReadableStream<Uint8Array>> {
  if (!files.length) {
    yield Deno.stdin.readable;
    return;
  }
  for (const f of files) {
    try {
      yield (await Deno.open(f)).readable;
    } catch (e) {
      console.error(`classify: cannot read ${f}: ${(e as Error).message}`);
      Deno.exitCode = 1;
    }
  }
}

async function main(files: string[]) {
  const classifier = await Classifier.load();
  const out = Deno.stdout.writable.getWriter();
  const enc = new TextEncoder();
  for await (const stream of sources(files)) {
    for await (const lines of readLines(stream)) {
      const preds = await classifier.classify(lines.map((l) => l.text));
      const text = lines.map((l, i) => JSON.stringify(resultRecord(l, preds[i]))).join("\n");
      await out.write(enc.encode(text + "\n"));
    }
  }
  await out.close();
}

if (import.meta.main) await main(Deno.args);
