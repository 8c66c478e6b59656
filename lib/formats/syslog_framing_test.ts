/**
 * Pins RFC 6587 framing: detection, octet counting, newline trailers, bad input.
 *
 * @module
 */
import assert from "node:assert/strict";
import { type FrameResult, SyslogFrameDecoder } from "./syslog_framing.ts";

const enc = new TextEncoder();
const dec = new TextDecoder();

interface Collected {
  frames: string[];
  errors: string[];
  fatal: boolean;
  truncated: number;
}

function collect(into: Collected, r: FrameResult): void {
  for (const f of r.frames) into.frames.push(dec.decode(f));
  if (r.error !== undefined) into.errors.push(r.error);
  if (r.fatal) into.fatal = true;
  into.truncated += r.truncated ?? 0;
}

/** Feeds `bytes` in the given chunk sizes (cycled), then ends the stream. */
function run(
  bytes: Uint8Array,
  sizes: number[] = [bytes.length],
  opts?: { maxFrame?: number },
): Collected & { mode: string } {
  const d = new SyslogFrameDecoder(opts);
  const out: Collected = { frames: [], errors: [], fatal: false, truncated: 0 };
  let i = 0;
  let k = 0;
  while (i < bytes.length) {
    const n = Math.max(1, sizes[k++ % sizes.length]);
    collect(out, d.push(bytes.subarray(i, i + n)));
    i += n;
  }
  collect(out, d.end());
  return { ...out, mode: d.mode };
}

function octet(...msgs: string[]): Uint8Array {
  return enc.encode(msgs.map((m) => `${enc.encode(m).length} ${m}`).join(""));
}

/** Deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6D2B79F5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every chunking: whole, one byte at a time, every two-way split, random sizes. */
function chunkings(len: number): number[][] {
  const r = rng(len);
  const out: number[][] = [[len], [1], [2], [3], [7]];
  for (let s = 0; s < 20; s++) {
    const sizes: number[] = [];
    for (let j = 0; j < 30; j++) sizes.push(1 + Math.floor(r() * 40));
    out.push(sizes);
  }
  return out;
}

const MSGS = [
  "<13>Feb  5 17:32:18 h a: hi",
  "<34>1 2003-10-11T22:14:15.003Z mymachine.example.com su - ID47 - \uFEFF'su root' failed",
  "<13>x",
  "<13>with\nnewline inside and 12 <13> fake header",
  "<13>ünïcödé ✓",
];

Deno.test("SyslogFrameDecoder - detects octet counting from a leading digit", () => {
  const d = new SyslogFrameDecoder();
  assert.equal(d.mode, "unknown");
  assert.deepEqual(d.push(new Uint8Array()), { frames: [] });
  assert.equal(d.mode, "unknown");
  const r = d.push(enc.encode("27 <13>Feb  5 17:32:18 h a: hi"));
  assert.equal(d.mode, "octet");
  assert.deepEqual(r.frames.map((f) => dec.decode(f)), ["<13>Feb  5 17:32:18 h a: hi"]);
  assert.equal(r.error, undefined);
  assert.deepEqual(d.end(), { frames: [] });
});

Deno.test("SyslogFrameDecoder - octet frames split at every byte position", () => {
  const bytes = octet(...MSGS);
  for (let cut = 0; cut <= bytes.length; cut++) {
    const d = new SyslogFrameDecoder();
    const got: Collected = { frames: [], errors: [], fatal: false, truncated: 0 };
    collect(got, d.push(bytes.subarray(0, cut)));
    collect(got, d.push(bytes.subarray(cut)));
    collect(got, d.end());
    assert.deepEqual(got.frames, MSGS, `cut at ${cut}`);
    assert.deepEqual(got.errors, []);
  }
  for (const sizes of chunkings(bytes.length)) {
    const got = run(bytes, sizes);
    assert.deepEqual(got.frames, MSGS, `sizes ${sizes}`);
    assert.deepEqual(got.errors, []);
    assert.equal(got.mode, "octet");
  }
});

Deno.test("SyslogFrameDecoder - octet frames: LF between frames tolerated, leading zeros", () => {
  const got = run(enc.encode("3 <1>\n3 <2>\r\n\x003 <3>005 <4>ab"));
  assert.deepEqual(got.frames, ["<1>", "<2>", "<3>", "<4>ab"]);
  assert.deepEqual(got.errors, []);
});

Deno.test("SyslogFrameDecoder - newline frames: LF, CRLF, NUL trailers, any split", () => {
  const text = "<13>a b\n<13>c\r\n<14>d\0<15>e\n\n\r\n\0<16>f\r<17>g";
  const want = ["<13>a b", "<13>c", "<14>d", "<15>e", "<16>f\r<17>g"];
  const bytes = enc.encode(text);
  for (let cut = 0; cut <= bytes.length; cut++) {
    const d = new SyslogFrameDecoder();
    const got: Collected = { frames: [], errors: [], fatal: false, truncated: 0 };
    collect(got, d.push(bytes.subarray(0, cut)));
    collect(got, d.push(bytes.subarray(cut)));
    collect(got, d.end());
    assert.deepEqual(got.frames, want, `cut at ${cut}`);
    assert.equal(d.mode, "newline");
  }
  for (const sizes of chunkings(bytes.length)) {
    const got = run(bytes, sizes);
    assert.deepEqual(got.frames, want, `sizes ${sizes}`);
    assert.deepEqual(got.errors, []);
  }
  // the last line without a trailer comes out at end(); an empty stream gives nothing
  const d = new SyslogFrameDecoder();
  assert.deepEqual(d.push(enc.encode("<13>tail")).frames, []);
  assert.deepEqual(d.end().frames.map((f) => dec.decode(f)), ["<13>tail"]);
  assert.deepEqual(new SyslogFrameDecoder().end(), { frames: [] });
});

Deno.test("SyslogFrameDecoder - random streams decode the same in random chunks", () => {
  const r = rng(42);
  const lines: string[] = [];
  for (let i = 0; i < 300; i++) {
    const len = Math.floor(r() * 120);
    let s = "<13>";
    for (let j = 0; j < len; j++) s += String.fromCharCode(32 + Math.floor(r() * 95));
    lines.push(s);
  }
  const oct = octet(...lines);
  const nl = enc.encode(lines.map((l, i) => l + (i % 3 === 0 ? "\r\n" : "\n")).join(""));
  for (const sizes of chunkings(oct.length)) {
    assert.deepEqual(run(oct, sizes).frames, lines);
    assert.deepEqual(run(nl, sizes).frames, lines);
  }
});

Deno.test("SyslogFrameDecoder - newline mode cuts over-long lines and stays bounded", () => {
  const max = 16;
  const long = "<13>" + "x".repeat(40); // 44 bytes
  const exact = "<13>" + "y".repeat(12); // 16 bytes: not cut
  const exactCr = exact + "\r"; // 16 bytes + CR: not cut
  const text = `a\n${long}\n${exact}\n${exactCr}\nb\n${long}`;
  const want = ["a", long.slice(0, max), exact, exact, "b", long.slice(0, max)];
  const bytes = enc.encode(text);
  for (const sizes of chunkings(bytes.length)) {
    const got = run(bytes, sizes, { maxFrame: max });
    assert.deepEqual(got.frames, want, `sizes ${sizes}`);
    assert.equal(got.truncated, 2);
    assert.deepEqual(got.errors, []);
  }
  // 17 bytes then LF: cut
  assert.deepEqual(run(enc.encode(exact + "z\n"), [1], { maxFrame: max }).frames, [exact]);

  // a 10 MB line in 64 KiB chunks: one frame of maxFrame, then the next line
  const d = new SyslogFrameDecoder({ maxFrame: 1024 });
  const chunk = new Uint8Array(65536).fill(120);
  let frames = 0;
  let truncated = 0;
  for (let i = 0; i < 160; i++) {
    const r = d.push(chunk);
    frames += r.frames.length;
    truncated += r.truncated ?? 0;
  }
  const r = d.push(enc.encode("\nnext\n"));
  assert.equal(frames + r.frames.length, 2);
  assert.equal(truncated, 1);
  assert.equal(dec.decode(r.frames[0]), "next");
});

Deno.test("SyslogFrameDecoder - octet mode reports bad headers and resynchronises", () => {
  const cases: [string, RegExp][] = [
    ["3 <1>x5 <13>a", /bad frame header/],
    ["3 <1>0 3 <2>", /length 0/],
    ["3 <1>99999999 <13>a 3 <2>", /exceeds/],
    ["3 <1> 3 <2>", /bad frame header/],
  ];
  for (const [text, err] of cases) {
    for (const sizes of [[1000], [1], [2], [5]]) {
      const got = run(enc.encode(text), sizes);
      assert.equal(got.errors.length, 1, `${text} ${sizes}`);
      assert.match(got.errors[0], err);
      assert.equal(got.fatal, false);
      assert.equal(got.frames[0], "<1>");
      assert.equal(got.frames.at(-1), text.includes("<2>") ? "<2>" : "<13>a", `${text} ${sizes}`);
    }
  }
  // a miscounted frame: the next header is found inside the buffered data
  const mis = run(enc.encode("10 <13>ab\n4 <1>a3 <2>"));
  assert.deepEqual(mis.frames, ["<13>ab\n4 <", "<2>"]);
  assert.equal(mis.errors.length, 1);
});

Deno.test("SyslogFrameDecoder - octet mode gives up (fatal) without a header in maxFrame", () => {
  const max = 64;
  const d = new SyslogFrameDecoder({ maxFrame: max });
  const first = d.push(enc.encode("3 <1>garbage"));
  assert.equal(first.frames.length, 1);
  assert.match(first.error!, /bad frame header/);
  assert.ok(!first.fatal);
  const junk = enc.encode("no header here ".repeat(10));
  const r = d.push(junk);
  assert.equal(r.fatal, true);
  assert.match(r.error!, /no frame header/);
  // afterwards the decoder stays dead and quiet
  assert.deepEqual(d.push(octet("<13>late")), { frames: [] });
  assert.equal(d.end().fatal, true);
  // after a good frame, a length beyond maxFrame is an error at once
  const big = run(enc.encode("3 <1>65 <13>"), [100], { maxFrame: max });
  assert.match(big.errors[0], /exceeds 64/);
  // as the very first header it is not a plausible length: newline framing
  const first65 = run(enc.encode("65 <13>"), [100], { maxFrame: max });
  assert.deepEqual(first65.frames, ["65 <13>"]);
  assert.deepEqual(first65.errors, []);
  assert.equal(first65.mode, "newline");
});

Deno.test("SyslogFrameDecoder - octet mode: a partial frame at the end is an error, and kept", () => {
  const d = new SyslogFrameDecoder();
  assert.equal(d.pending, false);
  assert.deepEqual(d.push(enc.encode("10 <13>ab")).frames, []);
  assert.equal(d.pending, true);
  const e = d.end();
  assert.deepEqual(e.frames.map((f) => new TextDecoder().decode(f)), ["<13>ab"]);
  assert.match(e.error!, /inside a frame \(6 of 10 bytes\)/);
  assert.equal(d.pending, false);
  const h = new SyslogFrameDecoder();
  h.push(enc.encode("3 <1>12"));
  assert.match(h.end().error!, /header/);
});

Deno.test("SyslogFrameDecoder - frames are copies, safe when the caller reuses its buffer", () => {
  const d = new SyslogFrameDecoder();
  const buf = enc.encode("3 <1>3 <2>");
  const { frames } = d.push(buf);
  buf.fill(0);
  assert.deepEqual(frames.map((f) => dec.decode(f)), ["<1>", "<2>"]);
  const n = new SyslogFrameDecoder();
  const b2 = enc.encode("<1>\n<2>");
  const f1 = n.push(b2).frames;
  b2.fill(0);
  assert.equal(dec.decode(f1[0]), "<1>");
  assert.deepEqual(n.end().frames.map((f) => dec.decode(f)), ["<2>"]);
});

Deno.test("SyslogFrameDecoder - lines starting with a digit fall back to newline framing", () => {
  const iso = "2024-05-14T08:22:19Z web sshd[1]: Accepted publickey for deploy";
  const access = '10.0.0.1 - - [14/May/2024:08:22:19 +0000] "GET / HTTP/1.1" 200 612';
  const cases: [string, string[]][] = [
    [`${iso}\n${access}\n`, [iso, access]],
    [`${access}\r\n${iso}\n`, [access, iso]],
    [`${iso}\n${access}`, [iso, access]], // the last line comes out at end()
    [`2024\n${iso}\n`, ["2024", iso]], // digits then the trailer
    ["0 zero\n007x\n", ["0 zero", "007x"]], // length 0, leading zeros kept
    ["42", ["42"]], // the stream ended inside the first header
  ];
  for (const [text, want] of cases) {
    const bytes = enc.encode(text);
    for (let cut = 0; cut <= bytes.length; cut++) {
      const d = new SyslogFrameDecoder();
      const got: Collected = { frames: [], errors: [], fatal: false, truncated: 0 };
      collect(got, d.push(bytes.subarray(0, cut)));
      collect(got, d.push(bytes.subarray(cut)));
      collect(got, d.end());
      assert.deepEqual(got.frames, want, `${JSON.stringify(text)} cut at ${cut}`);
      assert.deepEqual(got.errors, []);
      assert.equal(got.fatal, false);
      assert.equal(d.mode, "newline");
    }
    for (const sizes of chunkings(bytes.length)) {
      const got = run(bytes, sizes);
      assert.deepEqual(got.frames, want, `${JSON.stringify(text)} sizes ${sizes}`);
      assert.deepEqual(got.errors, []);
      assert.equal(got.mode, "newline");
    }
  }
  // maxFrame still applies to the replayed digits
  const cut = run(enc.encode("123456789\nok\n"), [1], { maxFrame: 4 });
  assert.deepEqual(cut.frames, ["1234", "ok"]);
  assert.equal(cut.truncated, 1);
  assert.deepEqual(cut.errors, []);
});

Deno.test("SyslogFrameDecoder - after a good octet frame a bad header is still an error", () => {
  const text = "3 <1>2024-05-14 x\n5 <13>a";
  const bytes = enc.encode(text);
  for (let cut = 0; cut <= bytes.length; cut++) {
    const d = new SyslogFrameDecoder();
    const got: Collected = { frames: [], errors: [], fatal: false, truncated: 0 };
    collect(got, d.push(bytes.subarray(0, cut)));
    collect(got, d.push(bytes.subarray(cut)));
    collect(got, d.end());
    assert.deepEqual(got.frames, ["<1>", "<13>a"], `cut at ${cut}`);
    assert.equal(got.errors.length, 1);
    assert.match(got.errors[0], /bad frame header: byte 0x2d/);
    assert.equal(got.fatal, false);
    assert.equal(d.mode, "octet");
  }
  // and without a header in maxFrame it still gives up
  const dead = run(enc.encode("3 <1>10.0.0.1 " + "x".repeat(100)), [7], { maxFrame: 32 });
  assert.deepEqual(dead.frames, ["<1>"]);
  assert.equal(dead.fatal, true);
  assert.equal(dead.mode, "octet");
});

Deno.test("SyslogFrameDecoder - with views, frames inside a chunk are views of it", () => {
  const d = new SyslogFrameDecoder({ views: true });
  const buf = enc.encode("a\nbb\ncc");
  const { frames } = d.push(buf);
  assert.deepEqual(frames.map((f) => dec.decode(f)), ["a", "bb"]);
  assert.equal(frames[0].buffer, buf.buffer);
  buf.fill(0);
  // The partial line was held in the decoder's own buffer: still intact.
  assert.deepEqual(d.end().frames.map((f) => dec.decode(f)), ["cc"]);
});
