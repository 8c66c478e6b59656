/**
 * A valid {@link Incident} for tests of code that consumes incidents (advice, notifications)
 * before the incidents engine exists: a credential_access brute force with two samples.
 *
 * @module
 */
import { type Incident, IncidentSchema } from "../lib/core/schemas.ts";

const T0 = Date.UTC(2026, 11, 1, 7, 0, 0);

/** A brute-force incident, with `over` replacing any field; validated against the schema. */
export function incidentFixture(over: Partial<Incident> = {}): Incident {
  return IncidentSchema.parse({
    id: "0mg4x1b00-a1b2c3d4",
    label: "credential_access",
    entity: "203.0.113.7",
    entityKind: "ip",
    status: "new",
    severity: "high",
    version: 1,
    detectors: ["model", "behaviour"],
    rules: ["auth_failures_per_source"],
    tactics: ["TA0006"],
    techniques: ["T1110"],
    count: 4211,
    firstSeen: T0,
    lastSeen: T0 + 12 * 60_000,
    hosts: ["bastion"],
    sources: ["bastion/sshd"],
    users: ["root", "admin"],
    perMinute: [300, 350, 351],
    samples: [
      {
        line: "sshd[811]: Failed password for root from 203.0.113.7 port 4711 ssh2",
        source: { transport: "tcp", host: "bastion", app: "sshd" },
        receivedAt: T0,
        context: ["sshd[811]: Connection from 203.0.113.7 port 4711 on 10.0.0.2 port 22"],
        why: "first",
      },
      {
        line: "sshd[990]: Failed password for invalid user admin from 203.0.113.7 port 5123 ssh2",
        source: { transport: "tcp", host: "bastion", app: "sshd" },
        receivedAt: T0 + 12 * 60_000,
        context: [],
        why: "last",
      },
    ],
    chain: [],
    audit: [],
    ...over,
  });
}
