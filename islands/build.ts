/**
 * `deno task build:islands`: bundles the browser entry (islands/client/hydrate.ts, which imports every
 * island) with `deno bundle --platform=browser --minify` into `static/build/islands-<hash>.js`
 * and writes `static/build/manifest.json` (the script's URL, its sizes, the sources' hash).
 * Does nothing when the sources hash the same as the last build — every local module of the
 * entry's graph (`deno info --json`) and deno.json — so `deno task start` can run it each time.
 * `--force` rebuilds anyway. Prints one JSON line: what it did and the bundle's sizes.
 *
 * @module
 */
import { gzipSync } from "node:zlib";

const ROOT = new URL("../", import.meta.url);
const ENTRY = new URL("islands/client/hydrate.ts", ROOT).pathname;
const OUT = new URL("static/build/", ROOT).pathname;

/** What `static/build/manifest.json` holds. */
export interface Manifest {
  script: string;
  bytes: number;
  gzipBytes: number;
  sourceHash: string;
}

async function run(args: string[]): Promise<string> {
  const out = await new Deno.Command(Deno.execPath(), { args, cwd: ROOT, stderr: "piped" })
    .output();
  if (!out.success) {
    throw new Error(`deno ${args[0]} failed:\n${new TextDecoder().decode(out.stderr)}`);
  }
  return new TextDecoder().decode(out.stdout);
}

/** SHA-256 of `data` as lowercase hex. */
export async function sha256Hex(data: Uint8Array<ArrayBuffer>): Promise<string> {
  const d = new Uint8Array(await crypto.subtle.digest("SHA-256", data));
  return [...d].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** The hash of every local source the bundle is made from, and deno.json (the import map). */
async function sourceHash(): Promise<string> {
  const graph = JSON.parse(await run(["info", "--json", ENTRY])) as {
    modules: { specifier: string }[];
  };
  const files = graph.modules.map((m) => m.specifier)
    .filter((s) => s.startsWith("file://") && !s.includes("/node_modules/")).sort();
  files.push(new URL("deno.json", ROOT).href);
  const parts: string[] = [];
  for (const f of files) parts.push(f, await sha256Hex(await Deno.readFile(new URL(f))));
  return await sha256Hex(new TextEncoder().encode(parts.join("\n")));
}

async function readManifest(): Promise<Manifest | null> {
  try {
    return JSON.parse(await Deno.readTextFile(`${OUT}manifest.json`));
  } catch {
    return null;
  }
}

/** Builds when stale (or forced); returns the manifest and whether it built. */
export async function buildIslands(force = false): Promise<Manifest & { built: boolean }> {
  const hash = await sourceHash();
  const old = await readManifest();
  if (!force && old?.sourceHash === hash) {
    try {
      await Deno.stat(new URL(`.${old.script}`, ROOT));
      return { ...old, built: false };
    } catch { /* the bundle was deleted: build again */ }
  }
  await Deno.mkdir(OUT, { recursive: true });
  const tmp = `${OUT}islands.tmp.js`;
  await run(["bundle", "--quiet", "--platform=browser", "--minify", "-o", tmp, ENTRY]);
  const code = await Deno.readFile(tmp);
  const name = `islands-${(await sha256Hex(code)).slice(0, 12)}.js`;
  await Deno.rename(tmp, OUT + name);
  for await (const e of Deno.readDir(OUT)) {
    if (/^islands-[0-9a-f]{12}\.js$/.test(e.name) && e.name !== name) {
      await Deno.remove(OUT + e.name);
    }
  }
  const manifest: Manifest = {
    script: `/static/build/${name}`,
    bytes: code.length,
    gzipBytes: gzipSync(code, { level: 9 }).length,
    sourceHash: hash,
  };
  await Deno.writeTextFile(`${OUT}manifest.json`, JSON.stringify(manifest, null, 2) + "\n");
  return { ...manifest, built: true };
}

if (import.meta.main) {
  // stderr: `deno task start` runs this first, and its stdout carries only the service's line.
  console.error(JSON.stringify(await buildIslands(Deno.args.includes("--force"))));
}
