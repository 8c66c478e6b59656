/**
 * "Why this verdict" against the real started service (worker threads, so the main process
 * loads its own classifier on the first explanation) and in Debian's chromium: a SQL injection
 * sent over HTTP is explained with its payload most highlighted, a second request is answered
 * from KV, and the why-pages of XSS payload lines execute nothing and violate no CSP. Prints
 * the explanation latencies and the main process' RSS growth; screenshots to tests/artifacts/.
 *
 * @module
 */
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { buildIslands } from "../islands/build.ts";
import type { Detection } from "../lib/core/schemas.ts";
import { XSS } from "./board_fixtures.ts";
import { launchBrowser } from "./browser.ts";
import { type Service, startService } from "./service_harness.ts";

const ARTIFACTS = new URL("./artifacts/", import.meta.url).pathname;

const access = (n: number, request: string, ua = "Mozilla/5.0") =>
  `198.51.100.${n} - - [01/Dec/2026:07:${String(n % 60).padStart(2, "0")}:00 +0000] ` +
  `"${request}" 200 512 "-" "${ua}"`;
const SQLI = access(7, "GET /index.php?id=1%27%20UNION%20SELECT%201,2,3-- HTTP/1.1");
const XSS_LINES = XSS.map((x, i) => access(i, `GET /search.php?q=${x}&id=1' OR '1'='1 HTTP/1.1`));

async function detections(svc: Service, source: string): Promise<Detection[]> {
  return (await (await svc.api(`/api/detections?limit=100&source=${source}`)).json()).items;
}

/** Resident memory of the service's main process (kB). */
async function rssKb(svc: Service): Promise<number> {
  const status = await Deno.readTextFile(`/proc/${svc.child.pid}/status`);
  return Number(status.match(/VmRSS:\s+(\d+)/)![1]);
}

async function timed(svc: Service, id: string) {
  const t0 = performance.now();
  const res = await svc.api(`/api/detections/${id}/explain`);
  const body = await res.json();
  return {
    ms: Math.round(performance.now() - t0),
    status: res.status,
    body,
    cache: res.headers.get("x-explanation-cache"),
  };
}

/** Marks of the why-page, strongest first: [text, weight, class]. */
function marks(page: Page) {
  return page.$$eval(
    ".why-line mark",
    (ms) =>
      ms.map((m) => [m.textContent ?? "", Number(m.getAttribute("data-w")), m.className] as const)
        .sort((a, b) => b[1] - a[1]),
  );
}

Deno.test("Why this verdict in chromium - payload highlighted, cached, XSS lines inert", async (t) => {
  await buildIslands();
  await Deno.mkdir(ARTIFACTS, { recursive: true });
  const svc = await startService();
  const browser = await launchBrowser();
  const dialogs: string[] = [], errors: string[] = [];
  await browser.ctx.addInitScript({
    content: `window.__csp = []; document.addEventListener("securitypolicyviolation",
      (e) => window.__csp.push(e.violatedDirective + " " + e.blockedURI));`,
  });
  const page = await browser.ctx.newPage();
  page.on("dialog", (d) => (dialogs.push(d.message()), d.dismiss()));
  page.on("pageerror", (e) => errors.push(e.message));
  const csp = () => page.evaluate(() => (globalThis as unknown as { __csp: string[] }).__csp);
  try {
    await svc.ingest([SQLI], "explain-sqli");
    await svc.ingest(XSS_LINES, "explain-xss");
    const [sqli] = await svc.until(async () => {
      const d = await detections(svc, "explain-sqli");
      return d.length ? d : undefined;
    }, 60_000);
    assert.equal(sqli.label, "web_exploit");

    await t.step("the API explains on demand, then answers from KV", async () => {
      const rss0 = await rssKb(svc);
      const cold = await timed(svc, sqli.id);
      const rss1 = await rssKb(svc);
      const warm = await timed(svc, sqli.id);
      assert.deepEqual([cold.status, cold.cache, warm.status, warm.cache], [
        200,
        "miss",
        200,
        "hit",
      ]);
      assert.deepEqual(warm.body, cold.body);
      const xss = await svc.until(async () => {
        const d = await detections(svc, "explain-xss");
        return d.length >= 3 ? d : undefined;
      }, 60_000);
      const fresh = await timed(svc, xss[0].id);
      assert.equal(fresh.cache, "miss");
      const loaded = svc.stderr().split("\n").find((l) => l.includes('"explain_model_loaded"'));
      assert.ok(loaded, "the main process logs its model load");
      console.log(JSON.stringify({
        explainColdMs: cold.ms,
        explainCachedMs: warm.ms,
        explainModelLoadedUncachedMs: fresh.ms,
        mainRssGrowthMB: Math.round((rss1 - rss0) / 1024),
        modelLoad: JSON.parse(loaded),
        tokens: cold.body.tokens.length,
      }));
    });

    await t.step("the why-page marks the payload strongest", async () => {
      await page.goto(`${svc.http}/logs?label=web_exploit&q=UNION`);
      await page.click(`a.why[href="/detections/${sqli.id}/why"]`);
      await page.waitForURL(/\/why$/);
      assert.equal(await page.locator("h1").innerText(), "Why this verdict");
      const m = await marks(page);
      const top3 = m.slice(0, 3).map(([text]) => text);
      assert.ok(top3.some((x) => ["%27%20", "UNION", "SELECT"].includes(x)), top3.join(" "));
      assert.equal(m[0][2], "w5");
      const status = m.find(([text]) => text === "200")!;
      assert.ok(m.indexOf(status) >= 5, `status ranks ${m.indexOf(status)}`);
      assert.equal(m.find(([text]) => text.includes("Dec/2026"))![2], "");
      assert.equal(await page.locator(".why-legend mark.w5").count(), 1);
      assert.deepEqual(await csp(), []);
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.screenshot({ path: `${ARTIFACTS}why-desktop.png`, fullPage: true });
      await page.setViewportSize({ width: 390, height: 844 });
      await page.screenshot({ path: `${ARTIFACTS}why-phone.png`, fullPage: true });
      await page.emulateMedia({ colorScheme: "dark" });
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.screenshot({ path: `${ARTIFACTS}why-dark-desktop.png`, fullPage: true });
      await page.emulateMedia({ colorScheme: "light" });
    });

    await t.step("why-pages of XSS payload lines execute nothing", async () => {
      const xss = await detections(svc, "explain-xss");
      for (const d of xss) {
        await page.goto(`${svc.http}/detections/${d.id}/why`);
        const injected = await page.evaluate(() =>
          [...document.querySelectorAll("*")].filter((e) =>
            ["IMG", "IFRAME", "SVG", "OBJECT", "EMBED"].includes(e.tagName.toUpperCase()) ||
            [...e.attributes].some((a) => a.name.startsWith("on")) ||
            (e.tagName === "A" && /^\s*(javascript|data):/i.test(e.getAttribute("href") ?? "")) ||
            (e.tagName === "SCRIPT" && !(e as HTMLScriptElement).src)
          ).map((e) => e.outerHTML.slice(0, 120))
        );
        assert.deepEqual(injected, [], d.line);
        assert.deepEqual(await csp(), [], `${d.line}: CSP violations`);
        assert.equal(
          (await page.locator(".why-line").innerText()).replace(/\s+/g, ""),
          d.line.replace(/\s+/g, ""),
        );
      }
      assert.deepEqual(dialogs, []);
      assert.deepEqual(errors, []);
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.screenshot({ path: `${ARTIFACTS}why-xss-desktop.png`, fullPage: true });
      console.log(JSON.stringify({ xssWhyPagesChecked: xss.length }));
    });
  } finally {
    await browser.close();
    await svc.stop();
  }
});
