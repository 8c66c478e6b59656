/**
 * Corpus templates: network log families (firewalls, IDS, DNS, flow logs and scan traces in
 * service logs).
 *
 * @module
 */
import type { Template } from "../types.ts";
import { TEMPLATES as FW } from "./network_fw.ts";
import { TEMPLATES as PF } from "./network_pf.ts";
import { TEMPLATES as ASA } from "./network_asa.ts";
import { TEMPLATES as FORTI } from "./network_forti.ts";
import { TEMPLATES as IDS } from "./network_ids.ts";
import { TEMPLATES as EVE } from "./network_eve.ts";
import { TEMPLATES as DNS } from "./network_dns.ts";
import { TEMPLATES as BIND } from "./network_bind.ts";
import { TEMPLATES as ZEEK } from "./network_zeek.ts";
import { TEMPLATES as PROBES } from "./network_probes.ts";

/** Every template of this family group. */
export const TEMPLATES: Template[] = [
  ...FW,
  ...PF,
  ...ASA,
  ...FORTI,
  ...IDS,
  ...EVE,
  ...DNS,
  ...BIND,
  ...ZEEK,
  ...PROBES,
];
