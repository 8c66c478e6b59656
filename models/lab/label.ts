/**
 * Labels collected lines: by the actor's address where the line shows it; else through a
 * shared id (sshd PID, postfix queue id, dovecot session, dnsmasq query serial) with a line
 * that does; else by an attack step's time window plus its families and account; else benign.
 * A failed login is credential_access whoever typed it (a benign user's typo included).
 *
 * @module
 */
import type { Label } from "../../lib/core/taxonomy.ts";
import type { Collected } from "./collect.ts";
import { evidence, FAILED_AUTH } from "./evidence.ts";
import { syslogParts } from "./syslog_parts.ts";

/** One finished attack step as the runner measured it. */
export interface StepRun {
  name: string;
  label: Label;
  start: number;
  end: number;
  families: string[];
  /** Families the step's traffic reaches (empty: any). */
  targets: string[];
  user?: string;
}

/** One output record (a JSONL line). */
export interface Labelled {
  line: string;
  label: Label;
  family: string;
  scenario: string;
  confidence: number;
  actor: string;
  step: string | null;
  evidence: "line" | "context";
}

/** Who owns which address. */
export interface Owners {
  attacker: string;
  /** User address → actor id. */
  users: Map<string, string>;
}

const IPV4 = /(?<![\d.])(\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})(?![\d])/g;
const SLACK_MS = 1000;
/** How long after its step a slow failure (PAM delay, login timeout) may still be logged. */
const LINGER_MS = 30_000;

/** The ids a line shares with its session's other lines, family-scoped. */
export function sharedIds(c: Collected): string[] {
  const p = syslogParts(c.line);
  if (!p) return [];
  const ids: string[] = [];
  if (c.family === "sshd" && p.pid) ids.push(`sshd:${p.pid}`);
  const qid = /^([0-9A-F]{8,14}):/.exec(p.msg);
  if (qid && c.family === "postfix") ids.push(`postfix:${qid[1]}`);
  const sess = /session=<([^>]+)>/.exec(p.msg) ?? /^\w+\([^)]*\)<\d+><([^>]+)>/.exec(p.msg) ??
    /pam\([^,]+,[^,]+,<([^>]+)>\)/.exec(p.msg);
  if (sess && c.family === "dovecot") ids.push(`dovecot:${sess[1]}`);
  const dns = /^(\d+) [\d.]+\/\d+ /.exec(p.msg);
  if (dns && c.family === "dnsmasq") ids.push(`dnsmasq:${dns[1]}`);
  return ids;
}

/** Families whose own timestamps have whole-second resolution (the sidecar has µs). */
const SECOND_RES = new Set([
  "apache_access",
  "nginx_access",
  "nginx_error",
  "mariadb",
  "squid_cache",
]);

/** The step whose window holds the line's time (a whole second for second-resolution lines). */
function stepAt(steps: StepRun[], c: Collected): { step?: StepRun; inside: boolean } {
  const t = c.time, res = SECOND_RES.has(c.family) ? 999 : 0;
  if (!steps.length || Number.isNaN(t)) return { step: steps.at(-1), inside: false };
  const inside = steps.find((s) => t + res >= s.start && t <= s.end) ??
    steps.find((s) => t + res >= s.start - SLACK_MS && t <= s.end + SLACK_MS);
  const reaches = (s: StepRun) => !s.targets.length || s.targets.includes(c.family);
  if (inside && reaches(inside)) return { step: inside, inside: true };
  const lingering = steps.filter((s) =>
    s.start <= t + res && s.targets.includes(c.family) && t - s.end <= LINGER_MS
  ).at(-1);
  if (lingering) return { step: lingering, inside: false };
  if (inside) return { step: inside, inside: true };
  // Outside every window: a line follows its cause, so it belongs to the last step begun.
  const begun = steps.filter((s) => s.start <= t + res);
  return { step: begun.at(-1) ?? steps[0], inside: false };
}

interface Verdict {
  label: Label;
  actor: string;
  step: string | null;
  confidence: number;
}

function byAddress(c: Collected, o: Owners, steps: StepRun[]): Verdict | undefined {
  const ips = [...c.line.matchAll(IPV4)].map((m) => m[1]);
  if (ips.includes(o.attacker)) {
    const { step: s, inside } = stepAt(steps, c);
    if (!s) return { label: "recon_scan", actor: "attacker", step: null, confidence: 0.6 };
    return { label: s.label, actor: "attacker", step: s.name, confidence: inside ? 0.99 : 0.85 };
  }
  const user = ips.find((ip) => o.users.has(ip));
  if (user) return { label: "benign", actor: o.users.get(user)!, step: null, confidence: 0.99 };
}

function byWindow(c: Collected, steps: StepRun[]): Verdict | undefined {
  const s = steps.find((s) =>
    c.time >= s.start - SLACK_MS && c.time <= s.end + SLACK_MS && s.families.includes(c.family) &&
    (!s.user || new RegExp(`\\b${s.user.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\b`).test(c.line))
  );
  if (s) return { label: s.label, actor: "attacker", step: s.name, confidence: 0.75 };
}

/** Labels every collected line of one run. */
export function labelLines(
  lines: Collected[],
  o: Owners,
  steps: StepRun[],
  scenario: string,
): Labelled[] {
  const direct = lines.map((c) => byAddress(c, o, steps));
  const viaId = new Map<string, Verdict>();
  lines.forEach((c, i) => {
    const v = direct[i];
    if (v) { for (const id of sharedIds(c)) if (!viaId.has(id)) viaId.set(id, v); }
  });
  return lines.map((c, i) => {
    let v = direct[i];
    const id = sharedIds(c).find((x) => viaId.has(x));
    const first = id ? viaId.get(id) : undefined;
    if (v?.actor === "attacker" && first?.actor === "attacker") {
      // A session that outlives its step (a slow IMAP failure, a long ssh connection) keeps
      // the class of the step that opened it.
      v = { ...v, label: first.label, step: first.step };
    } else if (!v && first) v = { ...first, confidence: first.confidence - 0.04 };
    v ??= byWindow(c, steps) ?? { label: "benign", actor: "system", step: null, confidence: 0.9 };
    // A failed login shows credential_access whoever typed it: the actor stays, the label
    // follows the line (0.9: the wording, not the actor, decides).
    if (v.label === "benign" && FAILED_AUTH.test(c.line)) {
      v = { ...v, label: "credential_access", confidence: 0.9 };
    }
    return {
      line: c.line,
      label: v.label,
      family: c.family,
      scenario,
      confidence: Math.round(v.confidence * 100) / 100,
      actor: v.actor,
      step: v.step,
      evidence: evidence(v.label, c.line),
    };
  });
}
