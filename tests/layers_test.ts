/**
 * The layering of lib/: each role folder imports only the roles below it, and lib/ never
 * imports routes/, workers/ or islands/. Parses every non-test module's import specifiers
 * (static, dynamic and `new URL(..., import.meta.url)`) and fails on an edge against the rules.
 *
 * @module
 */
import assert from "node:assert/strict";
import { dirname, join, relative } from "node:path";

const ROOT = new URL("../", import.meta.url).pathname;

/** Which lib/ roles each role may import (itself always allowed). */
const ALLOWED: Record<string, string[]> = {
  core: [],
  formats: ["core"],
  queue: ["core"],
  store: ["core"],
  ingest: ["formats", "queue", "core"],
  classify: ["queue", "formats", "store", "core"],
  events: ["store", "core"],
  suppress: ["formats", "store", "core"],
  incidents: ["suppress", "events", "formats", "store", "core"],
  advice: ["incidents", "events", "store", "core"],
  notify: ["incidents", "events", "core"],
};

function* modules(dir: string): Generator<string> {
  for (const e of Deno.readDirSync(dir)) {
    const p = join(dir, e.name);
    if (e.isDirectory) yield* modules(p);
    else if (/\.tsx?$/.test(e.name) && !/_test\.tsx?$/.test(e.name)) yield p;
  }
}

const SPEC = /(?:from\s+|import\(\s*|new URL\(\s*|import\s+)["'](\.\.?\/[^"']+)["']/g;

/** Every relative import edge of lib/ as [from, to], both relative to the repository. */
function edges(): [string, string][] {
  const out: [string, string][] = [];
  for (const file of modules(join(ROOT, "lib"))) {
    const code = Deno.readTextFileSync(file).replace(/\/\*[\s\S]*?\*\//g, ""); // not doc examples
    for (const m of code.matchAll(SPEC)) {
      out.push([relative(ROOT, file), relative(ROOT, join(dirname(file), m[1]))]);
    }
  }
  return out;
}

/** The role of a lib/ path ("lib/queue/batcher.ts" → "queue"), or the top folder outside lib/. */
function roleOf(path: string): string {
  const parts = path.split("/");
  return parts[0] === "lib" ? (parts.length > 2 ? parts[1] : "lib") : parts[0];
}

Deno.test("Layers - every lib/ module sits in a role folder", () => {
  const loose = [...modules(join(ROOT, "lib"))].map((f) => relative(ROOT, f))
    .filter((f) => roleOf(f) === "lib" || !(roleOf(f) in ALLOWED));
  assert.deepEqual(loose, []);
});

Deno.test("Layers - lib/ imports flow one way and never reach routes/, workers/ or islands/", () => {
  const bad = edges().filter(([from, to]) => {
    const a = roleOf(from), b = roleOf(to);
    if (b === "models" && !/\.tsx?$/.test(to)) return false; // data: the shipped model
    return a !== b && !(ALLOWED[a] ?? []).includes(b);
  }).map(([from, to]) => `${from} -> ${to}`);
  assert.deepEqual(bad, []);
});

Deno.test("Layers - the checker sees real edges", () => {
  const e = edges();
  assert.ok(e.some(([f, t]) => f === "lib/queue/batcher.ts" && t === "lib/core/kv_keys.ts"));
  assert.ok(e.length > 30, `only ${e.length} edges parsed`);
});
