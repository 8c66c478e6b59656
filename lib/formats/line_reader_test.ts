/**
 * Pins line splitting of untrusted byte streams.
 *
 * @module
 */
import assert from "node:assert/strict";
import { HEAD_BYTES, readLines, TAIL_BYTES } from "./line_reader.ts";

function streamOf(...chunks: (string | Uint8Array)[]): ReadableStream<Uint8Array> {
  const enc = new TextEncoder();
  return ReadableStream.from(chunks.map((c) => typeof c === "string" ? enc.encode(c) : c));
}

async function all(s: ReadableStream<Uint8Array>) {
  const out = [];
  for await (const batch of readLines(s)) out.push(...batch);
  return out;
}

Deno.test("readLines splits LF and CRLF, joins lines split across chunks, keeps a last line without newline", async () => {
  const lines = await all(streamOf("a\r\nb", "c\n\nd\r\n", "tail"));
  assert.deepEqual(lines.map((l) => l.text), ["a", "bc", "", "d", "tail"]);
  assert.ok(lines.every((l) => !l.invalidUtf8 && !l.truncated));
});

Deno.test("readLines flags invalid UTF-8 and still yields the line", async () => {
  const bad = new Uint8Array([0x61, 0xff, 0xfe, 0x62, 0x0a, 0x63, 0x0a]);
  const lines = await all(streamOf(bad));
  assert.equal(lines.length, 2);
  assert.equal(lines[0].text, "a\ufffd\ufffdb");
  assert.equal(lines[0].invalidUtf8, true);
  assert.equal(lines[1].invalidUtf8, false);
});

Deno.test("readLines keeps a 10 MB line in bounded memory: head + tail, flagged", async () => {
  const big = "X".repeat(5_000_000) + "é" + "Y".repeat(5_000_000) + "END";
  const chunks = [];
  for (let i = 0; i < big.length; i += 65536) chunks.push(big.slice(i, i + 65536));
  const lines = await all(streamOf(...chunks, "\nnext\n"));
  assert.equal(lines.length, 2);
  assert.equal(lines[0].truncated, true);
  assert.equal(lines[0].invalidUtf8, false);
  assert.ok(lines[0].text.length <= HEAD_BYTES + TAIL_BYTES);
  assert.ok(lines[0].text.startsWith("XXX") && lines[0].text.endsWith("YEND"));
  assert.equal(lines[1].text, "next");
});

Deno.test("readLines yields the lines of each chunk as it arrives (streaming)", async () => {
  let release!: () => void;
  const gate = new Promise<void>((r) => release = r);
  const stream = new ReadableStream<Uint8Array>({
    async pull(c) {
      c.enqueue(new TextEncoder().encode("first\n"));
      await gate;
      c.close();
    },
  });
  const it = readLines(stream);
  const first = await it.next();
  assert.ok(!first.done);
  assert.deepEqual(first.value.map((l) => l.text), ["first"]);
  release();
  assert.equal((await it.next()).done, true);
});
