/**
 * One lab run: install, build and audit the topology, boot the server, run benign users
 * throughout and the attack steps in order, tear everything down by PID (also on failure or
 * SIGINT/SIGTERM), then collect, label and write the JSONL and the report.
 *
 * @module
 */
import type { Actor } from "./actor.ts";
import { type AttackCtx, stepsByName } from "./attacks.ts";
import { benignActions, benignLoop } from "./benign.ts";
import { readNative, readSidecar } from "./collect.ts";
import { labelLines, type StepRun } from "./label.ts";
import { buildTopology, listLabNamespaces, reapStale, teardownTopology } from "./netns.ts";
import { ensurePackages, LAB_PACKAGES } from "./packages.ts";
import { labAddresses, makePlan } from "./plan.ts";
import { alive, killAll, livePids, logCommandsTo, run } from "./proc.ts";
import { countLines, formatReport, type Report } from "./report.ts";
import { assertLabTarget, auditNamespace } from "./safety.ts";
import { scenarioByName } from "./scenarios.ts";
import { bootServer, prepareServer } from "./server.ts";
import { startAttackerServices } from "./attacker_services.ts";

/** Options of one run (the CLI flags). */
export interface RunOptions {
  scenario: string;
  seed: number;
  out: string;
  budgetS: number;
  smoke: boolean;
}

/** Host PIDs of every process inside the given namespaces (to check they are gone later). */
async function namespacePids(nss: string[]): Promise<number[]> {
  const out: number[] = [];
  for (const ns of nss) {
    const r = await run(["ip", "netns", "pids", ns], 5);
    out.push(...r.stdout.split("\n").filter(Boolean).map(Number));
  }
  return out;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs the lab once and returns its report; the JSONL is at `${out}/${scenario}-${seed}.jsonl`. */
export async function runLab(o: RunOptions): Promise<Report> {
  // Before the budget's clock starts: on a fresh machine the install takes minutes.
  await ensurePackages(LAB_PACKAGES);
  const t0 = Date.now();
  const scenario = scenarioByName(o.smoke ? "smoke" : o.scenario);
  const plan = makePlan(scenario, o.seed);
  const base = `${o.out}/${scenario.name}-${o.seed}`;
  const work = `${base}.run`;
  await Deno.remove(work, { recursive: true }).catch(() => {});
  await Deno.mkdir(`${work}/atk`, { recursive: true });
  await Deno.mkdir(`${work}/usr`, { recursive: true });
  logCommandsTo(`${work}/commands.log`);
  const deadline = t0 + o.budgetS * 1000;
  const left = () => Math.max(0, Math.floor((deadline - Date.now()) / 1000));
  let stopping = false;
  const teardown = async () => {
    stopping = true;
    await killAll();
    await teardownTopology();
  };
  const onSignal = () => {
    console.error("lab: signal received, tearing down");
    teardown().finally(() => Deno.exit(130));
  };
  Deno.addSignalListener("SIGINT", onSignal);
  Deno.addSignalListener("SIGTERM", onSignal);
  const watchdog = setTimeout(() => {
    console.error("lab: budget exhausted, tearing down");
    teardown().finally(() => Deno.exit(124));
  }, (o.budgetS + 60) * 1000);
  const steps: StepRun[] = [];
  let pids: number[] = [];
  try {
    const reaped = await reapStale();
    if (reaped.length) console.error(`lab: removed namespaces of a killed earlier run: ${reaped}`);
    await buildTopology(plan);
    const daemons = scenario.daemons;
    await prepareServer(`${work}/srv`, plan, daemons);
    await bootServer(`${work}/srv`, plan, daemons, o.budgetS + 30);
    for (const ns of Object.values(plan.ns)) await auditNamespace(ns, labAddresses(plan));
    const users: Actor[] = plan.userHosts.map((host) => ({
      ns: plan.ns.usr,
      host,
      cwd: `${work}/usr`,
    }));
    const atk: Actor = { ns: plan.ns.atk, host: plan.atkHost, cwd: `${work}/atk` };
    if (!o.smoke) await startAttackerServices(plan, atk, `${work}/atk`, left() + 10);
    const actions = benignActions(daemons);
    const loops = Array.from(
      { length: o.smoke ? 1 : 2 },
      () =>
        benignLoop(plan, users, actions, () => stopping || left() < 5, 5000, o.smoke ? 400 : 250),
    );
    const stepList = stepsByName(scenario.attacks);
    const share = (left() * 0.8) / (stepList.length + 2);
    await sleep(Math.min(share, 20) * 1000);
    for (const s of stepList) {
      if (left() < 15) break;
      const stepEnd = Date.now() +
        Math.min(s.maxS, share * 2 * (s.weight ?? 1), left() - 10) * 1000;
      const ctx: AttackCtx = {
        plan,
        atk,
        dir: `${work}/atk`,
        target: (ip) => assertLabTarget(ip, labAddresses(plan)),
        left: () => Math.max(1, Math.floor((stepEnd - Date.now()) / 1000)),
      };
      const start = Date.now();
      await s.run(ctx).catch((e) => console.error(`lab: step ${s.name} failed: ${e}`));
      steps.push({
        name: s.name,
        label: s.label,
        start,
        end: Date.now(),
        families: s.families,
        targets: s.targets,
        user: s.user?.(plan),
      });
      await sleep(2500);
    }
    await sleep(Math.min(share, 15) * 1000);
    stopping = true;
    await Promise.all(loops);
    await sleep(1500);
  } finally {
    pids = [...livePids(), ...(await namespacePids(Object.values(plan.ns)))];
    clearTimeout(watchdog);
    await teardown();
    Deno.removeSignalListener("SIGINT", onSignal);
    Deno.removeSignalListener("SIGTERM", onSignal);
  }
  const leftNs = await listLabNamespaces(plan.tag);
  for (let i = 0; i < 50 && pids.some(alive); i++) await sleep(100);
  const stale = pids.filter(alive);
  if (stale.length || leftNs.length) {
    console.error(`lab: left behind: pids ${stale}, namespaces ${leftNs}`);
  }
  const teardownClean = leftNs.length === 0 && stale.length === 0;
  const logDir = `${work}/srv/log`;
  const lines = [...(await readSidecar(logDir)), ...(await readNative(logDir))];
  const owners = {
    attacker: plan.atkIp,
    users: new Map(plan.userIps.map((ip, i) => [ip, `user:${plan.userHosts[i]}`])),
  };
  const rows = labelLines(lines, owners, steps, scenario.name);
  await Deno.writeTextFile(`${base}.jsonl`, rows.map((r) => JSON.stringify(r)).join("\n") + "\n");
  const report: Report = {
    scenario: scenario.name,
    seed: o.seed,
    lines: rows.length,
    seconds: Math.round((Date.now() - t0) / 1000),
    ...countLines(rows),
    steps: steps.map((s) => ({
      name: s.name,
      label: s.label,
      start: new Date(s.start).toISOString(),
      seconds: Math.round((s.end - s.start) / 100) / 10,
    })),
    teardownClean,
  };
  await Deno.writeTextFile(`${base}.report.json`, JSON.stringify(report, null, 2) + "\n");
  await Deno.writeTextFile(`${base}.report.txt`, formatReport(report) + "\n");
  await Deno.remove(`${work}/srv/etc`, { recursive: true }).catch(() => {});
  return report;
}
