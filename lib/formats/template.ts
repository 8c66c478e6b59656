/**
 * A line's masked template: digit runs and long hex runs replaced by `#`, so lines that differ
 * only in numbers, ports, addresses or ids share one template (incident samples, suppression
 * patterns). Different from the model's text (lib/classify/line_text.ts), which keeps numbers.
 *
 * @module
 */

const VARYING = /\b[0-9a-f]{8,}\b|\d+/gi;

/** The masked template of `line` (cut to 1,024 characters). */
export function lineTemplate(line: string): string {
  return line.slice(0, 1024).replace(VARYING, "#");
}

/**
 * A matcher for a pattern written in template form (`#` for a number, as {@link lineTemplate}
 * writes it): `*` matches any run, everything else is literal; matched against the whole
 * template of a line.
 * @example templateMatcher('* "GET /health* HTTP/#.#" # *')(line)
 */
export function templateMatcher(pattern: string): (line: string) => boolean {
  const body = pattern.slice(0, 1024).split("*").map((p) =>
    p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
  )
    .join(".*");
  const re = new RegExp(`^${body}$`, "s");
  return (line) => re.test(lineTemplate(line));
}

/** Token-set distance of two templates (0 = same tokens, 1 = nothing shared). */
export function templateDistance(a: string, b: string): number {
  const ta = new Set(a.split(/[\s/?&=:;,"'()[\]]+/).filter(Boolean));
  const tb = new Set(b.split(/[\s/?&=:;,"'()[\]]+/).filter(Boolean));
  let shared = 0;
  for (const t of ta) if (tb.has(t)) shared++;
  const union = ta.size + tb.size - shared;
  return union === 0 ? 0 : 1 - shared / union;
}
