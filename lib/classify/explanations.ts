/**
 * "Why this verdict" for stored detections: the explanation of a detection's line
 * (lib/classify/explain.ts) computed on demand, cached in KV under `K.explanation(id)` for as
 * long as the detection lives, so asking twice runs the model once. The classifier is loaded
 * on the first request, not at start-up (with worker threads the main process has none).
 *
 * @example const ex = new Explainer(kv, { retentionMs }); const r = await ex.explain(id);
 * @module
 */
import { K } from "../core/kv_keys.ts";
import { event } from "../core/log.ts";
import type { Detection, Explanation } from "../core/schemas.ts";
import { DETECTION_ID } from "../store/detections.ts";
import { Classifier } from "./classifier.ts";
import { explainLine } from "./explain.ts";

/** Options of {@link Explainer}. */
export interface ExplainerOptions {
  /** How long detections live (ms): an explanation expires with its detection. */
  retentionMs: number;
  /** The classifier to use (default: the shipped model, loaded on the first explanation). */
  classifier?: () => Promise<Classifier>;
}

/** A detection with its explanation. */
export interface Explained {
  /** The stored detection. */
  detection: Detection;
  /** Its token weights. */
  explanation: Explanation;
  /** True when the explanation came from KV (no model run). */
  cached: boolean;
}

/** The shipped classifier, loaded once on first use; a failed load is retried next time. */
function lazyClassifier(): () => Promise<Classifier> {
  let loading: Promise<Classifier> | undefined;
  return () =>
    loading ??= (async () => {
      const t0 = performance.now(), rss0 = Deno.memoryUsage().rss;
      const c = await Classifier.load();
      event("explain_model_loaded", {
        ms: Math.round(performance.now() - t0),
        rssMB: Math.round((Deno.memoryUsage().rss - rss0) / 1e6),
      });
      return c;
    })().catch((e) => {
      loading = undefined;
      throw e;
    });
}

/** Explanations waiting for the model past which new ones are refused (each takes ~1 s). */
export const MAX_WAITING = 8;

/** Too many explanations are waiting for the model: retry later. */
export class ExplainBusy extends Error {}

/**
 * Explains stored detections, caching each answer in KV. The model runs one explanation at a
 * time on the main thread (each takes about a second of CPU, let through in slices), and at
 * most {@link MAX_WAITING} wait: anyone who can reach the API cannot queue up unbounded work.
 */
export class Explainer {
  /** The model's turn: explanations run one after another. */
  #turn: Promise<unknown> = Promise.resolve();
  #kv: Deno.Kv;
  #retentionMs: number;
  #classifier: () => Promise<Classifier>;
  /** Explanations being computed: concurrent requests for one detection share a model run. */
  #running = new Map<string, Promise<Explained | null>>();

  /** Explains detections stored in `kv`; the classifier is loaded on first use. */
  constructor(kv: Deno.Kv, o: ExplainerOptions) {
    this.#kv = kv;
    this.#retentionMs = o.retentionMs;
    this.#classifier = o.classifier ?? lazyClassifier();
  }

  /** The detection `id` with its explanation; null when there is no such detection. */
  explain(id: string): Promise<Explained | null> {
    if (!DETECTION_ID.test(id)) return Promise.resolve(null);
    const running = this.#running.get(id);
    if (running) return running;
    if (this.#running.size >= MAX_WAITING) {
      return Promise.reject(new ExplainBusy("too many explanations waiting, retry later"));
    }
    const p = this.#explain(id).finally(() => this.#running.delete(id));
    this.#running.set(id, p);
    return p;
  }

  async #explain(id: string): Promise<Explained | null> {
    const [det, cached] = await this.#kv.getMany<[Detection, Explanation]>([
      K.detection(id),
      K.explanation(id),
    ]);
    if (!det.value) return null;
    if (cached.value) return { detection: det.value, explanation: cached.value, cached: true };
    const d = det.value;
    const run = this.#turn.then(async () => explainLine(await this.#classifier(), d.line, d.label));
    this.#turn = run.catch(() => {});
    const e = await run;
    const explanation: Explanation = { detectionId: id, ...e, computedAt: Date.now() };
    // The detection was written with expireIn = retention at classification time.
    const expireIn = Math.max(60_000, d.classifiedAt + this.#retentionMs - Date.now());
    await this.#kv.set(K.explanation(id), explanation, { expireIn });
    return { detection: d, explanation, cached: false };
  }
}
