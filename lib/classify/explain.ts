/**
 * Why the model gave a line its class: occlusion attributions. The line is split into tokens
 * (runs of letters/digits, runs of punctuation, %XX escape runs; each timestamp or address the
 * masker hides kept whole), and the line is classified whole and with random halves of its
 * tokens removed, all in one `classify()` call. A token's weight is how much P(label) drops
 * when it is removed, averaged over those contexts: positive when it pushed towards the label.
 *
 * @example const e = await explainLine(await Classifier.load(), line); e.tokens.sort((a, b) => b.weight - a.weight)[0].text
 * @module
 */
import type { Explanation, TokenWeight } from "../core/schemas.ts";
import type { Label } from "../core/taxonomy.ts";
import type { Classifier } from "./classifier.ts";
import { maskedSpans, modelText } from "./line_text.ts";

/** Most tokens occluded one at a time; longer lines group neighbours to stay within it. */
export const MAX_TOKENS = 64;

/** A token's [start, end) character offsets in its line. */
export interface Span {
  start: number;
  end: number;
  /** The masker deletes this text (a timestamp): occluding it leaves nothing in its place. */
  hidden?: boolean;
}

/** An occlusion explanation of one line (the stored {@link Explanation} without its ids). */
export type LineExplanation = Pick<Explanation, "label" | "score" | "tokens">;

/** %XX escape runs, word runs, punctuation runs (never eating the `%` of an escape). */
const PIECE = /(?:%[0-9A-Fa-f]{2})+|[\p{L}\p{N}_]+|(?:(?!%[0-9A-Fa-f]{2})[^\s\p{L}\p{N}_])+/gu;

/**
 * The tokens of `line` with their character offsets, at most `max` of them: a piece that
 * touches a masked span becomes part of one token covering the span; past `max`, neighbours
 * are grouped evenly (an attack payload can sit anywhere in a long line, so no part is lumped).
 */
export function tokenize(line: string, max = MAX_TOKENS): Span[] {
  const spans = maskedSpans(line);
  const out: Span[] = [];
  let s = 0;
  for (const m of line.matchAll(PIECE)) {
    let start = m.index, end = start + m[0].length;
    while (s < spans.length && spans[s][1] <= start) s++;
    const span = spans[s];
    if (span && span[0] < end) {
      start = Math.min(start, span[0]);
      end = Math.max(end, span[1]);
    }
    const last = out.at(-1);
    if (last && start < last.end) last.end = Math.max(last.end, end);
    else out.push({ start, end });
  }
  let grouped = out;
  if (out.length > max) {
    const size = Math.ceil(out.length / max);
    grouped = [];
    for (let i = 0; i < out.length; i += size) {
      grouped.push({ start: out[i].start, end: out[Math.min(i + size, out.length) - 1].end });
    }
  }
  for (const t of grouped) if (modelText(line.slice(t.start, t.end)).text === "") t.hidden = true;
  return grouped;
}

/**
 * `line` with the tokens not in `keep` replaced by a space: the masker collapses whitespace
 * runs, so this is removal, except that neighbours never fuse into a new word ("id=1" → "id 1").
 * Hidden tokens leave nothing, as the masker would.
 */
export function occlude(line: string, tokens: Span[], keep: boolean[]): string {
  let out = "", at = 0;
  tokens.forEach((t, i) => {
    if (keep[i]) return;
    out += line.slice(at, t.start) + (t.hidden ? "" : " ");
    at = t.end;
  });
  return out + line.slice(at);
}

/** A deterministic PRNG (mulberry32): the same line gets the same explanation. */
function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/**
 * Random occlusion masks, each followed by its complement (every token is kept in exactly
 * half of them, which halves the estimate's variance for the same number of model rows).
 */
function masks(n: number, count: number, seed: number): boolean[][] {
  const rnd = prng(seed), out: boolean[][] = [];
  while (out.length < count) {
    const m = Array.from({ length: n }, () => rnd() < 0.5);
    out.push(m, m.map((k) => !k));
  }
  return out;
}

/**
 * Occlusion attributions of `line` for `label` (default: the class the model gives it). The
 * line is classified whole and under {@link samplesFor} random masks that drop about half of
 * its tokens, all in one `classify()` call; a token's weight is the mean P(label) of the masked
 * lines that keep it minus that of the lines without it: what removing the token costs the
 * label, averaged over contexts. Removing one token at a time from the whole line says almost
 * nothing here: the shipped model is saturated (P ≈ 0.967 on clear attacks) and its evidence
 * redundant, so single removals move P by ≤ 0.003 and `invalid` in an sshd failure came out
 * negative; over random contexts the payload tokens stand out (weights up to ~0.4).
 */
export async function explainLine(
  classifier: Classifier,
  line: string,
  label?: Label,
): Promise<LineExplanation> {
  const tokens = tokenize(line);
  const ms = masks(tokens.length, samplesFor(tokens.length), hash(line));
  const [full, ...preds] = await classifier.classify([
    line,
    ...ms.map((m) => occlude(line, tokens, m)),
  ]);
  const target = label ?? full.label;
  const p = preds.map((x) => x.scores[target]);
  // A token the masker deletes (a timestamp) changes nothing the model reads: exactly 0.
  const seen = modelText(line).text;
  const visible = tokens.map((_, i) =>
    modelText(occlude(line, tokens, tokens.map((_, j) => j !== i))).text !== seen
  );
  return {
    label: target,
    score: full.scores[target],
    tokens: tokens.map((t, i): TokenWeight => {
      let inSum = 0, inN = 0, outSum = 0;
      ms.forEach((m, k) => m[i] ? (inSum += p[k], inN++) : (outSum += p[k]));
      const outN = ms.length - inN;
      return {
        text: line.slice(t.start, t.end),
        start: t.start,
        end: t.end,
        weight: visible[i] ? (inN ? inSum / inN : 0) - (outN ? outSum / outN : 0) : 0,
      };
    }),
  };
}

/**
 * Model rows spent on a line of `n` tokens: 8 per token, 64..256. The estimate's noise falls
 * as 1/√rows: at 4n rows a 17-token sshd line gave a token the model never sees 0.11 (of a top
 * weight of 0.37); on one shared core 256 rows of a ~50-token access line take ~0.5 s.
 */
export function samplesFor(n: number): number {
  return n === 0 ? 0 : Math.min(256, Math.max(64, 8 * n));
}
