/**
 * A fake Ollama server for tests: `Deno.serve` on 127.0.0.1 (port 0 unless given) speaking the
 * parts of Ollama's HTTP API that INSyT uses: `POST /api/chat` and `POST /api/generate`
 * (NDJSON streaming by default, one JSON object with `stream: false`), `GET /api/tags`,
 * `POST /api/show`, `GET /api/version`, with JSON `{"error"}` bodies as the real server sends.
 * Modes: `normal`; `slow` (half the answer, then silence until the client gives up);
 * `drop` (half the answer, then the stream ends without `done`); `missing` (the model is not
 * pulled: absent from the tags, 404 on show and chat); `garbage` (see {@link Garbage}).
 * "Down" is {@link FakeOllama.close}; {@link startFakeOllama} on the same port brings it back.
 *
 * @module
 */

/** How the fake misbehaves. */
export type FakeMode = "normal" | "slow" | "drop" | "missing" | "garbage";
/** What `garbage` mode answers: binary junk, nothing, a non-string content, or 100k chars. */
export type Garbage = "binary" | "empty" | "number" | "huge";

export interface FakeOllamaOptions {
  port?: number;
  mode?: FakeMode;
  garbage?: Garbage;
  /** The model the server has pulled. */
  model?: string;
  /** The answer, streamed word by word. */
  answer?: string;
  /** Pause between streamed chunks (ms). */
  chunkMs?: number;
}

/** A running fake; `mode`, `garbage` and `answer` may be changed between calls. */
export interface FakeOllama {
  url: string;
  port: number;
  opts: Required<Omit<FakeOllamaOptions, "port">>;
  /** Every chat/generate request body received, in order. */
  requests: { path: string; body: Record<string, unknown> }[];
  /** Most answer streams open at once so far. */
  peakStreams(): number;
  close(): Promise<void>;
}

/** The default answer: a short plan in the sections the prompt asks for. */
export const FAKE_ANSWER = "## Assessment\nThe lines show a password brute force against sshd " +
  "from one address.\n\n## Containment\n- Block the address at the firewall.\n\n" +
  "## Eradication\n- Disable password logins.\n\n## Recovery\n- Reset targeted accounts.\n";

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Starts the fake server. */
export function startFakeOllama(options: FakeOllamaOptions = {}): FakeOllama {
  const opts = {
    mode: options.mode ?? "normal",
    garbage: options.garbage ?? "binary",
    model: options.model ?? "gemma3:4b",
    answer: options.answer ?? FAKE_ANSWER,
    chunkMs: options.chunkMs ?? 2,
  };
  const requests: FakeOllama["requests"] = [];
  // Open answer streams, ended on close so the server can shut down at once: a client
  // that aborts mid-stream does not always make Deno cancel the response body (measured:
  // after ~60 chunks through ollama-js it streamed on to the end).
  const open = new Set<ReadableStreamDefaultController>();
  let peak = 0;
  const present = (name: unknown) =>
    opts.mode !== "missing" && (name === opts.model || `${name}:latest` === opts.model);

  function end(ctl: ReadableStreamDefaultController) {
    open.delete(ctl);
    ctl.close();
  }

  function chunks(): unknown[] {
    if (opts.mode !== "garbage") return opts.answer.split(/(?<= )/);
    switch (opts.garbage) {
      case "binary":
        return Array.from({ length: 40 }, (_, i) => String.fromCharCode(i % 9, 0xfffd, 7));
      case "empty":
        return ["", " ", "\n"];
      case "number":
        return [4, 2];
      case "huge":
        return Array.from({ length: 100 }, () => "word ".repeat(200));
    }
  }

  function reply(path: string, model: string, body: Record<string, unknown>): Response {
    const chat = path === "/api/chat";
    const part = (content: unknown, done: boolean) => ({
      model,
      created_at: new Date().toISOString(),
      ...(chat ? { message: { role: "assistant", content } } : { response: content }),
      done,
      ...(done
        ? { done_reason: "stop", total_duration: 1_000_000, eval_count: 10, eval_duration: 1 }
        : {}),
    });
    const all = chunks();
    if (body.stream === false) {
      const text = all.every((c) => typeof c === "string") ? all.join("") : all[0];
      return json(part(text, true));
    }
    const enc = new TextEncoder();
    const half = Math.ceil(all.length / 2);
    let i = 0, controller: ReadableStreamDefaultController;
    return new Response(
      new ReadableStream({
        start(ctl) {
          controller = ctl;
          open.add(ctl);
          peak = Math.max(peak, open.size);
        },
        async pull(ctl) {
          await sleep(opts.chunkMs);
          if (!open.has(ctl)) return;
          if ((opts.mode === "slow" || opts.mode === "drop") && i === half) {
            if (opts.mode === "drop") return end(ctl);
            return await new Promise(() => {}); // silence: never another byte
          }
          if (i < all.length) ctl.enqueue(enc.encode(JSON.stringify(part(all[i++], false)) + "\n"));
          else {
            ctl.enqueue(enc.encode(JSON.stringify(part("", true)) + "\n"));
            end(ctl);
          }
        },
        cancel() {
          open.delete(controller);
        },
      }),
      { headers: { "content-type": "application/x-ndjson" } },
    );
  }

  const server = Deno.serve(
    { hostname: "127.0.0.1", port: options.port ?? 0, onListen: () => {} },
    async (req) => {
      const path = new URL(req.url).pathname;
      if (req.method === "GET" && path === "/api/version") return json({ version: "0.12.6" });
      if (req.method === "GET" && path === "/api/tags") {
        return json({
          models: opts.mode === "missing" ? [] : [{
            name: opts.model,
            model: opts.model,
            modified_at: new Date().toISOString(),
            size: 3_338_801_804,
            digest: "a2af6cc3eb7fa8be8504abaf9b04e88f17a119ec3f04a3addf55f92841195f5a",
            details: { format: "gguf", family: "gemma3", parameter_size: "4.3B" },
          }],
        });
      }
      if (req.method !== "POST") return json({ error: "method not allowed" }, 405);
      const body = await req.json().catch(() => null) as Record<string, unknown> | null;
      if (!body) return json({ error: "invalid JSON body" }, 400);
      const model = String(body.model ?? "");
      if (path === "/api/show") {
        return present(model)
          ? json({
            modelfile: `FROM ${model}`,
            parameters: "temperature 1",
            template: "{{ .Prompt }}",
            details: { format: "gguf", family: "gemma3", parameter_size: "4.3B" },
            model_info: {},
            capabilities: ["completion"],
          })
          : json({ error: `model '${model}' not found` }, 404);
      }
      if (path !== "/api/chat" && path !== "/api/generate") {
        return json({ error: "not found" }, 404);
      }
      requests.push({ path, body });
      if (!present(model)) {
        return json({ error: `model "${model}" not found, try pulling it first` }, 404);
      }
      return reply(path, model, body);
    },
  );
  const port = server.addr.port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    opts,
    requests,
    peakStreams: () => peak,
    async close() {
      for (const ctl of open) ctl.close();
      open.clear();
      await server.shutdown();
    },
  };
}
