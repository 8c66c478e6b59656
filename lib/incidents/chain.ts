/**
 * Kill-chain links: an incident at a later step (scan → exploit → credential access →
 * privilege escalation → C2 → exfiltration) links to the earlier-step incidents of the same
 * entity within a horizon, so the board can draw the chain and severity can rise with it.
 *
 * @module
 */
import type { IncidentStatus } from "../core/schemas.ts";
import type { Label } from "../core/taxonomy.ts";

/** Each class's step in the kill chain (scans share the first step). */
export const KILL_CHAIN_STEP: Record<Label, number> = {
  benign: 0,
  recon_scan: 1,
  web_scan: 1,
  web_exploit: 2,
  credential_access: 3,
  privilege_escalation: 4,
  command_and_control: 5,
  exfiltration: 6,
};

/** What chaining needs to know of an earlier incident (the entity index holds it). */
export interface IncidentRef {
  /** The incident's id. */
  id: string;
  /** Its class (gives its kill-chain step). */
  label: Label;
  /** When it began (epoch ms). */
  firstSeen: number;
  /** False positives are never linked. */
  status: IncidentStatus;
}

/** Most links kept on one incident. */
export const MAX_CHAIN = 10;

/**
 * The earlier incidents a new `label` incident of the same entity follows, oldest first:
 * lower kill-chain step, first seen within `horizonMs` before `at`, not marked false positive.
 */
export function chainFor(
  label: Label,
  at: number,
  earlier: IncidentRef[],
  horizonMs: number,
): string[] {
  const step = KILL_CHAIN_STEP[label];
  return earlier
    .filter((r) =>
      KILL_CHAIN_STEP[r.label] < step && r.status !== "false_positive" && r.firstSeen <= at &&
      at - r.firstSeen <= horizonMs
    )
    .sort((a, b) => a.firstSeen - b.firstSeen)
    .slice(-MAX_CHAIN)
    .map((r) => r.id);
}
