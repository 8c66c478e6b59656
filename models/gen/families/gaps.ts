/**
 * Gap-filling templates: Zeek notices, scan tools on hosts, HTTP-auth failures, group/privesc
 * traces, outbound C2 flows, FTP/proxy bulk transfers and their benign look-alikes.
 *
 * @module
 */
import type { Template } from "../types.ts";
import { TEMPLATES as RECON } from "./gaps_recon.ts";
import { TEMPLATES as CRED } from "./gaps_cred.ts";
import { TEMPLATES as PRIVESC } from "./gaps_privesc.ts";
import { TEMPLATES as C2 } from "./gaps_c2.ts";
import { TEMPLATES as EXFIL } from "./gaps_exfil.ts";
import { TEMPLATES as BENIGN } from "./gaps_benign.ts";

/** Templates for the evaluation gaps. */
export const TEMPLATES: Template[] = [
  ...RECON,
  ...CRED,
  ...PRIVESC,
  ...C2,
  ...EXFIL,
  ...BENIGN,
];
