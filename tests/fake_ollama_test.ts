/**
 * The fake Ollama server speaks the API the real `npm:ollama` client expects: chat and
 * generate, streamed and not, tags, show, and the real server's 404 for a missing model.
 *
 * @module
 */
import assert from "node:assert/strict";
import { Ollama } from "ollama";
import { FAKE_ANSWER, startFakeOllama } from "./fake_ollama.ts";

Deno.test("Fake Ollama - chat and generate, streamed (NDJSON) and with stream:false", async () => {
  const fake = startFakeOllama();
  try {
    const o = new Ollama({ host: fake.url });
    const messages = [{ role: "user", content: "hi" }];
    const chat = await o.chat({ model: "gemma3:4b", messages, stream: false });
    assert.equal(chat.message.content, FAKE_ANSWER);
    assert.equal(chat.done, true);
    let streamed = "", parts = 0;
    for await (const p of await o.chat({ model: "gemma3:4b", messages, stream: true })) {
      streamed += p.message.content;
      parts++;
    }
    assert.equal(streamed, FAKE_ANSWER);
    assert.ok(parts > 10);
    const gen = await o.generate({ model: "gemma3:4b", prompt: "hi", stream: false });
    assert.equal(gen.response, FAKE_ANSWER);
    let generated = "";
    for await (const p of await o.generate({ model: "gemma3:4b", prompt: "hi", stream: true })) {
      generated += p.response;
    }
    assert.equal(generated, FAKE_ANSWER);
    assert.deepEqual(fake.requests.map((r) => r.path), [
      "/api/chat",
      "/api/chat",
      "/api/generate",
      "/api/generate",
    ]);
  } finally {
    await fake.close();
  }
});

Deno.test("Fake Ollama - tags and show list the model; missing mode answers 404 like Ollama", async () => {
  const fake = startFakeOllama();
  try {
    const o = new Ollama({ host: fake.url });
    assert.deepEqual((await o.list()).models.map((m) => m.name), ["gemma3:4b"]);
    assert.deepEqual((await o.show({ model: "gemma3:4b" })).capabilities, ["completion"]);
    fake.opts.mode = "missing";
    assert.deepEqual((await o.list()).models, []);
    await assert.rejects(
      () => o.chat({ model: "gemma3:4b", messages: [], stream: true }),
      (e: { status_code?: number; message: string }) =>
        e.status_code === 404 && /not found, try pulling it first/.test(e.message),
    );
    await assert.rejects(() => o.show({ model: "gemma3:4b" }), /not found/);
  } finally {
    await fake.close();
  }
});
