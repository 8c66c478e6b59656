/**
 * `deno task bench`: classifier throughput on WASM (one thread in-process, and a pool of Web
 * Workers), beside a PyTorch run of the same weights in the same script; cold start of `deno task
 * classify` to its first result; peak RSS of a classify run. The box is noisy, so the pool and
 * PyTorch on one thread run side by side in {@link ROUNDS} rounds (which goes first alternates),
 * and the ratio is given per round and as the median of the rounds.
 *
 * @module
 */
import { Classifier, DEFAULT_MODEL_DIR } from "../lib/classify/classifier.ts";
import { modelText } from "../lib/classify/line_text.ts";
import { ClassifyPool } from "../lib/classify/pool.ts";
import { generate } from "./gen/corpus.ts";
import { ALL_TEMPLATES } from "./gen/families/mod.ts";

const N = 12_000;
/** Rounds of PyTorch (1 thread) beside the pool of 2 workers. */
const ROUNDS = 3;
const ROOT = new URL("../", import.meta.url).pathname;

/** Distinct lines (distinct after masking, so the cache never answers). */
function benchLines(): string[] {
  const seen = new Set<string>(), out: string[] = [];
  for (const s of generate({ n: N * 2, seed: 4242, templates: ALL_TEMPLATES })) {
    const key = modelText(s.line).text;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(s.line);
    if (out.length === N) break;
  }
  return out;
}

async function timeIt<T>(f: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const r = await f();
  return [r, (performance.now() - t0) / 1000];
}

async function wasmInProcess(lines: string[]): Promise<number> {
  const c = await Classifier.load(DEFAULT_MODEL_DIR, { cacheSize: 0 });
  await c.classify(lines.slice(0, 64).map((l) => l + " warm-up"));
  const [, s] = await timeIt(() => c.classify(lines));
  return lines.length / s;
}

async function wasmPool(lines: string[], size: number): Promise<number> {
  const pool = await ClassifyPool.create(
    size,
    new URL("../workers/classify_worker.ts", import.meta.url),
    DEFAULT_MODEL_DIR,
  );
  const c = await Classifier.load(DEFAULT_MODEL_DIR, {
    model: pool.logits,
    cacheSize: 0,
    parallel: 2 * size,
  });
  await Promise.all(Array.from({ length: size }, () => c.classify(["warm-up line"])));
  const chunks: string[][] = [];
  for (let i = 0; i < lines.length; i += 512) chunks.push(lines.slice(i, i + 512));
  const [, s] = await timeIt(() => Promise.all(chunks.map((l) => c.classify(l))));
  await pool.close();
  return lines.length / s;
}

async function pytorch(textsFile: string, threads: number): Promise<number> {
  const out = await new Deno.Command("/usr/bin/python3", {
    args: [
      `${ROOT}models/train/bench_torch.py`,
      DEFAULT_MODEL_DIR.pathname,
      textsFile,
      String(threads),
    ],
    stderr: "inherit",
  }).output();
  if (!out.success) throw new Error("bench_torch.py failed");
  return JSON.parse(new TextDecoder().decode(out.stdout)).lines_per_s;
}

/** The `deno task classify` line of deno.json, split into its env settings (malloc arenas) and
 * deno's arguments, so the bench measures the CLI as shipped while polling its own PID. */
function classifyTask(): { env: Record<string, string>; args: string[] } {
  const task: string = JSON.parse(Deno.readTextFileSync(`${ROOT}deno.json`)).tasks.classify;
  const words = task.split(/\s+/);
  const env: Record<string, string> = {};
  while (words[0].includes("=")) {
    const [k, v] = words.shift()!.split("=");
    env[k] = v;
  }
  if (words.shift() !== "deno") throw new Error(`unexpected classify task: ${task}`);
  return { env, args: words.map((w) => w.endsWith(".ts") ? `${ROOT}${w}` : w) };
}
const TASK = classifyTask();
const CLI = TASK.args;

/** Seconds from spawning the classify CLI to its first output line. */
async function coldStart(): Promise<number> {
  const t0 = performance.now();
  const child = new Deno.Command("deno", {
    args: CLI,
    env: TASK.env,
    stdin: "piped",
    stdout: "piped",
    stderr: "null",
  }).spawn();
  const w = child.stdin.getWriter();
  await w.write(
    new TextEncoder().encode("Mar  7 04:05:06 web sshd[1]: Invalid user test from 198.51.100.2\n"),
  );
  const reader = child.stdout.getReader();
  await reader.read();
  const s = (performance.now() - t0) / 1000;
  await w.close();
  reader.releaseLock();
  await child.stdout.cancel();
  await child.status;
  return s;
}

/** Peak RSS (VmHWM, MB) and lines/s of the classify CLI over a file. */
async function cliRun(file: string): Promise<{ mb: number; rate: number }> {
  const t0 = performance.now();
  const child = new Deno.Command("deno", {
    args: [...CLI, file],
    env: TASK.env,
    stdout: "null",
    stderr: "null",
  }).spawn();
  let peak = 0;
  const poll = setInterval(() => {
    try {
      const m = Deno.readTextFileSync(`/proc/${child.pid}/status`).match(/VmHWM:\s+(\d+) kB/);
      if (m) peak = Math.max(peak, Number(m[1]) / 1024);
    } catch { /* the process has exited between two polls */ }
  }, 50);
  await child.status;
  clearInterval(poll);
  const lines = (await Deno.readTextFile(file)).split("\n").length - 1;
  return { mb: peak, rate: lines / ((performance.now() - t0) / 1000) };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (x: number) => Math.round(x).toLocaleString("en-US");

const lines = benchLines();
const dir = await Deno.makeTempDir({ prefix: "insyt-bench-" });
const rawFile = `${dir}/lines.log`, textFile = `${dir}/texts.jsonl`;
await Deno.writeTextFile(rawFile, lines.join("\n") + "\n");
await Deno.writeTextFile(
  textFile,
  lines.map((l) => JSON.stringify({ text: modelText(l).text })).join("\n") + "\n",
);
console.log(
  `# INSyT classifier bench: ${lines.length} distinct lines, model ${DEFAULT_MODEL_DIR.pathname}`,
);
console.log(
  `deno ${Deno.version.deno}, ${navigator.hardwareConcurrency} cores; int8 ONNX on onnxruntime-web (WASM, 1 thread per worker)\n`,
);

const rounds: { torch: number; pool: number }[] = [];
for (let r = 0; r < ROUNDS; r++) {
  if (r % 2 === 0) {
    const torch = await pytorch(textFile, 1);
    rounds.push({ torch, pool: await wasmPool(lines, 2) });
  } else {
    const pool = await wasmPool(lines, 2);
    rounds.push({ torch: await pytorch(textFile, 1), pool });
  }
}
const torch1 = median(rounds.map((r) => r.torch));
const pool2 = median(rounds.map((r) => r.pool));
const ratio = median(rounds.map((r) => r.pool / r.torch));
const torch2 = await pytorch(textFile, 2);
const wasm1 = await wasmInProcess(lines);
const colds = [await coldStart(), await coldStart(), await coldStart()];
const cli = await cliRun(rawFile);
await Deno.remove(dir, { recursive: true });

console.log(
  `medians of ${ROUNDS} rounds for PyTorch 1 thread and the 2 workers; other rows one run\n`,
);
console.log("| run | lines/s | vs PyTorch fp32, 1 thread |");
console.log("|---|---|---|");
console.log(`| PyTorch fp32, 1 thread (baseline) | ${fmt(torch1)} | 1.00x |`);
console.log(`| PyTorch fp32, 2 threads | ${fmt(torch2)} | ${(torch2 / torch1).toFixed(2)}x |`);
console.log(`| WASM int8, 1 thread in-process | ${fmt(wasm1)} | ${(wasm1 / torch1).toFixed(2)}x |`);
console.log(`| WASM int8, 2 Web Workers | ${fmt(pool2)} | ${(pool2 / torch1).toFixed(2)}x |`);
console.log(
  `| \`deno task classify\` over the file (2 workers, incl. start-up) | ${fmt(cli.rate)} | ${
    (cli.rate / torch1).toFixed(2)
  }x |`,
);
console.log(
  `\n2 Web Workers against PyTorch fp32 1 thread, side by side per round: ${
    rounds.map((r) => `${fmt(r.pool)} / ${fmt(r.torch)} = ${(r.pool / r.torch).toFixed(2)}x`)
      .join("; ")
  }; median ratio ${ratio.toFixed(2)}x (goal >= 1.5x: ${ratio >= 1.5 ? "met" : "NOT met"})`,
);
console.log(
  `cold start, spawn of the classify CLI to its first result: median ${
    median(colds).toFixed(2)
  } s (runs: ${colds.map((c) => c.toFixed(2)).join(", ")}; target < 1.5 s)`,
);
console.log(
  `peak RSS (VmHWM) of the classify CLI over ${lines.length} lines: ${
    cli.mb ? cli.mb.toFixed(0) + " MB" : "not measured"
  }`,
);
console.log(
  `throughput target >= 1,000 lines/s on WASM: ${pool2 >= 1000 ? "met" : "NOT met"} (2 workers: ${
    fmt(pool2)
  })`,
);
