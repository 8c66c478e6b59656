/**
 * CLI: writes the fail2ban/logcheck fixtures as JSONL (`deno task lab:fixtures -- --out FILE`),
 * installing the two Debian packages first when they are missing.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { fail2banFixtures } from "./fixtures.ts";
import { ensurePackages } from "./packages.ts";

const argv = Deno.args[0] === "--" ? Deno.args.slice(1) : Deno.args;
const { values } = parseArgs({
  args: argv,
  options: { out: { type: "string", default: "data/lab/fixtures.jsonl" } },
});
await ensurePackages(["fail2ban", "logcheck-database"]);
const rows = await fail2banFixtures();
await Deno.mkdir(values.out!.replace(/\/[^/]*$/, "") || ".", { recursive: true });
await Deno.writeTextFile(values.out!, rows.map((r) => JSON.stringify(r)).join("\n") + "\n");
const by: Record<string, number> = {};
for (const r of rows) by[r.label] = (by[r.label] ?? 0) + 1;
console.log(`wrote ${rows.length} fixture lines to ${values.out}: ${JSON.stringify(by)}`);
