/**
 * Splits a syslog-over-TCP byte stream into messages per RFC 6587, detecting the framing from the
 * connection's first byte: a digit means octet-counting ("MSG-LEN SP SYSLOG-MSG"), anything else
 * means newline framing (LF, CRLF or NUL trailer). A plain line that merely starts with a digit
 * (`2024-05-14T...`, `10.0.0.1 - - ...`) fails the very first frame header; the connection then
 * falls back to newline framing, replaying the bytes read so far, so nothing is lost. After one
 * good octet frame a bad header is an error (resync, then fatal) as before. Memory stays bounded
 * by about maxFrame bytes whatever the peer sends.
 *
 * @module
 */

/** What one push (or end) produced. */
export interface FrameResult {
  /**
   * Complete frames, in order; each is a fresh copy the caller may keep (with the `views`
   * option, frames inside one pushed chunk are views of it, valid until the chunk is reused).
   */
  frames: Uint8Array[];
  /** set once on a framing error (e.g. non-digit length, length 0, length > maxFrame) */
  error?: string;
  /** true when the decoder gave up and the connection should be closed */
  fatal?: boolean;
  /** count of frames cut to maxFrame (newline mode) */
  truncated?: number;
}

/** Options for {@linkcode SyslogFrameDecoder}. */
export interface SyslogFrameDecoderOptions {
  /** Largest frame accepted, in bytes (default 64 KiB). */
  maxFrame?: number;
  /**
   * Return frames that lie inside one pushed chunk as views of it instead of copies (for
   * callers that decode each chunk's frames before reusing the chunk's buffer).
   */
  views?: boolean;
}

/** Default largest frame: 64 KiB (also the largest Deno KV value). */
export const DEFAULT_MAX_FRAME = 64 * 1024;

const LF = 10;
const CR = 13;
const NUL = 0;
const SP = 32;
const LT = 60;

// octet-mode states
const HEADER = 0; // reading MSG-LEN digits
const BODY = 1; // reading MSG-LEN bytes
const RESYNC = 2; // after a bad header: looking for "DIGITS SP <"
const DEAD = 3; // gave up

// resync sub-states
const R_IDLE = 0;
const R_DIGITS = 1;
const R_SPACE = 2;

/** Digits a first header may have (leading zeros included) before it counts as not a header. */
const MAX_FIRST_DIGITS = 20;

/**
 * Streaming RFC 6587 decoder for one TCP connection.
 *
 * @example
 * ```ts
 * const dec = new SyslogFrameDecoder();
 * const { frames } = dec.push(new TextEncoder().encode("27 <13>Feb  5 17:32:18 h a: hi"));
 * // dec.mode === "octet"; frames.length === 1
 * ```
 */
export class SyslogFrameDecoder {
  #mode: "unknown" | "octet" | "newline" = "unknown";
  readonly #max: number;
  readonly #views: boolean;

  // octet mode
  #state = HEADER;
  #len = 0; // MSG-LEN being read
  #digits = 0; // digits read of MSG-LEN
  #body: Uint8Array | null = null; // frame being filled across chunks
  #filled = 0;
  #rState = R_IDLE;
  #rLen = 0;
  #skipped = 0;
  #framed = false; // an octet frame was decoded: no more falling back to newline framing

  // newline mode
  #buf: Uint8Array | null = null; // partial line, capacity maxFrame + 1
  #bufLen = 0;
  #skipping = false; // discarding the rest of an over-long line

  /**
   * Creates a decoder for one connection.
   * @param opts.maxFrame largest frame in bytes (default 64 KiB)
   */
  constructor(opts?: SyslogFrameDecoderOptions) {
    const m = opts?.maxFrame ?? DEFAULT_MAX_FRAME;
    this.#max = Number.isFinite(m) && m >= 1 ? Math.floor(m) : DEFAULT_MAX_FRAME;
    this.#views = opts?.views ?? false;
  }

  /**
   * The framing in use: detected from the first byte ("unknown" before any byte arrived),
   * "newline" after a fallback from an invalid first octet header.
   */
  get mode(): "unknown" | "octet" | "newline" {
    return this.#mode;
  }

  /** Feeds bytes; returns the complete frames they finished. */
  push(chunk: Uint8Array): FrameResult {
    const out: FrameResult = { frames: [] };
    if (chunk.length === 0) return out;
    if (this.#mode === "unknown") {
      const c = chunk[0];
      this.#mode = c >= 48 && c <= 57 ? "octet" : "newline";
    }
    if (this.#mode === "octet") this.#pushOctet(chunk, out);
    else this.#pushNewline(chunk, out);
    return out;
  }

  /** True while bytes of an incomplete frame are held (a slow or stalled sender). */
  get pending(): boolean {
    return this.#mode === "newline"
      ? this.#bufLen > 0
      : this.#mode === "octet" && (this.#state === BODY || this.#digits > 0);
  }

  /**
   * At end of stream: the last unterminated newline frame, if any; in octet mode a partial
   * frame is an error, and the bytes of it that arrived are returned as its frame.
   */
  end(): FrameResult {
    const out: FrameResult = { frames: [] };
    if (
      this.#mode === "octet" && !this.#framed && this.#state === HEADER && this.#digits > 0
    ) {
      // the stream ended inside the first header: it was a line such as "42"
      this.#toNewline(new Uint8Array(0), 0, out);
    }
    if (this.#mode === "newline") {
      if (!this.#skipping && this.#bufLen > 0) {
        const frame = this.#buf!.slice(0, stripCr(this.#buf!, 0, this.#bufLen));
        if (frame.length > 0 && frame.length <= this.#max) out.frames.push(frame);
        else if (frame.length > this.#max) {
          out.frames.push(frame.subarray(0, this.#max));
          out.truncated = (out.truncated ?? 0) + 1;
        }
      }
      this.#bufLen = 0;
      this.#skipping = false;
    } else if (this.#mode === "octet") {
      if (this.#state === BODY) {
        out.error = `stream ended inside a frame (${this.#filled} of ${this.#len} bytes)`;
        // What arrived of it is kept (the caller flags it), never silently dropped.
        if (this.#body !== null && this.#filled > 0) {
          out.frames.push(this.#body.slice(0, this.#filled));
        }
      } else if (this.#state === HEADER && this.#digits > 0) {
        out.error = "stream ended inside a frame header";
      }
      if (this.#state === DEAD) out.fatal = true;
      this.#body = null;
      this.#state = HEADER;
      this.#digits = this.#len = 0;
    }
    return out;
  }

  #pushOctet(chunk: Uint8Array, out: FrameResult): void {
    const n = chunk.length;
    const max = this.#max;
    let i = 0;
    while (i < n) {
      const state = this.#state;
      if (state === BODY) {
        const need = this.#len - this.#filled;
        const avail = n - i;
        if (this.#body === null) {
          if (avail >= need) {
            out.frames.push(this.#cut(chunk, i, i + need));
            this.#framed = true;
            i += need;
            this.#state = HEADER;
            this.#len = this.#digits = 0;
            continue;
          }
          // Sized by what arrived, not by what the header claims: a peer that sends
          // "65000 <13>" and stalls holds a few bytes, not 64 KiB, per connection.
          this.#body = new Uint8Array(Math.min(this.#len, Math.max(avail, 1024)));
          this.#filled = 0;
        }
        const take = avail < need ? avail : need;
        if (this.#filled + take > this.#body.length) {
          const grown = new Uint8Array(
            Math.min(this.#len, Math.max(this.#filled + take, this.#body.length * 2)),
          );
          grown.set(this.#body.subarray(0, this.#filled));
          this.#body = grown;
        }
        this.#body.set(chunk.subarray(i, i + take), this.#filled);
        this.#filled += take;
        i += take;
        if (this.#filled === this.#len) {
          out.frames.push(this.#body);
          this.#framed = true;
          this.#body = null;
          this.#state = HEADER;
          this.#len = this.#digits = 0;
        }
      } else if (state === HEADER) {
        const c = chunk[i++];
        if (c >= 48 && c <= 57) {
          this.#len = this.#len * 10 + (c - 48);
          this.#digits++;
          if (!this.#framed && (this.#len > max || this.#digits > MAX_FIRST_DIGITS)) {
            return this.#toNewline(chunk, i, out);
          }
          if (this.#len > max) {
            // the rest of this digit run must not pass for a header when resynchronising
            this.#fail(out, `frame length exceeds ${max} bytes`);
            this.#rState = R_DIGITS;
            this.#rLen = max + 1;
          }
        } else if (c === SP && this.#digits > 0) {
          if (this.#len === 0 && !this.#framed) return this.#toNewline(chunk, i - 1, out);
          if (this.#len === 0) this.#fail(out, "frame length 0");
          else {
            this.#state = BODY;
            this.#filled = 0;
          }
        } else if (this.#digits === 0 && (c === LF || c === CR || c === NUL)) {
          // tolerated between frames (some senders end octet-counted frames with LF)
        } else if (!this.#framed) {
          return this.#toNewline(chunk, i - 1, out);
        } else {
          this.#fail(out, `bad frame header: byte 0x${c.toString(16).padStart(2, "0")}`);
        }
      } else if (state === RESYNC) {
        i = this.#resync(chunk, i, out);
      } else {
        return; // DEAD: ignore everything
      }
    }
  }

  /**
   * The first header was not one: switches to newline framing, replays its digits (rebuilt
   * from #len and #digits, leading zeros included) and decodes chunk[from, n) as lines.
   */
  #toNewline(chunk: Uint8Array, from: number, out: FrameResult): void {
    const d = this.#digits;
    const head = new Uint8Array(d);
    for (let k = d - 1, v = this.#len; k >= 0; k--, v = Math.floor(v / 10)) head[k] = 48 + v % 10;
    this.#mode = "newline";
    this.#state = HEADER;
    this.#len = this.#digits = 0;
    this.#append(head, 0, d, out);
    if (from < chunk.length) this.#pushNewline(chunk.subarray(from), out);
  }

  #fail(out: FrameResult, why: string): void {
    if (out.error === undefined) out.error = why;
    this.#state = RESYNC;
    this.#rState = R_IDLE;
    this.#rLen = 0;
    this.#skipped = 0;
    this.#len = this.#digits = 0;
  }

  /** Scans for "DIGITS SP <"; on success the "<" starts the next frame's body. */
  #resync(chunk: Uint8Array, i: number, out: FrameResult): number {
    const n = chunk.length;
    const max = this.#max;
    let rs = this.#rState;
    let len = this.#rLen;
    let skipped = this.#skipped;
    while (i < n) {
      const c = chunk[i];
      if (rs === R_SPACE && c === LT) {
        if (len >= 1 && len <= max) {
          this.#state = BODY;
          this.#len = len;
          this.#filled = 0;
          this.#body = null;
          return i; // the "<" is the body's first byte
        }
        rs = R_IDLE;
      } else if (c >= 48 && c <= 57) {
        if (rs === R_DIGITS) {
          if (len <= max) len = len * 10 + (c - 48);
        } else {
          rs = R_DIGITS;
          len = c - 48;
        }
      } else if (c === SP && rs === R_DIGITS) {
        rs = R_SPACE;
      } else {
        rs = R_IDLE;
      }
      i++;
      if (++skipped > max) {
        this.#state = DEAD;
        out.fatal = true;
        if (out.error === undefined) out.error = `no frame header found within ${max} bytes`;
        return n;
      }
    }
    this.#rState = rs;
    this.#rLen = len;
    this.#skipped = skipped;
    return n;
  }

  #pushNewline(chunk: Uint8Array, out: FrameResult): void {
    const n = chunk.length;
    const max = this.#max;
    let i = 0;
    let nextLf = -2; // cached indexOf results (-1: none left in chunk, -2: not computed)
    let nextNul = -2;
    while (i < n) {
      if (nextLf !== -1 && nextLf < i) nextLf = chunk.indexOf(LF, i);
      if (nextNul !== -1 && nextNul < i) nextNul = chunk.indexOf(NUL, i);
      const t = nextLf === -1 ? nextNul : nextNul === -1 ? nextLf : Math.min(nextLf, nextNul);
      if (t === -1) {
        // no trailer in the rest of the chunk: keep it (bounded)
        if (!this.#skipping) this.#append(chunk, i, n, out);
        return;
      }
      if (this.#skipping) {
        this.#skipping = false;
      } else if (this.#bufLen === 0) {
        const end = stripCr(chunk, i, t);
        const len = end - i;
        if (len > max) {
          out.frames.push(this.#cut(chunk, i, i + max));
          out.truncated = (out.truncated ?? 0) + 1;
        } else if (len > 0) {
          out.frames.push(this.#cut(chunk, i, end));
        }
      } else {
        this.#append(chunk, i, t, out);
        if (this.#skipping) this.#skipping = false;
        else {
          const buf = this.#buf!;
          const end = stripCr(buf, 0, this.#bufLen);
          if (end > max) {
            out.frames.push(buf.slice(0, max));
            out.truncated = (out.truncated ?? 0) + 1;
          } else if (end > 0) out.frames.push(buf.slice(0, end));
        }
        this.#bufLen = 0;
      }
      i = t + 1;
    }
  }

  /** chunk[from, to) as a copy, or as a view with the `views` option. */
  #cut(chunk: Uint8Array, from: number, to: number): Uint8Array {
    return this.#views ? chunk.subarray(from, to) : chunk.slice(from, to);
  }

  /**
   * Adds chunk[from, to) (no trailer in it) to the partial line. A line that grows past
   * maxFrame (a final CR aside, which may belong to a CRLF) is cut: its first maxFrame bytes
   * become a frame and the rest of it is skipped.
   */
  #append(chunk: Uint8Array, from: number, to: number, out: FrameResult): void {
    const max = this.#max;
    const add = to - from;
    if (add === 0) return;
    const total = this.#bufLen + add;
    if (total <= max || (total === max + 1 && chunk[to - 1] === CR)) {
      if (this.#buf === null) this.#buf = new Uint8Array(Math.min(max + 1, Math.max(256, total)));
      if (this.#buf.length < total) {
        const grown = new Uint8Array(Math.min(max + 1, Math.max(total, this.#buf.length * 2)));
        grown.set(this.#buf.subarray(0, this.#bufLen));
        this.#buf = grown;
      }
      this.#buf.set(chunk.subarray(from, to), this.#bufLen);
      this.#bufLen = total;
      return;
    }
    const frame = new Uint8Array(max);
    const held = this.#bufLen;
    if (held > 0) frame.set(this.#buf!.subarray(0, Math.min(held, max)));
    if (held < max) frame.set(chunk.subarray(from, from + (max - held)), held);
    out.frames.push(frame);
    out.truncated = (out.truncated ?? 0) + 1;
    this.#bufLen = 0;
    this.#skipping = true;
  }
}

/** End index of bytes[from, to) without one final CR. */
function stripCr(bytes: Uint8Array, from: number, to: number): number {
  return to > from && bytes[to - 1] === CR ? to - 1 : to;
}
