/**
 * Judges a language model's answer before it replaces a playbook: empty, absurdly long or
 * non-text answers are garbage, and the operator keeps the playbook. The text itself stays
 * untrusted markdown: it is stored verbatim and never interpreted here.
 *
 * @module
 */

/** Longest answer accepted (characters); the prompt asks for about 450 words (~3,000). */
export const MAX_ANSWER_CHARS = 12_000;
/** Shortest answer that can hold a plan. */
const MIN_ANSWER_CHARS = 40;

/** Why `text` is not usable advice, or null when it is. */
export function garbageReason(text: unknown, maxChars = MAX_ANSWER_CHARS): string | null {
  if (typeof text !== "string") return `answer is not text (${typeof text})`;
  const trimmed = text.trim();
  if (trimmed.length === 0) return "empty answer";
  if (text.length > maxChars) return `answer longer than ${maxChars} characters`;
  if (trimmed.length < MIN_ANSWER_CHARS) return `answer too short (${trimmed.length} characters)`;
  let control = 0, letters = 0, visible = 0;
  for (const c of trimmed) {
    const code = c.codePointAt(0)!;
    if ((code < 32 && c !== "\n" && c !== "\t" && c !== "\r") || c === "\ufffd") control++;
    if (!/\s/.test(c)) visible++;
    if (/\p{L}/u.test(c)) letters++;
  }
  if (control > visible * 0.01) return "answer is not text (control or replacement characters)";
  if (letters < visible * 0.4) return "answer is not text (too few letters)";
  return null;
}
