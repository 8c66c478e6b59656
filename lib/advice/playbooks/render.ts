/**
 * Fills an incident's values into its class playbook and technique notes: the advice shown
 * at once, whenever the language model is absent, slow, out of budget or wrong. Every value
 * taken from the incident (attacker-controlled: entity, hosts, users) goes in as a code span.
 *
 * @module
 */
import type { Advice, Incident } from "../../core/schemas.ts";
import { TAXONOMY } from "../../core/taxonomy.ts";
import { codeList, codeSpan, formatDuration } from "../../core/text.ts";
import { CLASS_PLAYBOOKS } from "./classes.ts";
import { techniqueNote } from "./techniques.ts";

function filler(incident: Incident): (text: string) => string {
  const span = formatDuration(incident.lastSeen - incident.firstSeen);
  const values: Record<string, string> = {
    entity: codeSpan(incident.entity),
    hosts: codeList(incident.hosts),
    users: codeList(incident.users),
    count: incident.count.toLocaleString("en-US"),
    span,
  };
  return (text) => text.replace(/\{(\w+)\}/g, (m, k: string) => values[k] ?? m);
}

/** The playbook for `incident` as markdown. */
export function playbookMarkdown(incident: Incident): string {
  const book = CLASS_PLAYBOOKS[incident.label];
  const fill = filler(incident);
  const bullets = (items: string[]) => items.map((i) => `- ${fill(i)}`).join("\n");
  const iso = (t: number) => new Date(t).toISOString().replace(/\.\d+Z$/, "Z");
  const tactics = incident.tactics.length ? incident.tactics : TAXONOMY[incident.label].tactics;
  const techniques = incident.techniques.length
    ? incident.techniques
    : TAXONOMY[incident.label].techniques;
  // The class texts speak of blocking the entity; for an account or a log source that
  // means the addresses behind it.
  const entityLine = {
    ip: "",
    user: `- ${codeSpan(incident.entity)} is an account, not an address: lock it, and apply ` +
      "the address blocks below to the addresses in its sample lines.\n",
    source: `- ${codeSpan(incident.entity)} is a log source: apply the address blocks below ` +
      "to the addresses in its sample lines, or isolate that source.\n",
  }[incident.entityKind];
  const notes = techniques.map((t) => {
    const n = techniqueNote(t);
    return n ? `- **${t} ${n.name}**: ${fill(n.note)}` : `- **${codeSpan(t)}**`;
  });
  const chain = incident.chain.length
    ? `\n\nThis incident follows ${incident.chain.length} earlier incident(s) of the same entity: ${
      codeList(incident.chain)
    }. Read them together: the chain shows how far the attack has progressed.`
    : "";
  return [
    `## ${book.title}`,
    "_Built-in INSyT playbook; no language model was involved._",
    `**Incident:** class ${codeSpan(incident.label)}, severity **${incident.severity}**, entity ${
      codeSpan(incident.entity)
    } (${incident.entityKind}), ${fill("{count}")} lines from ${iso(incident.firstSeen)} to ${
      iso(incident.lastSeen)
    } (${fill("{span}")}), hosts ${fill("{hosts}")}.` +
    `\n**ATT&CK:** ${tactics.join(", ") || "none"}; ${techniques.join(", ") || "none"}.` + chain,
    `### Why this class\n${fill(book.why)}`,
    `### Containment\n${entityLine}${bullets(book.contain)}`,
    `### Eradication\n${bullets(book.eradicate)}`,
    `### Recovery\n${bullets(book.recover)}`,
    `### What to look at next\n${bullets(book.next)}`,
    notes.length ? `### ATT&CK techniques\n${notes.join("\n")}` : "",
  ].filter(Boolean).join("\n\n") + "\n";
}

/** The playbook as stored advice for the incident's current version. */
export function playbookAdvice(incident: Incident, error?: string, now = Date.now()): Advice {
  return {
    source: "playbook",
    markdown: playbookMarkdown(incident),
    version: incident.version,
    severity: incident.severity,
    complete: true,
    updatedAt: now,
    ...(error ? { error } : {}),
  };
}
