/**
 * Web Worker hosting incident advice ({@link startAdvice}): opens the same KV store as the
 * main thread and serves the advice inbox. Params (URL search): `kv`, `host`, `model`,
 * `timeoutMs`, `maxPerHour`. Messages: posts `{ ready: true }` once serving, and each advice
 * event as `{ event }`; takes `{ advise: id, force? }`; `"status"` → `{ status }`; on `"stop"`
 * finishes (running answers fall back to the playbook), closes KV, posts `{ stopped: true }`.
 *
 * @module
 */
/// <reference lib="deno.worker" />
import { event } from "../lib/core/log.ts";
import { startAdvice } from "../lib/advice/service.ts";

const params = new URL(import.meta.url).searchParams;
const kv = await Deno.openKv(params.get("kv")!);
const advice = startAdvice(kv, {
  host: params.get("host") ?? "http://127.0.0.1:11434",
  model: params.get("model") ?? "gemma3:4b",
  timeoutMs: Number(params.get("timeoutMs") ?? 120_000),
  maxPerHour: Number(params.get("maxPerHour") ?? 60),
  publish: (event) => globalThis.postMessage({ event }),
});
globalThis.onmessage = async (e) => {
  if (e.data === "stop") {
    await advice.stop();
    kv.close();
    globalThis.postMessage({ stopped: true });
  } else if (e.data === "status") {
    globalThis.postMessage({ status: advice.status() });
  } else if (typeof e.data?.advise === "string") {
    advice.runner.request(e.data.advise, { force: e.data.force === true }).catch((err) =>
      event("advice_error", { error: `advice for ${e.data.advise} failed: ${err}` })
    );
  }
};
globalThis.postMessage({ ready: true });
