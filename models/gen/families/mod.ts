/**
 * Every corpus template, from all log-family groups.
 *
 * @module
 */
import type { Template } from "../types.ts";
import { TEMPLATES as WEB } from "./web.ts";
import { TEMPLATES as AUTH } from "./auth.ts";
import { TEMPLATES as NETWORK } from "./network.ts";
import { TEMPLATES as HOST } from "./host.ts";
import { TEMPLATES as GAPS } from "./gaps.ts";

/** All templates, in a fixed order (the order is part of the seeded output). */
export const ALL_TEMPLATES: Template[] = [...WEB, ...AUTH, ...NETWORK, ...HOST, ...GAPS];
