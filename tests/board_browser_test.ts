/**
 * The board in a real browser (Debian chromium through playwright-core) against the real
 * started service: detections sent over HTTP appear in /logs, which filters and pages; a page
 * full of XSS payloads (log lines, entity, advice markdown) executes nothing and reports no CSP
 * violation; seeded incidents appear live on the board, move when acknowledged, stream their
 * advice, and the board reconnects after a service restart. Incidents are seeded through the
 * real incident store and event log (routes/board/test_store.ts writes them as grouping does). Screenshots of every
 * page at desktop and phone width go to tests/artifacts/.
 *
 * @module
 */
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { K } from "../lib/core/kv_keys.ts";
import type { Incident } from "../lib/core/schemas.ts";
import { putIncident } from "../routes/board/test_store.ts";
import { buildIslands } from "../islands/build.ts";
import { incident, XSS, XSS_MARKDOWN } from "./board_fixtures.ts";
import { launchBrowser } from "./browser.ts";
import { startFakeOllama } from "./fake_ollama.ts";
import { type Service, startService } from "./service_harness.ts";

const ARTIFACTS = new URL("./artifacts/", import.meta.url).pathname;
const DESKTOP = { width: 1280, height: 900 }, PHONE = { width: 390, height: 844 };

const access = (n: number, request: string, ua = "Mozilla/5.0") =>
  `198.51.100.${n % 250} - - [01/Dec/2026:07:${String(n % 60).padStart(2, "0")}:00 +0000] ` +
  `"${request}" 404 196 "-" "${ua}"`;

/** Lines the shipped model flags: SQL injection, scanners, ssh brute force. */
const ATTACKS = [
  ...Array.from(
    { length: 24 },
    (_, i) =>
      access(i, `GET /item.php?id=${i}' UNION SELECT username,password FROM users-- HTTP/1.1`),
  ),
  ...Array.from(
    { length: 24 },
    (_, i) => access(i, `GET /admin${i}/.env HTTP/1.1`, "gobuster/3.6"),
  ),
  ...Array.from(
    { length: 24 },
    (_, i) =>
      `Dec  1 07:00:${
        String(i).padStart(2, "0")
      } bastion sshd[81${i}]: Failed password for invalid user oracle${i} from 203.0.113.${i} port ${
        40000 + i
      } ssh2`,
  ),
];

/** XSS payloads inside request lines the model flags as web exploits. */
const XSS_LINES = XSS.map((x, i) => access(i, `GET /search.php?q=${x}&id=1' OR '1'='1 HTTP/1.1`));

async function stored(svc: Service, q: string): Promise<number> {
  const res = await svc.api(`/api/detections?limit=500&${q}`);
  return (await res.json()).items.length;
}

/** Records dialogs, console errors and CSP violations of every page of the context. */
const WATCH = `
  window.__csp = [];
  document.addEventListener("securitypolicyviolation", (e) =>
    window.__csp.push(e.violatedDirective + " " + e.blockedURI));
`;

/** Desktop and phone screenshots; `fullPage: false` keeps only the first screen of long pages. */
async function screenshots(page: Page, name: string, fullPage = true) {
  await page.setViewportSize(DESKTOP);
  await page.screenshot({ path: `${ARTIFACTS}${name}-desktop.png`, fullPage });
  await page.setViewportSize(PHONE);
  await page.screenshot({ path: `${ARTIFACTS}${name}-phone.png`, fullPage });
  await page.setViewportSize(DESKTOP);
}

async function update(kv: Deno.Kv, id: string, f: (i: Incident) => Partial<Incident>) {
  const cur = (await kv.get<Incident>(K.incident(id))).value!;
  await putIncident(kv, { ...cur, ...f(cur), version: cur.version + 1 });
}

Deno.test("Board in chromium - logs, XSS, live incidents, triage, advice, reconnect, screenshots", async (t) => {
  console.log(JSON.stringify(await buildIslands()));
  await Deno.mkdir(ARTIFACTS, { recursive: true });
  // Advice comes from an Ollama-speaking server through the real client in the advice worker.
  const ollama = startFakeOllama({
    answer: "## Contain\n\nBlock 203.0.113.90 at the firewall.\n\n## Recover\n\nRotate the keys.",
  });
  const env = { OLLAMA_HOST: ollama.url };
  let svc = await startService([], { env });
  const kv = await Deno.openKv(`${svc.dir}/insyt.kv`);
  const browser = await launchBrowser();
  const dialogs: string[] = [], errors: string[] = [];
  await browser.ctx.addInitScript({ content: WATCH });
  browser.ctx.on("page", (p) => {
    p.on("dialog", (d) => (dialogs.push(d.message()), d.dismiss()));
    p.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    p.on("pageerror", (e) => errors.push(e.message));
  });
  const page = await browser.ctx.newPage();
  const csp = () => page.evaluate(() => (globalThis as unknown as { __csp: string[] }).__csp);
  try {
    await t.step("lines sent over HTTP appear in /logs", async () => {
      await svc.ingest(ATTACKS, "access.log");
      await svc.until(async () => (await stored(svc, "")) >= 60, 60_000);
      await page.goto(`${svc.http}/logs`);
      const rows = page.locator("table.logs tbody tr");
      assert.equal(await rows.count(), 50);
      const text = await page.locator("table.logs").innerText();
      assert.match(text, /UNION SELECT|gobuster|Failed password/);
      assert.match(text, /access\.log/);
      await screenshots(page, "logs", false);
    });

    await t.step("the logs table filters by class and text and pages with the cursor", async () => {
      await page.selectOption("select[name=label]", "credential_access");
      await page.selectOption("select[name=limit]", "25");
      await page.click("form.filters button[type=submit]");
      await page.waitForURL(/label=credential_access/);
      const classes = await page.locator("td[data-h=class]").allInnerTexts();
      assert.ok(
        classes.length > 0 && classes.every((c) => c === "Credential access"),
        classes.join(),
      );
      await page.goto(`${svc.http}/logs?limit=25`);
      const first = await page.locator("td.line > pre").allInnerTexts();
      assert.equal(first.length, 25);
      await page.click("a[rel=next]");
      const second = await page.locator("td.line > pre").allInnerTexts();
      assert.ok(second.length > 0);
      assert.equal(first.filter((l) => second.includes(l)).length, 0, "pages overlap");
      await page.fill("input[name=q]", "oracle7 ");
      await page.selectOption("select[name=limit]", "50");
      await page.click("form.filters button[type=submit]");
      await page.waitForURL(/q=oracle7/);
      assert.deepEqual(
        (await page.locator("td.line > pre").allInnerTexts()).map((l) => l.includes("oracle7 ")),
        [true],
      );
    });

    const xss = incident({
      label: "web_exploit",
      severity: "critical",
      entity: XSS[1],
      users: [XSS[2]],
      samples: XSS.map((line, i) => ({
        line,
        source: { transport: "http", host: XSS[3], name: XSS[4] },
        receivedAt: Date.now() - i * 1000,
        context: [XSS[0], XSS[5]],
        why: "distinct",
      })),
      advice: {
        source: "llm",
        model: XSS[0],
        markdown: XSS_MARKDOWN,
        version: 1,
        complete: true,
        updatedAt: Date.now(),
      },
    });

    await t.step("a page full of XSS payloads executes nothing and violates no CSP", async () => {
      await svc.ingest(XSS_LINES, XSS[0]);
      await putIncident(kv, xss);
      const all = ATTACKS.length + XSS_LINES.length;
      await svc.until(async () => ((await svc.totals()).classified ?? 0) >= all, 60_000);
      const flagged = await stored(svc, "source=xss-script");
      assert.ok(flagged >= 3, `only ${flagged} XSS lines were flagged`);
      console.log(JSON.stringify({ xssLinesFlagged: flagged, of: XSS_LINES.length }));
      for (const path of ["/logs?q=alert", `/incidents/${xss.id}`, "/"]) {
        await page.goto(svc.http + path);
        await page.waitForLoadState("networkidle").catch(() => {}); // SSE keeps the network busy
        const injected = await page.evaluate(() =>
          [...document.querySelectorAll("*")].filter((e) =>
            ["IMG", "IFRAME", "OBJECT", "EMBED"].includes(e.tagName) ||
            [...e.attributes].some((a) => a.name.startsWith("on")) ||
            (e.tagName === "A" && /^\s*(javascript|data):/i.test(e.getAttribute("href") ?? "")) ||
            (e.tagName === "SCRIPT" && !(e as HTMLScriptElement).src &&
              (e as HTMLScriptElement).type !== "application/json")
          ).map((e) => e.outerHTML.slice(0, 120))
        );
        assert.deepEqual(injected, [], path);
        assert.deepEqual(await csp(), [], `${path}: CSP violations`);
        assert.match(
          await page.locator("main").innerText(),
          /alert\(/,
          `${path} shows the payload as text`,
        );
      }
      assert.deepEqual(dialogs, []);
      await page.goto(`${svc.http}/incidents/${xss.id}`);
      assert.equal(await page.locator(".md h2").innerText(), "Contain");
      assert.equal(await page.locator('.md a[href^="javascript"]').count(), 0);
    });

    const fresh = incident({
      label: "credential_access",
      severity: "high",
      entity: "203.0.113.77",
    });
    const board = await browser.ctx.newPage();
    await t.step("a new incident appears on the open board without a reload", async () => {
      await board.goto(`${svc.http}/`);
      await board.locator(".link-live").waitFor({ timeout: 10_000 });
      await putIncident(kv, fresh);
      await board.locator(`section[aria-labelledby=col-new] [data-id="${fresh.id}"]`)
        .waitFor({ timeout: 10_000 });
    });

    await t.step("acknowledging on the incident page moves the card on the board", async () => {
      await page.goto(`${svc.http}/incidents/${fresh.id}`);
      await page.locator(".link-live").waitFor({ timeout: 10_000 });
      await page.click("button:text('Acknowledge')");
      await page.locator(".status-acknowledged").waitFor({ timeout: 10_000 });
      await board.locator(`section[aria-labelledby=col-acknowledged] [data-id="${fresh.id}"]`)
        .waitFor({ timeout: 10_000 });
      assert.equal(
        await board.locator(`section[aria-labelledby=col-new] [data-id="${fresh.id}"]`).count(),
        0,
      );
      const stored = (await kv.get<Incident>(K.incident(fresh.id))).value!;
      assert.equal(stored.status, "acknowledged");
      assert.equal(stored.audit.at(-1)?.actor, "local");
    });

    await t.step("the recommendation streams in as it is written", async () => {
      const advice = (markdown: string, complete: boolean) => ({
        advice: {
          source: "llm" as const,
          model: "gemma3:4b",
          markdown,
          version: 2,
          complete,
          updatedAt: Date.now(),
        },
      });
      await update(kv, fresh.id, () => advice("## Contain\n\nBlock `203.0.113.77`", false));
      await page.locator(".md h2:text('Contain')").waitFor({ timeout: 10_000 });
      assert.match(await page.locator(".advice").innerText(), /streaming/);
      await update(
        kv,
        fresh.id,
        () => advice("## Contain\n\nBlock it.\n\n## Recover\n\n- rotate keys", true),
      );
      await page.locator(".md h2:text('Recover')").waitFor({ timeout: 10_000 });
      assert.doesNotMatch(await page.locator(".advice").innerText(), /streaming/);
      await screenshots(page, "incident");
    });

    await t.step("the first render needs no JavaScript", async () => {
      const before = errors.length;
      const bare = await browser.ctx.newPage();
      await bare.route("**/static/build/**", (r) => r.abort());
      await bare.goto(`${svc.http}/`);
      assert.ok(await bare.locator(`[data-id="${fresh.id}"]`).count() === 1);
      assert.match(await bare.locator(".link").innerText(), /snapshot/);
      await bare.goto(`${svc.http}/incidents/${fresh.id}`);
      await bare.click("button:text('Resolve')"); // a plain form POST, no fetch
      await bare.waitForURL(`${svc.http}/incidents/${fresh.id}`);
      assert.equal(await bare.locator(".status").innerText(), "resolved");
      await update(kv, fresh.id, () => ({ status: "acknowledged" }));
      await bare.close();
      errors.splice(before); // the blocked bundle's own net::ERR_FAILED
    });

    await t.step("the board reconnects after the service restarts and catches up", async () => {
      const port = Number(new URL(svc.http).port);
      await svc.stop();
      await board.locator(".link-reconnecting").waitFor({ timeout: 10_000 });
      svc = await startService(["--port", String(port)], { dir: svc.dir, env });
      const later = incident({
        label: "exfiltration",
        severity: "critical",
        entity: "198.51.100.99",
      });
      await putIncident(kv, later);
      await board.locator(`[data-id="${later.id}"]`).waitFor({ timeout: 30_000 });
      await board.locator(".link-live").waitFor({ timeout: 10_000 });
      await screenshots(board, "board");
      await board.emulateMedia({ colorScheme: "dark" });
      await screenshots(board, "board-dark");
    });

    await t.step(
      "lines over UDP and HTTP open an incident live; its advice streams from Ollama",
      async () => {
        await board.goto(`${svc.http}/`);
        await board.locator(".link-live").waitFor({ timeout: 10_000 });
        const ip = "203.0.113.90";
        const lines = Array.from(
          { length: 12 },
          (_, i) =>
            `<38>Dec  1 07:00:${String(i).padStart(2, "0")} bastion sshd[${900 + i}]: ` +
            `Failed password for invalid user admin from ${ip} port ${40000 + i} ssh2`,
        );
        const udp = Deno.listenDatagram({ transport: "udp", hostname: "127.0.0.1", port: 0 });
        const to = { transport: "udp" as const, hostname: "127.0.0.1", port: svc.udpPort };
        for (const l of lines.slice(0, 6)) {
          await udp.send(new TextEncoder().encode(l), to);
        }
        udp.close();
        await svc.ingest(lines.slice(6), "auth.log");
        const id = await svc.until(async () => {
          const r = await (await svc.api(`/api/incidents?entity=${ip}`)).json();
          return r.items?.[0]?.id as string | undefined;
        }, 60_000);
        // The board was open before the lines were sent: the card arrives over SSE.
        await board.locator(`section[aria-labelledby=col-new] [data-id="${id}"]`)
          .waitFor({ timeout: 20_000 });
        await page.goto(`${svc.http}/incidents/${id}`);
        await page.locator(".md h2:text('Recover')").waitFor({ timeout: 30_000 });
        assert.match(await page.locator(".advice").innerText(), /firewall/);
        assert.ok(ollama.requests.some((r) => r.path === "/api/chat"), "asked the Ollama server");
      },
    );

    await t.step("activity chart and screenshots", async () => {
      await page.goto(`${svc.http}/activity?window=1h`);
      assert.ok(await page.locator("figure.chart svg polyline").count() >= 2);
      await screenshots(page, "activity");
      assert.deepEqual(await csp(), []);
    });
    await t.step("the keyboard alone reaches an incident from the board", async () => {
      const kb = await browser.ctx.newPage();
      await kb.goto(`${svc.http}/`);
      await kb.keyboard.press("Tab");
      assert.equal(await kb.evaluate(() => document.activeElement?.textContent), "Skip to content");
      await kb.keyboard.press("Enter");
      await kb.keyboard.press("Tab");
      const focused = await kb.evaluate(() => document.activeElement?.getAttribute("href"));
      assert.match(focused ?? "", /^\/incidents\//);
      await kb.keyboard.press("Enter");
      await kb.waitForURL(/\/incidents\//);
      await kb.close();
    });

    await t.step("the board with 500 incidents paints within 1 s", async () => {
      const severities = ["low", "medium", "high", "critical"] as const;
      for (let i = 0; i < 500; i++) {
        await putIncident(
          kv,
          incident({ severity: severities[i % 4], entity: `192.0.2.${i % 250}` }),
        );
      }
      const paints: number[] = [];
      for (let k = 0; k < 2; k++) {
        await page.goto(`${svc.http}/`);
        paints.push(
          // The paint entry can be recorded after "load": wait for it (buffered), up to 5 s.
          await page.evaluate(() =>
            new Promise<number>((resolve) => {
              new PerformanceObserver((list) => {
                const e = list.getEntriesByName("first-contentful-paint")[0];
                if (e) resolve(e.startTime);
              }).observe({ type: "paint", buffered: true });
              setTimeout(() => resolve(-1), 5000);
            })
          ),
        );
      }
      const cards = await page.locator("article.card").count();
      console.log(
        JSON.stringify({ incidents: cards, firstContentfulPaintMs: paints.map(Math.round) }),
      );
      assert.ok(cards >= 500, `${cards} cards`);
      // cold and warm load; the warm one is the operator's reload
      const fcp = Math.min(...paints);
      assert.ok(fcp > 0 && fcp < 1000, `first contentful paint ${fcp} ms`);
    });
    assert.deepEqual(dialogs, [], "a payload opened a dialog");
    assert.deepEqual(
      errors.filter((e) =>
        !/ERR_ABORTED|ERR_CONNECTION_REFUSED|ERR_INCOMPLETE_CHUNKED_ENCODING/.test(e)
      ),
      [],
    );
  } finally {
    await browser.close();
    kv.close();
    await svc.stop();
    await ollama.close();
  }
});

Deno.test("Board in chromium - with a token: login form, HttpOnly session, the token in no URL", async () => {
  const token = "board-test-token-0123456789";
  const svc = await startService([], { env: { INSYT_TOKEN: token } });
  const kv = await Deno.openKv(`${svc.dir}/insyt.kv`);
  const browser = await launchBrowser();
  const urls: string[] = [];
  try {
    const inc = incident({ severity: "critical" });
    await putIncident(kv, inc);
    const page = await browser.ctx.newPage();
    page.on("request", (r) => urls.push(r.url()));
    await page.goto(`${svc.http}/incidents/${inc.id}`);
    assert.match(page.url(), /\/login\?next=%2Fincidents%2F/);
    await screenshots(page, "login");
    await page.fill("input[name=token]", "not-the-token-at-all");
    await page.click("form.login button[type=submit]");
    assert.match(await page.locator("[role=alert]").innerText(), /Wrong token/);
    await page.fill("input[name=token]", token);
    await page.click("form.login button[type=submit]");
    await page.waitForURL(`${svc.http}/incidents/${inc.id}`);
    await page.locator(".link-live").waitFor({ timeout: 10_000 });
    const [cookie] = (await browser.ctx.cookies()).filter((c) => c.name === "insyt_session");
    assert.ok(cookie, "no session cookie");
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.sameSite, "Strict");
    assert.ok(!cookie.value.includes(token));
    assert.equal(
      await page.evaluate(() => document.cookie),
      "",
      "the session is readable by scripts",
    );
    await page.click("button:text('Acknowledge')");
    await page.locator(".status-acknowledged").waitFor({ timeout: 10_000 });
    assert.equal((await kv.get<Incident>(K.incident(inc.id))).value!.audit.at(-1)?.actor, "token");
    assert.equal(
      (await page.request.get(`${svc.http}/api/detections`)).status(),
      401,
      "the API still needs the bearer",
    );
    await page.click("form.logout button");
    await page.waitForURL(/\/login$/);
    await page.goto(`${svc.http}/`);
    assert.match(page.url(), /\/login\?next=%2F$/);
    assert.deepEqual(urls.filter((u) => u.includes(token)), []);
  } finally {
    await browser.close();
    kv.close();
    await svc.stop();
  }
});
