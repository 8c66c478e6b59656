/**
 * Splits a byte stream into log lines without trusting it: CRLF or LF endings, invalid UTF-8
 * decoded with U+FFFD and flagged, and lines of any length held in bounded memory (a head and a
 * tail are kept, the middle is dropped and flagged).
 *
 * @module
 */

/** Bytes kept from the start of an over-long line. */
export const HEAD_BYTES = 64 * 1024;
/** Bytes kept from the end of an over-long line. */
export const TAIL_BYTES = 16 * 1024;

/** One line read from the stream. */
export interface RawLine {
  /** The line's text (decoded, without its line ending). */
  text: string;
  /** The line held bytes that are not valid UTF-8 (they read as U+FFFD). */
  invalidUtf8: boolean;
  /** The line was longer than HEAD_BYTES + TAIL_BYTES and its middle was dropped. */
  truncated: boolean;
}

const strict = new TextDecoder("utf-8", { fatal: true });
const lenient = new TextDecoder("utf-8");

function decode(bytes: Uint8Array): { text: string; invalid: boolean } {
  try {
    return { text: strict.decode(bytes), invalid: false };
  } catch {
    return { text: lenient.decode(bytes), invalid: true };
  }
}

/** Cuts `n` bytes back to a UTF-8 character boundary so a kept head never ends mid-character. */
function boundary(bytes: Uint8Array, n: number): number {
  while (n > 0 && (bytes[n] & 0xc0) === 0x80) n--;
  return n;
}

/**
 * Accumulates the bytes of one line, keeping at most a head and a rolling tail: `push` the
 * line's bytes (without the LF) in any pieces, then `take` the finished line (a trailing CR
 * is dropped). Exported for readers that split lines themselves (e.g. `file_follow.ts`).
 */
export class LineBuffer {
  #head: Uint8Array[] = [];
  #headLen = 0;
  #tail = new Uint8Array(0);
  #dropped = false;

  /** Appends bytes of the current line; `part` is copied, so the caller may reuse it. */
  push(part: Uint8Array) {
    if (this.#headLen < HEAD_BYTES) {
      const take = Math.min(part.length, HEAD_BYTES - this.#headLen);
      this.#head.push(part.slice(0, take));
      this.#headLen += take;
      part = part.subarray(take);
      if (!part.length) return;
    }
    const joined = new Uint8Array(this.#tail.length + part.length);
    joined.set(this.#tail);
    joined.set(part, this.#tail.length);
    if (joined.length > TAIL_BYTES) this.#dropped = true;
    this.#tail = joined.slice(Math.max(0, joined.length - TAIL_BYTES));
  }

  /** Returns the line accumulated so far and starts a new one. */
  take(): RawLine {
    const head = new Uint8Array(this.#headLen);
    let o = 0;
    for (const h of this.#head) head.set(h, o), o += h.length;
    let bytes: Uint8Array;
    if (this.#dropped) {
      const h = head.subarray(0, boundary(head, head.length));
      let t = 0;
      while (t < this.#tail.length && (this.#tail[t] & 0xc0) === 0x80) t++;
      const tail = this.#tail.subarray(t);
      bytes = new Uint8Array(h.length + tail.length);
      bytes.set(h);
      bytes.set(tail, h.length);
    } else {
      bytes = new Uint8Array(head.length + this.#tail.length);
      bytes.set(head);
      bytes.set(this.#tail, head.length);
    }
    if (bytes.length && bytes[bytes.length - 1] === 0x0d) {
      bytes = bytes.subarray(0, bytes.length - 1);
    }
    const { text, invalid } = decode(bytes);
    const line = { text, invalidUtf8: invalid, truncated: this.#dropped };
    this.#head = [];
    this.#headLen = 0;
    this.#tail = new Uint8Array(0);
    this.#dropped = false;
    return line;
  }

  /** No byte of a line has been pushed since the last `take`. */
  get empty(): boolean {
    return this.#headLen === 0;
  }
}

/**
 * Yields, for each chunk the stream delivers, the lines it completed (so a consumer can
 * answer as soon as input arrives). A last line without a newline is yielded at the end.
 * @example for await (const lines of readLines(Deno.stdin.readable)) for (const l of lines) console.log(l.text);
 */
export async function* readLines(stream: ReadableStream<Uint8Array>): AsyncGenerator<RawLine[]> {
  const buf = new LineBuffer();
  for await (const chunk of stream) {
    const done: RawLine[] = [];
    let start = 0;
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, start)) {
      buf.push(chunk.subarray(start, i));
      done.push(buf.take());
      start = i + 1;
    }
    if (start < chunk.length) buf.push(chunk.subarray(start));
    if (done.length) yield done;
  }
  if (!buf.empty) yield [buf.take()];
}
