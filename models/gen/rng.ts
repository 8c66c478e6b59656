/**
 * A small seeded PRNG (sfc32) with the helpers the corpus generator draws values with.
 *
 * @module
 */

/** Deterministic random source: the same seed gives the same corpus. */
export class Rng {
  #a: number;
  #b: number;
  #c: number;
  #d: number;

  constructor(seed: number) {
    this.#a = 0x9e3779b9;
    this.#b = 0x243f6a88;
    this.#c = 0xb7e15162;
    this.#d = seed >>> 0;
    for (let i = 0; i < 15; i++) this.next();
  }

  /** Uniform float in [0, 1). */
  next(): number {
    const t = (((this.#a + this.#b) | 0) + this.#d) | 0;
    this.#d = (this.#d + 1) | 0;
    this.#a = this.#b ^ (this.#b >>> 9);
    this.#b = (this.#c + (this.#c << 3)) | 0;
    this.#c = (this.#c << 21) | (this.#c >>> 11);
    this.#c = (this.#c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** Integer in [lo, hi] inclusive. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element of a non-empty array. */
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)];
  }

  /** One element chosen by weight from [item, weight] pairs. */
  weighted<T>(pairs: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of pairs) total += w;
    let r = this.next() * total;
    for (const [x, w] of pairs) {
      r -= w;
      if (r < 0) return x;
    }
    return pairs[pairs.length - 1][0];
  }

  /** k distinct elements (k clipped to the array length). */
  sample<T>(xs: readonly T[], k: number): T[] {
    const copy = [...xs];
    const out: T[] = [];
    while (out.length < k && copy.length) out.push(copy.splice(this.int(0, copy.length - 1), 1)[0]);
    return out;
  }

  /** A string of n characters drawn from the alphabet. */
  chars(n: number, alphabet: string): string {
    let s = "";
    for (let i = 0; i < n; i++) s += alphabet[Math.floor(this.next() * alphabet.length)];
    return s;
  }

  /** n lowercase hex digits. */
  hex(n: number): string {
    return this.chars(n, "0123456789abcdef");
  }

  /** n alphanumeric characters (mixed case). */
  alnum(n: number): string {
    return this.chars(n, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789");
  }

  /** A random dotted IPv4 address inside 1.0.0.0–223.255.255.255 that is not private. */
  publicIp(): string {
    for (;;) {
      const a = this.int(1, 223);
      if ([10, 127, 172, 192, 100, 169].includes(a)) continue;
      return `${a}.${this.int(0, 255)}.${this.int(0, 255)}.${this.int(1, 254)}`;
    }
  }

  /** A random IPv6 address in global unicast space. */
  ipv6(): string {
    const g = () => this.int(0, 0xffff).toString(16);
    return `2${this.hex(3)}:${g()}:${g()}:${g()}::${g()}`;
  }
}

/** Standard base64 of a UTF-8 string. */
export function b64(s: string): string {
  const bytes = new TextEncoder().encode(s);
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

/** Percent-encode every character that is not unreserved (like aggressive scanners do). */
export function urlEncodeAll(s: string): string {
  return [...new TextEncoder().encode(s)].map((b) =>
    /[A-Za-z0-9\-_.~]/.test(String.fromCharCode(b))
      ? String.fromCharCode(b)
      : "%" + b.toString(16).toUpperCase().padStart(2, "0")
  ).join("");
}

/** Percent-encode like a browser/curl would in a query string (spaces as + or %20). */
export function urlEncodeQuery(s: string, plus = true): string {
  const e = encodeURIComponent(s).replace(/[!'()*]/g, (c) => "%" + c.charCodeAt(0).toString(16));
  return plus ? e.replace(/%20/g, "+") : e;
}
