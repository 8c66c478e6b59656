/**
 * Corpus templates: web log families (access, error, ModSecurity, squid proxy).
 *
 * @module
 */
import type { Template } from "../types.ts";
import { BENIGN_ACCESS } from "./web_benign.ts";
import { BENIGN_APACHE } from "./web_benign_err.ts";
import { BENIGN_NGINX } from "./web_benign_nginx.ts";
import { BENIGN_SQUID } from "./web_benign_squid.ts";
import { EXPLOIT } from "./web_exploit.ts";
import { EXPLOIT_ERR } from "./web_exploit_err.ts";
import { PROXY } from "./web_proxy.ts";
import { SCAN } from "./web_scan.ts";
import { SCAN_ERR } from "./web_scan_err.ts";
import { TEMPLATES as INJECT } from "./web_inject.ts";

/** Every template of this family group. */
export const TEMPLATES: Template[] = [
  ...BENIGN_ACCESS,
  ...BENIGN_APACHE,
  ...BENIGN_NGINX,
  ...BENIGN_SQUID,
  ...SCAN,
  ...SCAN_ERR,
  ...EXPLOIT,
  ...EXPLOIT_ERR,
  ...PROXY,
  ...INJECT,
];
