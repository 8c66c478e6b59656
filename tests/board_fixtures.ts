/**
 * Test data for the board: incidents valid under IncidentSchema, and attacker-style payloads
 * (script tags, event handlers, `javascript:` links, markdown tricks) to put in every text field.
 *
 * @module
 */
import { type Incident, IncidentSchema } from "../lib/core/schemas.ts";
import { TAXONOMY } from "../lib/core/taxonomy.ts";

/** Lines and texts that would execute if any of them became markup. */
export const XSS = [
  `<script>alert("xss-script")</script>`,
  `<img src=x onerror="alert('xss-img')">`,
  `"><svg onload=alert(1)>`,
  `</script><script>alert("xss-close")</script>`,
  `javascript:alert('xss-js')`,
  `[click me](javascript:alert('xss-md-link'))`,
  `![pixel](http://198.51.100.9/track.png)`,
  `<a href="javascript:alert('xss-a')">x</a>`,
  `<iframe src="javascript:alert('xss-iframe')"></iframe>`,
  `\u2028</SCRIPT ><!-- {{constructor.constructor('alert(1)')()}}`,
];

/** A markdown advice text full of tricks. */
export const XSS_MARKDOWN = [
  "## Contain",
  "1. Block the address at the edge.",
  "2. " + XSS[0],
  "",
  "<div onmouseover=\"alert('xss-div')\">hover</div>",
  "",
  "[a link](javascript:alert('xss-md'))  [data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
  "",
  "![img](x onerror=alert(1))  <https://attack.mitre.org/techniques/T1190/>",
  "",
  "```html",
  "<script>alert('in code')</script>",
  "```",
].join("\n");

let n = 0;

/** An incident with sensible defaults; `over` wins. Validated by the shared schema. */
export function incident(over: Partial<Incident> = {}): Incident {
  const label = over.label ?? "credential_access";
  const now = Date.now();
  n++;
  return IncidentSchema.parse({
    id: `inc-${now.toString(36)}-${n}`,
    label,
    entity: `203.0.113.${n % 250}`,
    entityKind: "ip",
    status: "new",
    severity: "high",
    version: 1,
    detectors: ["model"],
    rules: [],
    tactics: TAXONOMY[label].tactics,
    techniques: TAXONOMY[label].techniques,
    count: 120,
    firstSeen: now - 12 * 60_000,
    lastSeen: now - 60_000,
    hosts: ["bastion"],
    sources: ["tcp · bastion · sshd"],
    users: ["root"],
    perMinute: [3, 8, 12, 20, 15, 9, 11, 14, 10, 7, 6, 5],
    samples: [{
      line: "Failed password for root from 203.0.113.7 port 52211 ssh2",
      source: { transport: "tcp", host: "bastion", app: "sshd" },
      receivedAt: now - 12 * 60_000,
      context: ["Connection from 203.0.113.7 port 52211 on 10.0.0.5 port 22"],
      why: "first",
    }],
    chain: [],
    audit: [],
    ...over,
  });
}
