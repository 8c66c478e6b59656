/**
 * Corpus templates: authentication logs (sshd, sudo/su/polkit, mail servers, FTP, databases, VPN,
 * web logins).
 *
 * @module
 */
import type { Template } from "../types.ts";
import { IMAP_TEMPLATES } from "./auth_imap.ts";
import { POSTFIX_TEMPLATES } from "./auth_postfix.ts";
import { SERVICE_TEMPLATES } from "./auth_services.ts";
import { SSHD_TEMPLATES } from "./auth_sshd.ts";
import { SU_TEMPLATES } from "./auth_su.ts";
import { SUDO_TEMPLATES } from "./auth_sudo.ts";

/** Every template of this family group. */
export const TEMPLATES: Template[] = [
  ...SSHD_TEMPLATES,
  ...SUDO_TEMPLATES,
  ...SU_TEMPLATES,
  ...POSTFIX_TEMPLATES,
  ...IMAP_TEMPLATES,
  ...SERVICE_TEMPLATES,
];
