/**
 * The log-line classifier: the shipped DistilBERT-architecture model run as ONNX on WASM
 * (onnxruntime-web, lib/classify/model.ts), tokenised by transformers.js from local files, with no
 * network. Lines are masked (lib/line_text.ts), de-duplicated through an LRU cache, batched by
 * token length to cut padding, and answered with label, score, all class scores and ATT&CK ids.
 * The model runs in this isolate, or wherever `model` sends the batches (a
 * pool of workers, lib/classify/pool.ts, that hold onnxruntime alone).
 *
 * @module
 */
import type { Attack } from "../core/schemas.ts";
import { type Label, LABELS, TAXONOMY } from "../core/taxonomy.ts";
import { isJunk } from "./junk.ts";
import { modelText } from "./line_text.ts";
import { SettledTemplates } from "./settled.ts";
import { frameIds, lengthBuckets, type LogitsFn, toBatch } from "./runs.ts";

/** The model shipped in the repository. */
export const SHIPPED_MODEL_DIR = new URL("../../models/insyt-tiny/", import.meta.url);

/** The model to load: `INSYT_MODEL_DIR` (a directory with the same files) or the shipped one. */
export const DEFAULT_MODEL_DIR: URL = modelDirFromEnv() ?? SHIPPED_MODEL_DIR;

function modelDirFromEnv(): URL | undefined {
  const dir =
    Deno.permissions.querySync({ name: "env", variable: "INSYT_MODEL_DIR" }).state === "granted"
      ? Deno.env.get("INSYT_MODEL_DIR")
      : undefined;
  return dir ? new URL(`file://${Deno.realPathSync(dir)}/`) : undefined;
}

/**
 * Most lines of waiting calls merged into one: a queue worker's backlog of 1,800 batches was
 * otherwise merged into one call, and no batch reached its commit until all were classified;
 * in pieces, the commits of one piece run while the next is classified.
 */
const MAX_MERGED = 2000;

/** One classified line. */
export interface Prediction {
  /** The verdict, by {@link decide}'s rule. */
  label: Label;
  /** Probability of `label`. */
  score: number;
  /** Probability of every class. */
  scores: Record<Label, number>;
  /** ATT&CK tactic and technique ids of `label` (empty for benign). */
  attack: Attack;
  /** True when the line was longer than the model reads and its middle was cut. */
  truncated: boolean;
  /** True when the line is not text (lib/classify/junk.ts): benign, never an attack class. */
  junk?: boolean;
}

/** Options for {@link Classifier.load}. */
export interface ClassifierOptions {
  /** Use the int8 model (default true; the fp32 one is kept for parity checks). */
  quantized?: boolean;
  /** WASM threads (default 1: multi-threaded WASM occasionally hung here; scale with workers). */
  threads?: number;
  /** Most distinct masked lines remembered (default 50,000). */
  cacheSize?: number;
  /**
   * Clearly benign distinct lines after which a template is answered without the model
   * (lib/classify/settled.ts; default 0: every distinct line goes to the model).
   */
  settleAfter?: number;
  /** Most lines per ONNX run (default 64). */
  batchSize?: number;
  /** Runs the model elsewhere (e.g. `pool.logits`); default: loaded in this isolate. */
  model?: LogitsFn;
  /**
   * Calls classified at once (default 1: calls made while one runs wait and are merged, since
   * one in-process session runs one batch at a time). A pool of N workers wants about 2N.
   */
  parallel?: number;
}

/** One distinct model text to judge: its framed ids and the input lines it answers. */
type Job = [text: string, job: { ids: number[]; truncated: boolean; at: number[] }];

interface Tokenizer {
  encode(text: string, opts: { add_special_tokens: boolean }): number[];
}

/**
 * transformers.js' web build. Its package exports give Deno, which resolves npm packages with
 * the "node" condition, the Node build, which loads sharp and onnxruntime-node at import
 * (measured: the classify CLI peaked at 350-376 MB with it); INSyT tokenises only and runs
 * onnxruntime-web itself. The web build sits beside the Node build in the package.
 */
const TRANSFORMERS_WEB = new URL(
  "transformers.web.js",
  import.meta.resolve("@huggingface/transformers"),
);

async function loadTokenizer(dir: URL): Promise<Tokenizer> {
  // transformers.js takes the ONNX runtime found here instead of setting up the one it bundles; it
  // only tokenises for INSyT, so an empty one keeps its runtime out of this isolate.
  (globalThis as Record<symbol, unknown>)[Symbol.for("onnxruntime")] ??= {};
  // In a Web Worker started from a file: URL, `location.origin` is the string "null", and
  // the ONNX bundle that transformers.js imports resolves its own URL against it and throws.
  // Hide `location` while the module evaluates (we never use transformers.js's runtime).
  const hidden = typeof location !== "undefined" && location.origin === "null" &&
    Object.getOwnPropertyDescriptor(globalThis, "location");
  if (hidden) {
    Object.defineProperty(globalThis, "location", { value: undefined, configurable: true });
  }
  const tf: typeof import("@huggingface/transformers") = await import(TRANSFORMERS_WEB.href)
    .finally(() => {
      if (hidden) Object.defineProperty(globalThis, "location", hidden);
    });
  // Built from the files directly, the way AutoTokenizer picks the class: nothing is fetched.
  const [json, config] = await Promise.all(
    ["tokenizer.json", "tokenizer_config.json"].map(async (f) =>
      JSON.parse(await Deno.readTextFile(new URL(f, dir)))
    ),
  );
  const name = String(config.tokenizer_class ?? "").replace(/Fast$/, "") as keyof typeof tf;
  const Tok =
    (typeof tf[name] === "function"
      ? tf[name]
      : tf.PreTrainedTokenizer) as typeof tf.PreTrainedTokenizer;
  return new Tok(json, config) as unknown as Tokenizer;
}

/** Runs the model over log lines. Load once, call {@link classify} many times. */
export class Classifier {
  #model: LogitsFn;
  #tok: Tokenizer;
  #maxLen: number;
  #tail: number;
  #benignThreshold: number;
  #temperature: number;
  #batch: number;
  #cache = new Map<string, Prediction>();
  #waiting: {
    lines: string[];
    resolve: (p: Prediction[]) => void;
    reject: (e: unknown) => void;
  }[] = [];
  #running = 0;
  #parallel: number;
  #cacheSize: number;
  #settled: SettledTemplates;
  /** Resolves when the next model run of this classifier ends (held texts wait on it). */
  #judged: Promise<void>;
  #judgedNow!: () => void;

  private constructor(
    model: LogitsFn,
    tok: Tokenizer,
    config: {
      max_position_embeddings: number;
      insyt_tail_tokens: number;
      insyt_benign_threshold?: number;
      insyt_temperature?: number;
    },
    o: ClassifierOptions,
  ) {
    this.#model = model;
    this.#tok = tok;
    this.#maxLen = config.max_position_embeddings;
    this.#tail = config.insyt_tail_tokens;
    this.#benignThreshold = config.insyt_benign_threshold ?? 0.5;
    this.#temperature = config.insyt_temperature ?? 1;
    this.#batch = o.batchSize ?? 64;
    this.#cacheSize = o.cacheSize ?? 50_000;
    this.#parallel = o.parallel ?? 1;
    this.#settled = new SettledTemplates({
      after: o.settleAfter ?? 0,
      threshold: this.#benignThreshold,
      size: this.#cacheSize,
    });
    this.#judged = new Promise((r) => this.#judgedNow = r);
  }

  /**
   * Loads the model and tokenizer from `dir` (default: the shipped model).
   * @example const c = await Classifier.load(); const [p] = await c.classify(["sshd[1]: Invalid user x from 1.2.3.4"]);
   */
  static async load(dir: URL = DEFAULT_MODEL_DIR, o: ClassifierOptions = {}): Promise<Classifier> {
    const config = JSON.parse(await Deno.readTextFile(new URL("config.json", dir)));
    // Imported only when the model runs here: an isolate that only tokenises never loads
    // onnxruntime (measured: its JS alone is about 11 MB of RSS).
    const [model, tok] = await Promise.all([
      o.model ?? import("./model.ts").then((m) => m.loadModel(dir, o)),
      loadTokenizer(dir),
    ]);
    return new Classifier(model, tok, config, o);
  }

  /** Token ids the model reads for `line` (masked, framed, cut to the model's length). */
  encode(line: string): { ids: number[]; truncated: boolean } {
    return this.#encodeText(modelText(line));
  }

  #encodeText(mt: ReturnType<typeof modelText>): { ids: number[]; truncated: boolean } {
    const ids = this.#tok.encode(mt.text, { add_special_tokens: false });
    const framed = frameIds(ids, this.#maxLen, this.#tail);
    return { ids: framed.ids, truncated: framed.truncated || mt.truncated };
  }

  /** Raw logits for already-framed id sequences (one row per sequence). */
  async logits(seqs: number[][]): Promise<Float32Array[]> {
    const data = await this.#model(toBatch(seqs));
    const n = LABELS.length;
    return seqs.map((_, r) => data.slice(r * n, (r + 1) * n));
  }

  /**
   * Classifies lines; results come back in input order. An ONNX session on WASM runs one
   * batch at a time, so calls made while `parallel` calls run wait and are then classified
   * together, up to {@link MAX_MERGED} lines: more lines per run sort into better-filled length
   * buckets (concurrent queue handlers call this).
   */
  classify(lines: string[]): Promise<Prediction[]> {
    return new Promise((resolve, reject) => {
      this.#waiting.push({ lines, resolve, reject });
      if (this.#running < this.#parallel) void this.#drain();
    });
  }

  async #drain() {
    this.#running++;
    while (this.#waiting.length) {
      let lines = this.#waiting[0].lines.length, k = 1;
      while (k < this.#waiting.length && lines + this.#waiting[k].lines.length <= MAX_MERGED) {
        lines += this.#waiting[k++].lines.length;
      }
      const calls = this.#waiting.splice(0, k);
      try {
        const preds = await this.#classifyNow(calls.flatMap((c) => c.lines));
        let at = 0;
        for (const c of calls) c.resolve(preds.slice(at, at += c.lines.length));
      } catch (e) {
        for (const c of calls) c.reject(e);
      }
    }
    this.#running--;
  }

  async #classifyNow(lines: string[]): Promise<Prediction[]> {
    const out: Prediction[] = new Array(lines.length);
    const todo = new Map<string, { ids: number[]; truncated: boolean; at: number[] }>();
    lines.forEach((line, i) => {
      if (isJunk(line)) return void (out[i] = JUNK);
      const mt = modelText(line), key = mt.text;
      if (key === "") return void (out[i] = EMPTY);
      const hit = this.#cache.get(key);
      if (hit) {
        this.#cache.delete(key); // refresh its LRU position
        this.#cache.set(key, hit);
        out[i] = hit;
        return;
      }
      const pending = todo.get(key);
      if (pending) return void pending.at.push(i);
      const settled = this.#settled.answer(key);
      if (settled) return void (out[i] = { ...settled, truncated: mt.truncated });
      todo.set(key, { ...this.#encodeText(mt), at: [i] });
    });
    // Texts whose template may settle on the verdicts being given wait for them (settled.ts).
    let pending = [...todo.entries()];
    while (pending.length) {
      const now: Job[] = [], held: Job[] = [];
      for (const j of pending) (this.#settled.claim(j[0]) ? now : held).push(j);
      if (now.length) await this.#judge(now, out);
      else await this.#judged; // every held text's template is being judged by another call
      pending = [];
      for (const [key, job] of held) {
        const settled = this.#cache.get(key) ?? this.#settled.answer(key);
        if (!settled) pending.push([key, job]);
        else for (const i of job.at) out[i] = { ...settled, truncated: job.truncated };
      }
    }
    return out;
  }

  /** Runs the model over claimed texts, puts the verdicts into `out` and both caches. */
  async #judge(jobs: Job[], out: Prediction[]): Promise<void> {
    jobs.sort((a, b) => a[1].ids.length - b[1].ids.length);
    try {
      // All runs are sent at once: a pool spreads them over its workers, a session queues them.
      await Promise.all(
        lengthBuckets(jobs, (j) => j[1].ids.length, this.#batch).map(async (chunk) => {
          const logits = await this.logits(chunk.map(([, j]) => j.ids));
          chunk.forEach(([key, job], r) => {
            const p = predict(logits[r], job.truncated, this.#benignThreshold, this.#temperature);
            for (const i of job.at) out[i] = p;
            this.#learn(key, p);
          });
        }),
      );
    } finally {
      for (const [key] of jobs) this.#settled.release(key);
      this.#judgedNow();
      this.#judged = new Promise((r) => this.#judgedNow = r);
    }
  }

  /** Puts the model's verdict on a distinct text into both caches. */
  #learn(key: string, p: Prediction) {
    this.#settled.learn(key, p);
    this.#cache.set(key, p);
    if (this.#cache.size > this.#cacheSize) this.#cache.delete(this.#cache.keys().next().value!);
  }
}

const EMPTY: Prediction = {
  label: "benign",
  score: 1,
  scores: Object.fromEntries(LABELS.map((l) => [l, l === "benign" ? 1 : 0])) as Record<
    Label,
    number
  >,
  attack: { tactics: [], techniques: [] },
  truncated: false,
};

const JUNK: Prediction = { ...EMPTY, junk: true };

/**
 * The decision rule (mirrored in models/train/evaluate.py): a line is benign only when
 * P(benign) >= `benignThreshold`; otherwise it gets the most likely attack class. A
 * threshold above 0.5 trades a little false-positive rate for attack recall.
 */
export function decide(probs: number[], benignThreshold: number): number {
  if (probs[0] >= benignThreshold) return 0;
  let best = 1;
  for (let i = 2; i < probs.length; i++) if (probs[i] > probs[best]) best = i;
  return best;
}

/**
 * Label and scores for one row of logits. The scores are softmax(logits / temperature), the
 * temperature fitted on real validation lines at training time (config.json
 * `insyt_temperature`, models/train/calibrate.py), so a score of 0.9 is right about 9 times in
 * 10 there.
 */
export function predict(
  logits: Float32Array,
  truncated: boolean,
  benignThreshold: number,
  temperature = 1,
): Prediction {
  const max = Math.max(...logits);
  const exps = Array.from(logits, (x) => Math.exp((x - max) / temperature));
  const sum = exps.reduce((a, b) => a + b, 0);
  const best = decide(exps.map((e) => e / sum), benignThreshold);
  const label = LABELS[best];
  const { tactics, techniques } = TAXONOMY[label];
  return {
    label,
    score: exps[best] / sum,
    scores: Object.fromEntries(LABELS.map((l, i) => [l, exps[i] / sum])) as Record<Label, number>,
    attack: { tactics, techniques },
    truncated,
  };
}
