/**
 * CLI of the lab: `deno task lab -- [--scenario S] [--seed N] [--out DIR] [--budget SECONDS]
 * [--smoke]`. Needs root; prints the report and the JSONL path. `--install` only installs the
 * lab's Debian packages (what every run does first).
 *
 * @module
 */
import { parseArgs } from "node:util";
import { formatReport } from "./report.ts";
import { runLab } from "./run.ts";
import { ensurePackages, LAB_PACKAGES } from "./packages.ts";

const argv = Deno.args[0] === "--" ? Deno.args.slice(1) : Deno.args;
const { values } = parseArgs({
  args: argv,
  options: {
    scenario: { type: "string", default: "s1" },
    seed: { type: "string", default: "1" },
    out: { type: "string", default: "data/lab" },
    budget: { type: "string" },
    smoke: { type: "boolean", default: false },
    install: { type: "boolean", default: false },
  },
});
if (Deno.uid() !== 0) {
  console.error("lab: must run as root (network namespaces, mounts, daemons)");
  Deno.exit(2);
}
if (values.install) {
  const got = await ensurePackages(LAB_PACKAGES);
  if (got.length) console.error(`lab: installed ${got.join(" ")}`);
  Deno.exit(0);
}
const smoke = values.smoke!;
const budgetS = Number(values.budget ?? (smoke ? 45 : 300));
const seed = Number(values.seed);
if (!Number.isFinite(budgetS) || budgetS < 20 || !Number.isInteger(seed)) {
  console.error("lab: --budget must be a number ≥ 20 and --seed an integer");
  Deno.exit(2);
}
await Deno.mkdir(values.out!, { recursive: true });
const out = await Deno.realPath(values.out!);
const report = await runLab({ scenario: values.scenario!, seed, out, budgetS, smoke });
console.log(formatReport(report));
console.log(`wrote ${out}/${report.scenario}-${seed}.jsonl`);
if (!report.teardownClean) Deno.exit(1);
