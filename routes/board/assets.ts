/**
 * The board's static files, all served by the app (no CDN): `static/board.css` (source, under
 * `?v=<hash>`) and the island bundle `static/build/islands-<hash>.js` named by
 * `static/build/manifest.json` (written by `deno task build:islands`). Hashed URLs are
 * cached for a year (`immutable`); without a bundle the pages still render, just not live.
 *
 * @module
 */
import { Hono } from "hono";
import { type Manifest, sha256Hex } from "../../islands/build.ts";

const STATIC = new URL("../../static/", import.meta.url);
const YEAR = "public, max-age=31536000, immutable";

/** URLs a page links to. */
export interface Assets {
  css: string;
  script: string | null;
}

/** The static routes and the current asset URLs (the manifest is re-read when it changes). */
export function staticAssets(dir: URL = STATIC): { app: Hono; current(): Promise<Assets> } {
  let css: Promise<{ body: Uint8Array<ArrayBuffer>; v: string }> | undefined;
  const loadCss = () =>
    css ??= Deno.readFile(new URL("board.css", dir)).then(async (body) => ({
      body,
      v: (await sha256Hex(body)).slice(0, 12),
    }));
  let manifest = { mtime: -1, script: null as string | null };
  const script = async () => {
    const path = new URL("build/manifest.json", dir);
    const mtime = await Deno.stat(path).then((s) => s.mtime?.getTime() ?? 0, () => null);
    if (mtime === null) return null;
    if (mtime !== manifest.mtime) {
      const m: Partial<Manifest> = JSON.parse(await Deno.readTextFile(path));
      manifest = { mtime, script: typeof m.script === "string" ? m.script : null };
    }
    return manifest.script;
  };

  const app = new Hono();
  app.get("/static/board.css", async (c) => {
    const { body, v } = await loadCss();
    c.header("Content-Type", "text/css; charset=utf-8");
    c.header("Cache-Control", c.req.query("v") === v ? YEAR : "no-cache");
    return c.body(body);
  });
  app.get("/static/favicon.svg", async (c) => {
    c.header("Content-Type", "image/svg+xml");
    c.header("Cache-Control", "public, max-age=86400");
    return c.body(await Deno.readFile(new URL("favicon.svg", dir)));
  });
  app.get("/static/build/:file{islands-[0-9a-f]{12}\\.js}", async (c) => {
    try {
      const body = await Deno.readFile(new URL(`build/${c.req.param("file")}`, dir));
      c.header("Content-Type", "text/javascript; charset=utf-8");
      c.header("Cache-Control", YEAR);
      return c.body(body);
    } catch {
      return c.notFound();
    }
  });
  return {
    app,
    current: async () => ({
      css: `/static/board.css?v=${(await loadCss()).v}`,
      script: await script(),
    }),
  };
}
