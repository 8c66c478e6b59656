/**
 * `deno task classify [--workers N] [FILE...]`: classifies raw log lines from the files (else
 * stdin) and prints one JSON object per input line, in input order, nothing else on stdout:
 * `{"label":"web_scan","score":0.97,...}`. Streams: each chunk of input is classified as it
 * arrives and answered as soon as its turn in the input order comes; several chunks are in flight
 * so that every worker is busy. This thread masks, caches and tokenises; the model runs on a
 * {@link ClassifyPool} of workers. A worker that fails ends the command with one line on stderr
 * and exit code 1. Needs no server, network or Ollama. The entry point
 * (workers/classify_cli.ts) passes the worker URL in.
 *
 * @module
 */
import { z } from "zod";
import { helpText, option, parseCommand, UsageError } from "../core/options.ts";
import { OPTIONS } from "../core/config.ts";
import { Classifier, DEFAULT_MODEL_DIR, type Prediction } from "./classifier.ts";
import { ClassifyPool } from "./pool.ts";
import { type RawLine, readLines } from "../formats/line_reader.ts";

/** The classify command's options. */
export const CLI_OPTIONS = {
  workers: option({
    flag: "workers",
    unit: "N",
    default: String(navigator.hardwareConcurrency || 1),
    doc: "classifier Web Workers, one single-threaded WASM model each (default: one per core)",
    schema: z.coerce.number().int().min(1).max(64),
  }),
  help: OPTIONS.help,
};

const USAGE =
  "usage: deno task classify [--workers N] [FILE...]   (no FILE: read stdin)\n\nOptions:";

/** Chunks waiting for or being classified, per worker: one runs while the next is queued. */
const IN_FLIGHT_PER_WORKER = 2;

/**
 * Most lines per ONNX run. A worker's WASM memory never shrinks and grows to its widest run's
 * activations: 32 rows peaked 292-295 MB against 324-326 MB for the classifier's default of 64 on
 * 20,000 lab lines, at the same speed within the box's noise (2 rounds, README "Speed").
 */
const BATCH_ROWS = 32;

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

/**
 * Classifies every line of `streams` with `classify` and writes the records to `out` in input
 * order, with at most `inFlight` chunks sent and not yet written.
 */
export async function classifyStreams(
  streams: AsyncIterable<ReadableStream<Uint8Array>>,
  classify: (lines: string[]) => Promise<Prediction[]>,
  inFlight: number,
  out: WritableStreamDefaultWriter<Uint8Array>,
): Promise<void> {
  const enc = new TextEncoder();
  let written = Promise.resolve();
  const window: Promise<void>[] = [];
  for await (const stream of streams) {
    for await (const lines of readLines(stream)) {
      const answer = classify(lines.map((l) => l.text)).then((preds) =>
        enc.encode(lines.map((l, i) => JSON.stringify(resultRecord(l, preds[i]))).join("\n") + "\n")
      );
      // The write chain below awaits it in its turn; this only keeps an early failure from
      // being reported as unhandled before then.
      answer.catch(() => {});
      written = written.then(async () => await out.write(await answer));
      window.push(written);
      if (window.length >= inFlight) await window.shift();
    }
  }
  await written;
}

/**
 * Runs the command: parses `args`, starts the pool on `workerUrl` (workers/classify_worker.ts),
 * classifies and stops the workers. Returns the exit code (2: usage error, 1: a file could not be
 * read or a worker failed; each printed as one line). The caller exits with it: a read of stdin
 * may still be pending when a worker fails.
 */
export async function runClassifyCli(args: string[], workerUrl: URL): Promise<number> {
  let parsed;
  try {
    parsed = parseCommand(CLI_OPTIONS, args, () => undefined);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    console.error(`classify: ${e.message.replaceAll("\n", "; ")}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(helpText(CLI_OPTIONS, USAGE));
    return 0;
  }
  // The pool's first worker loads the model while this thread loads the tokenizer.
  const starting = ClassifyPool.create(values.workers, workerUrl, DEFAULT_MODEL_DIR);
  starting.catch(() => {}); // awaited below; this keeps a failure from being reported unhandled
  let pool: ClassifyPool | undefined;
  const out = Deno.stdout.writable.getWriter();
  try {
    const classifier = await Classifier.load(DEFAULT_MODEL_DIR, {
      model: (batch) => starting.then((p) => p.logits(batch)),
      parallel: values.workers * IN_FLIGHT_PER_WORKER,
      batchSize: BATCH_ROWS,
    });
    pool = await starting;
    await Promise.race([
      classifyStreams(
        sources(positionals),
        (lines) => classifier.classify(lines),
        values.workers * IN_FLIGHT_PER_WORKER,
        out,
      ),
      pool.failed(),
    ]);
    await out.close();
  } catch (e) {
    console.error(`classify: ${(e as Error).message.split("\n")[0]}`);
    return 1;
  } finally {
    await pool?.close();
  }
  return Number(Deno.exitCode);
}
