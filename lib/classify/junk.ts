/**
 * Lines that are not text: random bytes, binary records, a port scanner's probes. They are
 * flagged `junk` and never classified as attacks (a fuzz run of 52,117 random-byte lines
 * stored 37,683 as attack detections before this check). A line is junk when more than a
 * quarter of its characters are control characters (C0 except tab, DEL, C1) or U+FFFD (bytes
 * that were not UTF-8), or when a line of 4+ characters holds no word at all (no run of three
 * ASCII letters) and is mostly symbols: "@@8@x@@9@@..." scored 0.97 exfiltration. Latin-1 names in an otherwise ASCII
 * line stay well under that share; every log format we parse has words.
 *
 * @module
 */

/** Share of bad characters past which a line is junk. */
export const JUNK_SHARE = 0.25;
/** Length from which a line without a word is junk. */
export const WORDLESS_CHARS = 4;

/** True when `line` is mostly not text (see the module doc). */
export function isJunk(line: string): boolean {
  if (line.length === 0) return false;
  let bad = 0, run = 0, word = false, plain = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if ((c < 32 && c !== 9) || (c >= 0x7f && c <= 0x9f) || c === 0xfffd) bad++;
    const letter = (c | 32) >= 97 && (c | 32) <= 122;
    if (letter || (c >= 48 && c <= 57) || c === 32) plain++;
    run = letter ? run + 1 : 0;
    if (run === 3) word = true;
  }
  if (bad > line.length * JUNK_SHARE) return true;
  return !word && line.length >= WORDLESS_CHARS && plain < line.length / 2;
}
