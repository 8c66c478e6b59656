/**
 * Smoke tests of the lab (`deno task lab -- --smoke`): one daemon (sshd), one benign user,
 * one bounded hydra brute force. Checks the labels, and that neither a finished run nor one
 * killed midway with SIGTERM leaves a namespace, a process or a mount behind, and that after a
 * SIGKILLed run the next run's reaper cleans up. Every check is scoped to the test's own run (its
 * output dir, its runner's namespace tag and the inodes of its namespaces), so a lab run live
 * elsewhere on the machine neither fails nor hides it. Needs root (it creates network
 * namespaces); the runner installs its Debian packages itself.
 *
 * @module
 */
import assert from "node:assert/strict";
import { reapStale } from "../models/lab/netns.ts";
import { runTag } from "../models/lab/plan.ts";

const ROOT = new URL("..", import.meta.url).pathname;
/** The smoke scenario's attacker address (scenarios.ts, SMOKE). */
const ATTACKER = "198.19.250.99";

function requireRoot(): void {
  if (Deno.uid() !== 0) {
    throw new Error("lab smoke tests need root: they create network namespaces and mounts");
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** PIDs of processes whose command line mentions `marker` (the run's own output dir). */
function processesMentioning(marker: string): number[] {
  const pids: number[] = [];
  for (const e of Deno.readDirSync("/proc")) {
    if (!/^\d+$/.test(e.name) || Number(e.name) === Deno.pid) continue;
    try {
      const cmd = Deno.readTextFileSync(`/proc/${e.name}/cmdline`).replaceAll("\0", " ");
      if (cmd.includes(marker)) pids.push(Number(e.name));
    } catch { /* exited meanwhile */ }
  }
  return pids;
}

/** What identifies one run on this machine, whatever other lab runs are live meanwhile. */
interface RunId {
  out: string;
  runner: number;
  tag: string;
  /** Inodes of the run's network namespaces (a process inside one shares the inode). */
  netns: Set<number>;
}

/** Waits until the run writing to `out` has booted its server, then records its identity. */
async function identify(out: string): Promise<RunId> {
  const ready = `${out}/smoke-1.run/srv/ready`;
  for (let i = 0; i < 600 && !(await Deno.stat(ready).catch(() => null)); i++) await sleep(100);
  // `deno task` runs the runner as a child: find the runner itself, by its own output dir.
  const runner = processesMentioning("models/lab/main.ts").find((p) =>
    Deno.readTextFileSync(`/proc/${p}/cmdline`).includes(out)
  );
  assert.ok(runner, "runner process not found");
  const tag = runTag(runner);
  const names = await runNamespaces(tag);
  assert.deepEqual(names, ["atk", "srv", "sw", "usr"].map((n) => `${tag}-${n}`));
  const netns = new Set(names.map((n) => Deno.statSync(`/run/netns/${n}`).ino!));
  return { out, runner, tag, netns };
}

/** The run's namespaces (by its tag) that exist now. */
async function runNamespaces(tag: string): Promise<string[]> {
  const out = await new Deno.Command("ip", { args: ["netns", "list"] }).output();
  return new TextDecoder().decode(out.stdout).split("\n").map((l) => l.split(" ")[0])
    .filter((n) => n.startsWith(`${tag}-`)).sort();
}

/** PIDs of processes inside one of the run's network namespaces (named or not any more). */
function processesIn(netns: Set<number>): number[] {
  const pids: number[] = [];
  for (const e of Deno.readDirSync("/proc")) {
    if (!/^\d+$/.test(e.name)) continue;
    try {
      if (netns.has(Deno.statSync(`/proc/${e.name}/ns/net`).ino!)) pids.push(Number(e.name));
    } catch { /* exited meanwhile */ }
  }
  return pids;
}

function mountsOf(id: RunId): string[] {
  return Deno.readTextFileSync("/proc/self/mounts").split("\n").filter((l) =>
    l.includes(id.out) || l.includes(`/run/netns/${id.tag}-`)
  );
}

function lab(out: string): Deno.ChildProcess {
  return new Deno.Command("deno", {
    args: ["task", "lab", "--", "--smoke", "--out", out],
    cwd: ROOT,
    stdout: "piped",
    stderr: "piped",
  }).spawn();
}

/** The run left no namespace, /etc/netns entry, process (by argv or namespace) or mount. */
async function assertNothingLeft(id: RunId): Promise<void> {
  const left = () => [...processesMentioning(id.out), ...processesIn(id.netns)];
  for (let i = 0; i < 50 && left().length; i++) await sleep(100);
  assert.deepEqual(await runNamespaces(id.tag), [], "lab namespaces left behind");
  const etc = [...Deno.readDirSync("/etc/netns")].filter((e) => e.name.startsWith(`${id.tag}-`));
  assert.deepEqual(etc, [], "/etc/netns entries left behind");
  assert.deepEqual(left(), [], "lab processes left behind");
  assert.deepEqual(mountsOf(id), [], "lab mounts left behind");
}

Deno.test("Lab - smoke run labels benign and attack lines and leaves nothing behind", async () => {
  requireRoot();
  const out = await Deno.makeTempDir({ prefix: "lab-smoke-" });
  const t0 = Date.now();
  const done = lab(out).output();
  const id = await identify(out);
  const res = await done;
  const secs = (Date.now() - t0) / 1000;
  const err = new TextDecoder().decode(res.stderr);
  assert.equal(res.code, 0, err);
  const rows = (await Deno.readTextFile(`${out}/smoke-1.jsonl`)).trim().split("\n").map((l) =>
    JSON.parse(l)
  );
  const by = (label: string) => rows.filter((r) => r.label === label);
  assert.ok(by("benign").length > 20, "benign lines");
  assert.ok(by("credential_access").length > 10, "brute-force lines");
  const attackerLines = rows.filter((r) => r.line.includes(ATTACKER));
  assert.ok(attackerLines.length > 10);
  assert.deepEqual(attackerLines.filter((r) => r.label === "benign"), []);
  assert.ok(rows.some((r) => r.evidence === "line" && /Failed password/.test(r.line)));
  for (const r of rows) {
    assert.deepEqual(
      Object.keys(r).sort(),
      ["actor", "confidence", "evidence", "family", "label", "line", "scenario", "step"],
    );
  }
  const report = JSON.parse(await Deno.readTextFile(`${out}/smoke-1.report.json`));
  assert.equal(report.teardownClean, true);
  assert.ok(secs <= 60, `smoke run took ${secs}s`);
  await assertNothingLeft(id);
  await Deno.remove(out, { recursive: true });
});

Deno.test("Lab - SIGTERM midway leaves no namespace, process or mount behind", async () => {
  requireRoot();
  const out = await Deno.makeTempDir({ prefix: "lab-kill-" });
  const done = lab(out).output();
  const id = await identify(out);
  await sleep(3000);
  // Signal the runner itself, as a supervisor would.
  Deno.kill(id.runner, "SIGTERM");
  const res = await done;
  assert.notEqual(res.code, 0);
  await assertNothingLeft(id);
  await Deno.remove(out, { recursive: true });
});

Deno.test("Lab - after a SIGKILLed run, reapStale leaves no namespace, process or mount", async () => {
  requireRoot();
  const out = await Deno.makeTempDir({ prefix: "lab-sigkill-" });
  const done = lab(out).output();
  const id = await identify(out);
  Deno.kill(id.runner, "SIGKILL");
  await done;
  assert.equal((await runNamespaces(id.tag)).length, 4, "a killed runner leaves its namespaces");
  assert.ok(processesIn(id.netns).length > 0, "a killed runner leaves its server running");
  // Another run starting meanwhile may reap them first; either way none may be left.
  await reapStale();
  await assertNothingLeft(id);
  await Deno.remove(out, { recursive: true });
});
