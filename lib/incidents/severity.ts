/**
 * Incident severity: a base per class, raised by volume, spread over hosts, a successful
 * follow-up (a login after a brute force) and the kill chain it sits on.
 *
 * @module
 */
import { type Incident, SEVERITIES, type Severity } from "../core/schemas.ts";
import type { Label } from "../core/taxonomy.ts";

/** Base level per class (0 = low ... 3 = critical): scans are noise until they lead somewhere. */
const BASE: Record<Label, number> = {
  benign: 0,
  recon_scan: 0,
  web_scan: 0,
  web_exploit: 1,
  credential_access: 1,
  privilege_escalation: 2,
  command_and_control: 2,
  exfiltration: 2,
};

/** Lines at which volume raises severity one level. */
export const VOLUME_STEP = 50;
/** Hosts at which spread raises severity one level. */
export const SPREAD_STEP = 3;

/** The severity an incident's current state earns. */
export function severityOf(
  inc: Pick<Incident, "label" | "count" | "hosts" | "chain" | "followUp">,
): Severity {
  let level = BASE[inc.label];
  if (inc.count >= VOLUME_STEP) level++;
  if (inc.hosts.length >= SPREAD_STEP) level++;
  if (inc.followUp) level += 2;
  level += Math.min(2, inc.chain.length);
  return SEVERITIES[Math.min(level, SEVERITIES.length - 1)];
}
