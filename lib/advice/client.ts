/**
 * The Ollama side of advice, through `npm:ollama`: streams a chat answer as text deltas,
 * probes whether the server is up and has the model, and keeps the status `/api/health`
 * shows. The client library has no timeout of its own, so every request goes through a
 * `fetch` that adds `AbortSignal.timeout`. Failures are classified ({@link AdviceError}) so
 * the runner knows whether to retry, wait for recovery or give up on this version.
 *
 * @module
 */
import { Ollama } from "ollama";
import type { ChatMessage } from "./prompt.ts";
import { garbageReason, MAX_ANSWER_CHARS } from "./output.ts";

/** Why a call gave no usable advice. */
export type FailureKind =
  | "unreachable"
  | "timeout"
  | "missing_model"
  | "dropped"
  | "garbage"
  | "http"
  | "budget"
  /** The service stopped during the call; resumed at the next start. */
  | "stopped";

/** A failed advice call, with what the runner should do about it. */
export class AdviceError extends Error {
  /** `status`: the HTTP status, when the server answered with an error. */
  constructor(readonly kind: FailureKind, message: string, readonly status?: number) {
    super(message);
    this.name = "AdviceError";
  }
  /** Worth another try after a backoff (the server answered but this call failed). */
  get retryable(): boolean {
    return this.kind === "timeout" || this.kind === "dropped" || this.kind === "garbage" ||
      (this.kind === "http" && (this.status ?? 500) >= 500);
  }
  /**
   * Worth trying again once the server, its model or the budget is back. Not garbage (the
   * same server would write it again) and not a timeout (the server is up, only too slow:
   * asking again every recheck would keep its CPU busy for nothing).
   */
  get waitsForRecovery(): boolean {
    return this.kind === "unreachable" || this.kind === "missing_model" ||
      this.kind === "budget" || this.kind === "dropped" || (this.kind === "http" && this.retryable);
  }
}

/** What `/api/health` shows of the advice backend. */
export interface BackendStatus {
  /** The one backend there is. */
  backend: "ollama";
  /** The Ollama server, as configured. */
  host: string;
  /** The model asked for. */
  model: string;
  /** null until the first probe or call. */
  up: boolean | null;
  /** Whether the server has the model (null until known). */
  modelPresent: boolean | null;
  /** Message of the last failed probe or call (null until one fails). */
  lastError: string | null;
  /** When a probe found the model or a call succeeded, last (epoch ms; null before). */
  lastOkAt: number | null;
}

/** What the runner needs from a language-model backend. */
export interface AdviceModel {
  /** The model's name, stored with its advice. */
  readonly model: string;
  /** The status now (a copy), without a request. */
  status(): BackendStatus;
  /** Asks the server whether it is up and has the model; never throws. */
  probe(): Promise<BackendStatus>;
  /** The answer as text deltas; throws {@link AdviceError}. */
  stream(messages: ChatMessage[], signal?: AbortSignal): AsyncIterable<string>;
}

/** Where the Ollama server is, which model to ask, and how long to wait. */
export interface OllamaClientOptions {
  /** As Ollama's own OLLAMA_HOST: "host:port" or a URL. */
  host: string;
  /** The model's name on the server (as `ollama pull` names it). */
  model: string;
  /** Longest one chat call may take, streaming included. */
  timeoutMs: number;
  /** Longest a probe (/api/tags, /api/show) may take. */
  probeTimeoutMs?: number;
  /** Longest answer accepted (characters, default {@link MAX_ANSWER_CHARS}): longer is garbage. */
  maxChars?: number;
  /** Sampling options passed to Ollama. */
  options?: { temperature?: number; num_predict?: number };
}

/** `fetch` with a deadline on the whole exchange, body included. */
function timedFetch(ms: number): typeof fetch {
  return (input, init) => {
    const deadline = AbortSignal.timeout(ms);
    const signal = init?.signal ? AbortSignal.any([init.signal, deadline]) : deadline;
    return fetch(input, { ...init, signal });
  };
}

/** The {@link AdviceModel} backed by an Ollama server. */
export class OllamaClient implements AdviceModel {
  /** The model asked for. */
  readonly model: string;
  #chat: Ollama;
  #probe: Ollama;
  #opts: OllamaClientOptions;
  #status: BackendStatus;

  /** Makes no request: the first probe or call finds out whether the server is up. */
  constructor(opts: OllamaClientOptions) {
    this.#opts = opts;
    this.model = opts.model;
    this.#chat = new Ollama({ host: opts.host, fetch: timedFetch(opts.timeoutMs) });
    this.#probe = new Ollama({ host: opts.host, fetch: timedFetch(opts.probeTimeoutMs ?? 5000) });
    this.#status = {
      backend: "ollama",
      host: opts.host,
      model: opts.model,
      up: null,
      modelPresent: null,
      lastError: null,
      lastOkAt: null,
    };
  }

  status(): BackendStatus {
    return { ...this.#status };
  }

  async probe(): Promise<BackendStatus> {
    try {
      const { models } = await this.#probe.list();
      const names = new Set(models.flatMap((m) => [m.name, m.model]));
      let present = names.has(this.model) || names.has(`${this.model}:latest`);
      if (!present) {
        // An alias or a digest the tag list spells differently: ask for the model itself.
        present = await this.#probe.show({ model: this.model }).then(() => true, () => false);
      }
      this.#record(true, present, present ? null : `model ${this.model} not on the server`);
    } catch (e) {
      this.#record(false, this.#status.modelPresent, classify(e, false).message);
    }
    return this.status();
  }

  async *stream(messages: ChatMessage[], signal?: AbortSignal): AsyncIterable<string> {
    const max = this.#opts.maxChars ?? MAX_ANSWER_CHARS;
    const started = Date.now();
    let text = "";
    try {
      const parts = await this.#chat.chat({
        model: this.model,
        messages,
        stream: true,
        options: { temperature: 0.2, num_predict: 900, ...this.#opts.options },
      });
      const abort = () => parts.abort();
      signal?.addEventListener("abort", abort, { once: true });
      try {
        for await (const part of parts) {
          const delta: unknown = part?.message?.content;
          if (typeof delta !== "string") {
            parts.abort();
            throw new AdviceError("garbage", `answer is not text (${typeof delta})`);
          }
          text += delta;
          if (text.length > max) {
            parts.abort();
            throw new AdviceError("garbage", `answer longer than ${max} characters`);
          }
          if (delta) yield delta;
        }
      } finally {
        // Also ends the HTTP exchange when the consumer stops reading early.
        signal?.removeEventListener("abort", abort);
        parts.abort();
      }
      const bad = garbageReason(text, max);
      if (bad) throw new AdviceError("garbage", bad);
      this.#record(true, true, null);
    } catch (e) {
      const err = classify(e, text.length > 0, Date.now() - started >= this.#opts.timeoutMs);
      if (err.kind === "unreachable") this.#record(false, this.#status.modelPresent, err.message);
      else if (err.kind === "missing_model") this.#record(true, false, err.message);
      else this.#record(this.#status.up, this.#status.modelPresent, err.message);
      throw err;
    }
  }

  #record(up: boolean | null, modelPresent: boolean | null, error: string | null): void {
    this.#status.up = up;
    this.#status.modelPresent = modelPresent;
    if (error) this.#status.lastError = error;
    else this.#status.lastOkAt = Date.now();
  }
}

/** Maps what fetch and ollama-js throw onto a {@link FailureKind}. */
function classify(e: unknown, midStream: boolean, pastDeadline = false): AdviceError {
  if (e instanceof AdviceError) return e;
  const err = e as { name?: string; message?: string; status_code?: number };
  const msg = String(err?.message ?? e).slice(0, 300);
  if (err?.name === "TimeoutError" || pastDeadline) {
    return new AdviceError("timeout", `timed out: ${msg}`);
  }
  if (typeof err?.status_code === "number") {
    return err.status_code === 404
      ? new AdviceError("missing_model", msg, 404)
      : new AdviceError("http", `HTTP ${err.status_code}: ${msg}`, err.status_code);
  }
  if (
    midStream || /did not receive done|error reading a body|connection (reset|closed)/i.test(msg)
  ) {
    return new AdviceError("dropped", `stream dropped: ${msg}`);
  }
  if (err?.name === "TypeError" || /connect|refused|fetch failed|dns/i.test(msg)) {
    return new AdviceError("unreachable", `unreachable: ${msg}`);
  }
  return new AdviceError("dropped", msg);
}
