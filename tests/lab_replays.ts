/**
 * The two lab replays of the bench (issues "a model that generalises" and "incidents"), built
 * from the captures `deno task lab` writes (data/lab/s*-*.jsonl):
 * - attack-heavy: every captured run once, in order, as the daemons logged it (a full attack
 *   run per scenario: scans, web attacks, brute force, post-exploitation, beside the benign
 *   users);
 * - production-like: hours of benign activity at volume with a few attack bursts. The runs'
 *   benign lines drawn at random (seeded), each with its ports and long numbers (byte counts,
 *   durations, ids) drawn afresh, so lines repeat by template, not by exact text, as real streams
 *   do; three bursts of one run's consecutive attack lines in between.
 *
 * @module
 */

/** One captured line. */
interface Captured {
  line: string;
  label: string;
}

/** The lab runs under `dir` (sorted file names), or none. */
export function labRuns(dir: string): string[] {
  try {
    return [...Deno.readDirSync(dir)].map((e) => e.name).filter((n) => /^s\d+-\d+\.jsonl$/.test(n))
      .sort();
  } catch {
    return [];
  }
}

function read(dir: string, run: string): Captured[] {
  return Deno.readTextFileSync(`${dir}${run}`).trim().split("\n").map((l) => JSON.parse(l));
}

/** A seeded generator of numbers in [0, 1) (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every run's lines once, in order. */
export function attackHeavy(dir: string, runs: string[]): string[] {
  return runs.flatMap((r) => read(dir, r).map((c) => c.line));
}

/**
 * `n` benign lines of the runs with fresh numbers, and `bursts` bursts of `burst` consecutive
 * attack lines of the last run spread evenly among them.
 */
export function productionLike(
  dir: string,
  runs: string[],
  n: number,
  bursts = 3,
  burst = 500,
): string[] {
  const next = random(42);
  const benign = runs.flatMap((r) => read(dir, r).filter((c) => c.label === "benign"));
  const attacks = read(dir, runs.at(-1)!).filter((c) => c.label !== "benign").map((c) => c.line);
  // Port numbers and runs of 5+ digits outside dates, times and addresses (byte counts,
  // durations, ids) vary from line to line; user ids and HTTP statuses do not.
  const vary = (line: string) =>
    line.replace(
      /(?<=port )\d+|(?<![-:/.\d])\d{5,}(?![-:/.\d])/g,
      (d) => String(Math.floor(next() * 10 ** d.length)).padStart(d.length, "1"),
    );
  const out: string[] = [];
  const every = Math.floor(n / (bursts + 1));
  for (let i = 0; i < n; i++) {
    out.push(vary(benign[Math.floor(next() * benign.length)].line));
    if ((i + 1) % every === 0 && i + 1 < n) {
      const at = Math.floor(next() * Math.max(1, attacks.length - burst));
      out.push(...attacks.slice(at, at + burst));
    }
  }
  return out;
}
