/**
 * Attack steps: what each one runs from the attacker namespace (or, after compromise, through
 * the webshell or the cracked account), which class its lines get, and which log families
 * without the attacker's address its time window may claim.
 *
 * @module
 */
import type { Actor } from "./actor.ts";
import type { Label } from "../../lib/core/taxonomy.ts";
import type { Plan } from "./plan.ts";
import { CRED_STEPS } from "./attacks_cred.ts";
import { POST_STEPS } from "./attacks_post.ts";
import { RECON_STEPS } from "./attacks_recon.ts";
import { WEB_STEPS } from "./attacks_web.ts";

/** What a step gets to run with. */
export interface AttackCtx {
  plan: Plan;
  atk: Actor;
  /** The attacker's working directory (wordlists, tools it serves). */
  dir: string;
  /** Returns `ip` if it is a lab address, else throws: every tool's target goes through it. */
  target(ip: string): string;
  /** Seconds this step may still use. */
  left(): number;
}

/** One attack step. */
export interface Step {
  name: string;
  label: Label;
  /** Families whose address-less lines in the step's window belong to it (with `user`). */
  families: string[];
  /**
   * Families the step's traffic reaches (empty: any). A line with the attacker's address in a
   * family the current step does not reach belongs to the last step that did, if it ended
   * recently: a slow failure logged after its step.
   */
  targets: string[];
  /** When set, a window-claimed line must contain this (an account, a working directory). */
  user?: (p: Plan) => string;
  /** Longest the step may run, seconds. */
  maxS: number;
  /** Share of the run's time the step may take, in units of an ordinary step's (default 1). */
  weight?: number;
  run(ctx: AttackCtx): Promise<unknown>;
}

const ALL: Step[] = [...RECON_STEPS, ...WEB_STEPS, ...CRED_STEPS, ...POST_STEPS];

/** The steps of a scenario, by name, in order. */
export function stepsByName(names: string[]): Step[] {
  return names.map((n) => {
    const s = ALL.find((x) => x.name === n);
    if (!s) throw new Error(`unknown attack step ${n}`);
    return s;
  });
}
