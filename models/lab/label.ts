/**
 * Labels collected lines: by the actor's address where the line shows it; else through a
 * shared id (sshd PID, postfix queue id, dovecot session, dnsmasq query serial) with a line
 * that does; else by an attack step's time window plus its families and account; else benign.
 *
 * @module
 */
import type { Label } from "../../lib/taxonomy.ts";
import type { Collected } from "./collect.ts";
import { evidence } from "./evidence.ts";

/** One finished attack step as the runner measured it. */
export interface StepRun {
  name: string;
  label: Label;
  start: number;
  end: number;
  families: string[];
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
const SLACK_MS = 1500;

/** The ids a line shares with its session's other lines, family-scoped. */
export function sharedIds(c: Collected): string[] {
  const ids: string[] = [];
  const pid = /\bsshd(?:-session)?\[(\d+)\]/.exec(c.line);
  if (pid && c.family === "sshd") ids.push(`sshd:${pid[1]}`);
  const qid = /postfix\/\w+\[\d+\]: ([0-9A-F]{8,14}):/.exec(c.line);
  if (qid) ids.push(`postfix:${qid[1]}`);
  const sess = /session=<([^>]+)>/.exec(c.line) ?? /\(\w+\)<\d+><([^>]+)>/.exec(c.line);
  if (sess) ids.push(`dovecot:${sess[1]}`);
  const dns = /dnsmasq\[\d+\]: (\d+) /.exec(c.line);
  if (dns) ids.push(`dnsmasq:${dns[1]}`);
  return ids;
}

function stepAt(steps: StepRun[], t: number): StepRun | undefined {
  if (!steps.length || Number.isNaN(t)) return steps.at(-1);
  const inside = steps.find((s) => t >= s.start - SLACK_MS && t <= s.end + SLACK_MS);
  if (inside) return inside;
  const dist = (s: StepRun) => Math.min(Math.abs(t - s.start), Math.abs(t - s.end));
  return [...steps].sort((a, b) => dist(a) - dist(b))[0];
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
    const s = stepAt(steps, c.time);
    if (!s) return { label: "recon_scan", actor: "attacker", step: null, confidence: 0.6 };
    const inside = c.time >= s.start - SLACK_MS && c.time <= s.end + SLACK_MS;
    return { label: s.label, actor: "attacker", step: s.name, confidence: inside ? 0.99 : 0.85 };
  }
  const user = ips.find((ip) => o.users.has(ip));
  if (user) return { label: "benign", actor: o.users.get(user)!, step: null, confidence: 0.99 };
}

function byWindow(c: Collected, steps: StepRun[]): Verdict | undefined {
  const s = steps.find((s) =>
    c.time >= s.start - SLACK_MS && c.time <= s.end + SLACK_MS && s.families.includes(c.family) &&
    (!s.user || new RegExp(`\\b${s.user}\\b`).test(c.line))
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
    if (!v) {
      const id = sharedIds(c).find((x) => viaId.has(x));
      if (id) v = { ...viaId.get(id)!, confidence: viaId.get(id)!.confidence - 0.04 };
    }
    v ??= byWindow(c, steps) ?? { label: "benign", actor: "system", step: null, confidence: 0.9 };
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
