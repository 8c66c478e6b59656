/**
 * Smoke tests of the lab (`deno task lab -- --smoke`): one daemon (sshd), one benign user,
 * one bounded hydra brute force. Checks the labels, and that neither a finished run nor one
 * killed midway with SIGTERM leaves a namespace, a process or a mount behind, and that after a
 * SIGKILLed run the next run's reaper cleans up. Needs root (it
 * creates network namespaces); the runner installs its Debian packages itself.
 *
 * @module
 */
import assert from "node:assert/strict";
import { reapStale } from "../models/lab/netns.ts";

const ROOT = new URL("..", import.meta.url).pathname;
/** The smoke scenario's attacker address (scenarios.ts, SMOKE). */
const ATTACKER = "198.19.250.99";

function requireRoot(): void {
  if (Deno.uid() !== 0) {
    throw new Error("lab smoke tests need root: they create network namespaces and mounts");
  }
}

async function netnsList(): Promise<string[]> {
  const out = await new Deno.Command("ip", { args: ["netns", "list"] }).output();
  return new TextDecoder().decode(out.stdout).split("\n").filter(Boolean).sort();
}

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

function mountsMentioning(marker: string): string[] {
  return Deno.readTextFileSync("/proc/self/mounts").split("\n").filter((l) =>
    l.includes(marker) || /\/run\/netns\/il\d+-/.test(l)
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

async function assertNothingLeft(out: string, before: string[]): Promise<void> {
  for (let i = 0; i < 50 && processesMentioning(out).length; i++) {
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.deepEqual(await netnsList(), before, "lab namespaces left behind");
  assert.deepEqual(processesMentioning(out), [], "lab processes left behind");
  assert.deepEqual(mountsMentioning(out), [], "lab mounts left behind");
}

Deno.test("Lab - smoke run labels benign and attack lines and leaves nothing behind", async () => {
  requireRoot();
  const out = await Deno.makeTempDir({ prefix: "lab-smoke-" });
  const before = await netnsList();
  const t0 = Date.now();
  const res = await lab(out).output();
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
  assert.ok(secs < 90, `smoke run took ${secs}s`);
  await assertNothingLeft(out, before);
  await Deno.remove(out, { recursive: true });
});

Deno.test("Lab - SIGTERM midway leaves no namespace, process or mount behind", async () => {
  requireRoot();
  const out = await Deno.makeTempDir({ prefix: "lab-kill-" });
  const before = await netnsList();
  const child = lab(out);
  const ready = `${out}/smoke-1.run/srv/ready`;
  for (let i = 0; i < 600 && !(await Deno.stat(ready).catch(() => null)); i++) {
    await new Promise((r) => setTimeout(r, 100));
  }
  await new Promise((r) => setTimeout(r, 3000));
  // `deno task` runs the runner as a child: signal the runner itself, as a supervisor would.
  const runner = processesMentioning("models/lab/main.ts").find((p) =>
    Deno.readTextFileSync(`/proc/${p}/cmdline`).includes(out)
  );
  assert.ok(runner, "runner process not found");
  Deno.kill(runner, "SIGTERM");
  const res = await child.output();
  assert.notEqual(res.code, 0);
  await assertNothingLeft(out, before);
  await Deno.remove(out, { recursive: true });
});

Deno.test("Lab - after a SIGKILLed run, reapStale leaves no namespace, process or mount", async () => {
  requireRoot();
  const out = await Deno.makeTempDir({ prefix: "lab-sigkill-" });
  const before = await netnsList();
  const child = lab(out);
  const ready = `${out}/smoke-1.run/srv/ready`;
  for (let i = 0; i < 600 && !(await Deno.stat(ready).catch(() => null)); i++) {
    await new Promise((r) => setTimeout(r, 100));
  }
  const runner = processesMentioning("models/lab/main.ts").find((p) =>
    Deno.readTextFileSync(`/proc/${p}/cmdline`).includes(out)
  );
  assert.ok(runner, "runner process not found");
  Deno.kill(runner, "SIGKILL");
  await child.output();
  assert.notDeepEqual(await netnsList(), before, "a killed runner leaves its namespaces");
  const reaped = await reapStale();
  assert.equal(reaped.length, 4);
  await assertNothingLeft(out, before);
  await Deno.remove(out, { recursive: true });
});
