/**
 * workers/advice.ts as main.ts starts it: a real Web Worker on a KV file, fed through the
 * KV inbox and by message, against the fake Ollama server; status lands in KV for /api/health.
 *
 * @module
 */
import assert from "node:assert/strict";
import { K } from "../lib/core/kv_keys.ts";
import { type Advice } from "../lib/core/schemas.ts";
import { readAdviceStatus, requestAdvice } from "../lib/advice/kv_store.ts";
import { FAKE_ANSWER, startFakeOllama } from "./fake_ollama.ts";
import { incidentFixture } from "./incident_fixture.ts";

function reply(w: Worker, key: string): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const on = (e: MessageEvent) => {
      if (e.data?.[key] !== undefined) {
        w.removeEventListener("message", on);
        resolve(e.data);
      }
    };
    w.addEventListener("message", on);
    w.onerror = (e) => reject(new Error(e.message));
  });
}

Deno.test("Advice worker - inbox, message and half-written answers end in model advice; stop answers stopped", async () => {
  const dir = await Deno.makeTempDir();
  const fake = startFakeOllama();
  const kv = await Deno.openKv(`${dir}/insyt.kv`);
  // An answer cut off when an earlier process stopped mid-stream.
  const c = incidentFixture({ id: "0mg4x1b00-cccccccc" });
  await kv.set(K.incident(c.id), c);
  await kv.set(K.adviceFor(c.id), {
    source: "llm",
    markdown: "## Assess",
    version: 1,
    complete: false,
    updatedAt: 0,
  });
  const url = new URL("../workers/advice.ts", import.meta.url);
  url.searchParams.set("kv", `${dir}/insyt.kv`);
  url.searchParams.set("host", fake.url);
  url.searchParams.set("model", "gemma3:4b");
  url.searchParams.set("timeoutMs", "2000");
  const worker = new Worker(url, { type: "module" });
  try {
    const events: { type: string }[] = [];
    worker.addEventListener("message", (e) => e.data?.event && events.push(e.data.event));
    await reply(worker, "ready");
    const a = incidentFixture(), b = incidentFixture({ id: "0mg4x1b00-bbbbbbbb" });
    await kv.set(K.incident(a.id), a);
    await kv.set(K.incident(b.id), b);
    await requestAdvice(kv, a.id);
    worker.postMessage({ advise: b.id });
    const end = Date.now() + 30_000;
    const done = async (id: string) => {
      const v = (await kv.get<Advice>(K.adviceFor(id))).value;
      return v?.source === "llm" && v.complete;
    };
    while (!(await done(a.id) && await done(b.id) && await done(c.id))) {
      assert.ok(Date.now() < end, "advice did not arrive");
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.equal((await kv.get<Advice>(K.adviceFor(a.id))).value?.markdown, FAKE_ANSWER);
    assert.equal((await kv.get(K.adviceRequest(a.id))).value, null, "inbox entry taken");
    assert.ok(events.some((e) => e.type === "advice.delta"));
    worker.postMessage("stop");
    assert.equal((await reply(worker, "stopped")).stopped, true);
    const status = await readAdviceStatus(kv);
    assert.equal(status?.backend, "ollama");
    assert.equal(status?.up, true);
    assert.equal(status?.modelPresent, true);
    assert.equal(status?.model, "gemma3:4b");
    assert.equal(status?.callsLastHour, 3);
  } finally {
    worker.terminate();
    kv.close();
    await fake.close();
    await Deno.remove(dir, { recursive: true });
  }
});
