/**
 * Test helper: Debian's chromium driven by `playwright-core` (never a downloaded browser).
 * Installs the `chromium` package when /usr/bin/chromium is missing and we are root (apt-get,
 * idempotent), else fails with a clear message — a browser test never skips itself.
 *
 * @module
 */
import { type BrowserContext, chromium } from "playwright-core";

const CHROMIUM = "/usr/bin/chromium";

async function exists(path: string): Promise<boolean> {
  return await Deno.stat(path).then(() => true, () => false);
}

async function apt(args: string[]): Promise<boolean> {
  const out = await new Deno.Command("apt-get", {
    args,
    env: { DEBIAN_FRONTEND: "noninteractive" },
    stdout: "null",
    stderr: "piped",
  }).output();
  return out.success;
}

/** Makes sure Debian's chromium is installed; throws with the reason when it cannot be. */
export async function ensureChromium(): Promise<string> {
  if (await exists(CHROMIUM)) return CHROMIUM;
  if (Deno.uid() !== 0) {
    throw new Error(`${CHROMIUM} is missing: run \`apt-get install -y chromium\` as root`);
  }
  if (!await apt(["install", "-y", "-q", "chromium"])) {
    await apt(["update", "-q"]);
    if (!await apt(["install", "-y", "-q", "chromium"])) {
      throw new Error(
        "apt-get install -y chromium failed: the browser tests need Debian's chromium",
      );
    }
  }
  if (!await exists(CHROMIUM)) throw new Error(`chromium installed but ${CHROMIUM} is missing`);
  return CHROMIUM;
}

/** A headless chromium with a fresh profile; `close()` also removes the profile. */
export async function launchBrowser(): Promise<{ ctx: BrowserContext; close(): Promise<void> }> {
  const executablePath = await ensureChromium();
  const profile = await Deno.makeTempDir({ prefix: "insyt-chromium-" });
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  return {
    ctx,
    async close() {
      await ctx.close();
      await Deno.remove(profile, { recursive: true }).catch(() => {});
    },
  };
}
