/**
 * The generator's shared types: a template makes one labelled raw log line.
 *
 * @module
 */
import type { Label } from "../../lib/core/taxonomy.ts";
import type { Rng } from "./rng.ts";
import type { Scenario } from "./scenario.ts";

export type { Label };

/** What a template draws from: the random source, the scenario and the line's time. */
export interface Ctx {
  rng: Rng;
  sc: Scenario;
  /** The time of the line being written. */
  now: Date;
}

/** One way a host writes one kind of line. */
export interface Template {
  /** Log family, e.g. "sshd", "apache_access", "dnsmasq". */
  family: string;
  /** The class of every line this template makes. */
  label: Label;
  /** Relative weight among the templates of the same label (default 1). */
  weight?: number;
  /** Writes one raw line exactly as it would appear in the log file (no trailing newline). */
  make(ctx: Ctx): string;
}

/** One corpus record (a JSONL line of the corpus file). */
export interface Sample {
  line: string;
  label: Label;
  family: string;
  scenario: string;
}
