/**
 * Seeded subsampling of tool wordlists, so a scan step sends a bounded number of requests
 * (web_scan must not swamp the other classes) and every seed scans different words.
 *
 * @module
 */
import type { Rng } from "../gen/rng.ts";

/** Writes `n` random words of `src` (plus `always`) to `dst`; returns `dst`. */
export async function sampleList(
  rng: Rng,
  src: string,
  n: number,
  dst: string,
  always: string[] = [],
): Promise<string> {
  const words = (await Deno.readTextFile(src)).split("\n").map((w) => w.trim())
    .filter((w) => w && !w.startsWith("#"));
  const picked = new Set(always);
  for (let i = 0; i < n * 4 && picked.size < n + always.length; i++) picked.add(rng.pick(words));
  await Deno.writeTextFile(dst, [...picked].sort(() => rng.next() - 0.5).join("\n") + "\n");
  return dst;
}
