/** @module Test helper: hits built from raw lines the way the batch extension builds them. */
import type { Source } from "../core/schemas.ts";
import type { Label } from "../core/taxonomy.ts";
import { parseFields } from "../formats/fields.ts";
import { entityOf } from "./entity.ts";
import type { Hit } from "./incident.ts";

/** A model hit for `line` from `host` over UDP at time `at`. */
export function hitOf(label: Label, line: string, at: number, host = "bastion"): Hit {
  const source: Source = { transport: "udp", host };
  const fields = parseFields(line);
  return {
    label,
    entity: entityOf(fields, source, () => undefined),
    ...(fields.user ? { user: fields.user } : {}),
    line,
    source,
    receivedAt: at,
    context: [],
    detectors: ["model"],
    rules: [],
    techniques: ["T1110"],
  };
}

/** `sshd` failure number `n` from `ip`. */
export const sshFail = (n: number, ip = "203.0.113.7") =>
  `sshd[${800 + n}]: Failed password for invalid user u${n} from ${ip} port ${40000 + n} ssh2`;
