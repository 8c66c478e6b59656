/**
 * Webhook payloads. The generic JSON body ({@link WebhookPayloadSchema}, README "Webhooks")
 * and a Slack-compatible `{ text, blocks }` message. Entity, host and user names come from
 * log lines: in Slack text they are escaped (`&`, `<`, `>`: no links, no @channel) and shown
 * as code.
 *
 * @module
 */
import { z } from "zod";
import {
  type Incident,
  IncidentStatusSchema,
  type Infer,
  LabelSchema,
  type Severity,
  SeveritySchema,
} from "../core/schemas.ts";
import { TAXONOMY } from "../core/taxonomy.ts";
import { oneLine } from "../core/text.ts";

/** Most hosts or users listed in one payload. */
const MAX_LIST = 20;

/**
 * The generic JSON webhook body (schema "insyt.webhook.v1").
 *
 * @ignore
 */
export const WebhookPayloadSchema = z.object({
  schema: z.literal("insyt.webhook.v1"),
  type: z.enum(["incident.created", "incident.severity_raised"]),
  /** Unique per event; the same on every retry of it (receivers dedupe on it). */
  deliveryId: z.string(),
  /** ISO time the event was made; receivers may reject old ones. */
  sentAt: z.iso.datetime(),
  incident: z.object({
    id: z.string(),
    label: LabelSchema,
    meaning: z.string(),
    entity: z.string(),
    entityKind: z.enum(["ip", "user", "source"]),
    severity: SeveritySchema,
    /** Set on "incident.severity_raised". */
    previousSeverity: SeveritySchema.optional(),
    status: IncidentStatusSchema,
    version: z.number().int(),
    count: z.number().int(),
    firstSeen: z.iso.datetime(),
    lastSeen: z.iso.datetime(),
    hosts: z.array(z.string()).max(MAX_LIST),
    users: z.array(z.string()).max(MAX_LIST),
    tactics: z.array(z.string()),
    techniques: z.array(z.string()),
    /** Earlier incidents of the same entity in the kill chain. */
    chain: z.array(z.string()),
  }),
});
/** The generic JSON webhook body (fields: `WebhookPayloadSchema`). */
export type WebhookPayload = Infer<typeof WebhookPayloadSchema>;

/** The JSON payload for an incident that is new or stepped up from `previous`. */
export function webhookPayload(
  incident: Incident,
  previous: Severity | undefined,
  deliveryId: string,
  now = Date.now(),
): WebhookPayload {
  const iso = (t: number) => new Date(t).toISOString();
  return {
    schema: "insyt.webhook.v1",
    type: previous ? "incident.severity_raised" : "incident.created",
    deliveryId,
    sentAt: iso(now),
    incident: {
      id: incident.id,
      label: incident.label,
      meaning: TAXONOMY[incident.label].meaning,
      entity: incident.entity,
      entityKind: incident.entityKind,
      severity: incident.severity,
      ...(previous ? { previousSeverity: previous } : {}),
      status: incident.status,
      version: incident.version,
      count: incident.count,
      firstSeen: iso(incident.firstSeen),
      lastSeen: iso(incident.lastSeen),
      hosts: incident.hosts.slice(0, MAX_LIST),
      users: incident.users.slice(0, MAX_LIST),
      tactics: incident.tactics,
      techniques: incident.techniques,
      chain: incident.chain,
    },
  };
}

/** Slack mrkdwn for an untrusted value: escaped, one line, bounded, as inline code. */
export function slackCode(s: string, max = 120): string {
  const text = oneLine(s, max)
    .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/`/g, "'");
  return "`" + (text || " ") + "`";
}

/** A Slack incoming-webhook message for the payload. */
export function slackPayload(p: WebhookPayload): { text: string; blocks: unknown[] } {
  const i = p.incident;
  const what = p.type === "incident.created"
    ? `New ${i.severity} incident`
    : `Incident raised to ${i.severity} (was ${i.previousSeverity})`;
  const list = (xs: string[]) =>
    xs.length ? xs.slice(0, 5).map((x) => slackCode(x)).join(", ") : "–";
  const text = `INSyT: ${what}: ${i.label} from ${slackCode(i.entity)} (${i.count} lines)`;
  return {
    text,
    blocks: [
      { type: "header", text: { type: "plain_text", text: `INSyT: ${what}`.slice(0, 150) } },
      {
        type: "section",
        fields: [
          { type: "mrkdwn", text: `*Class*\n${i.label}` },
          { type: "mrkdwn", text: `*Entity (${i.entityKind})*\n${slackCode(i.entity)}` },
          { type: "mrkdwn", text: `*Lines*\n${i.count}` },
          { type: "mrkdwn", text: `*Hosts*\n${list(i.hosts)}` },
          { type: "mrkdwn", text: `*ATT&amp;CK*\n${i.techniques.join(", ") || "–"}` },
          { type: "mrkdwn", text: `*Seen*\n${i.firstSeen} → ${i.lastSeen}` },
        ],
      },
      { type: "context", elements: [{ type: "mrkdwn", text: `incident ${slackCode(i.id)}` }] },
    ],
  };
}
