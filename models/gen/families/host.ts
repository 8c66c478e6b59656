/**
 * Corpus templates: host log families (system noise, apps, auditd and command logs, metricbeat,
 * host-side attacks).
 *
 * @module
 */
import type { Template } from "../types.ts";
import { SYS_TEMPLATES } from "./host_sys.ts";
import { PKG_TEMPLATES } from "./host_pkg.ts";
import { APP_TEMPLATES } from "./host_apps.ts";
import { AUDIT_TEMPLATES } from "./host_audit.ts";
import { METRIC_TEMPLATES } from "./host_metric.ts";
import { C2_TEMPLATES } from "./host_c2.ts";
import { PRIV_TEMPLATES } from "./host_priv.ts";
import { EXFIL_TEMPLATES } from "./host_exfil.ts";

/** Every template of this family group. */
export const TEMPLATES: Template[] = [
  ...SYS_TEMPLATES,
  ...PKG_TEMPLATES,
  ...APP_TEMPLATES,
  ...AUDIT_TEMPLATES,
  ...METRIC_TEMPLATES,
  ...C2_TEMPLATES,
  ...PRIV_TEMPLATES,
  ...EXFIL_TEMPLATES,
];
