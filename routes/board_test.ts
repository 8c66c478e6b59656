/**
 * The board in-process (`app.request`) on an in-memory KV: pages, CSP, escaping, CSRF, login, SSE.
 *
 * @module
 */
import assert from "node:assert/strict";
import { K } from "../lib/core/kv_keys.ts";
import type { Detection } from "../lib/core/schemas.ts";
import { incident, XSS, XSS_MARKDOWN } from "../tests/board_fixtures.ts";
import { createBoard } from "./board.ts";
import { storeBoardData } from "./board/store_data.ts";
import { putIncident } from "./board/test_store.ts";
import { jsonForScript } from "./board/layout.tsx";

const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

async function setup(token?: string) {
  const kv = await Deno.openKv(":memory:");
  const stop = new AbortController();
  const app = createBoard({
    data: storeBoardData(kv, { retentionMs: 3_600_000, pollMs: 20 }),
    kv,
    token,
    signal: stop.signal,
  });
  return { kv, app, stop };
}

/** The session cookie a response sets, as a Cookie header value. */
function cookieOf(res: Response): string {
  const c = res.headers.getSetCookie().find((s) => s.startsWith("insyt_session="));
  assert.ok(c, "no session cookie set");
  return c.split(";")[0];
}

function csrfOf(html: string): string {
  const m = html.match(/name="_csrf" value="([^"]+)"/);
  assert.ok(m, "no CSRF field in the page");
  return m[1];
}

Deno.test("Board - every page renders on the server under the strict CSP, with no inline script", async () => {
  const { kv, app } = await setup();
  const inc = incident();
  await putIncident(kv, inc);
  for (const path of ["/", "/logs", "/activity", `/incidents/${inc.id}`]) {
    const res = await app.request(path);
    assert.equal(res.status, 200, path);
    assert.equal(res.headers.get("content-security-policy"), CSP);
    assert.equal(res.headers.get("x-frame-options"), "DENY");
    assert.equal(res.headers.get("x-content-type-options"), "nosniff");
    const html = await res.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    assert.ok(
      scripts.every((s) => /type="application\/json"/.test(s) || /type="module" src="\//.test(s)),
      `${path}: ${scripts}`,
    );
    assert.doesNotMatch(html, /\sstyle=/, `${path} has an inline style`);
  }
  const board = await (await app.request("/")).text();
  assert.match(board, new RegExp(`data-id="${inc.id}"`));
  assert.match(board, /Credential access/);
  assert.equal((await app.request("/incidents/nope")).status, 404);
  kv.close();
});

Deno.test("Board - attacker text in lines, entities and advice is rendered as text", async () => {
  const { kv, app } = await setup();
  const inc = incident({
    entity: XSS[1],
    users: [XSS[2]],
    samples: XSS.map((line, i) => ({
      line,
      source: { transport: "http", host: XSS[3] },
      receivedAt: Date.now() - i * 1000,
      context: [XSS[0]],
      why: "distinct",
    })),
    advice: {
      source: "llm",
      markdown: XSS_MARKDOWN,
      version: 1,
      complete: true,
      updatedAt: Date.now(),
    },
  });
  await putIncident(kv, inc);
  for (const path of ["/", `/incidents/${inc.id}`]) {
    const html = await (await app.request(path)).text();
    assert.doesNotMatch(html, /<script>alert|<img\b|<iframe|<svg onload|<div onmouseover/i, path);
    assert.doesNotMatch(html, /href="(javascript|data):/i, path);
    assert.match(html, /&lt;img src=x onerror=/, path);
  }
  const page = await (await app.request(`/incidents/${inc.id}`)).text();
  assert.match(page, /<h2>Contain<\/h2>/, "markdown is rendered");
  assert.match(
    page,
    /<pre class="hit">&lt;script>alert\(&quot;xss-script&quot;\)&lt;\/script><\/pre>/,
  );
  assert.match(page, /href="https:\/\/attack\.mitre\.org\/techniques\/T1110\/"/);
  kv.close();
});

Deno.test("Board - island props cannot close their script element", () => {
  const s = jsonForScript({ a: "</script><script>alert(1)</script>", b: "&\u2028" });
  assert.doesNotMatch(s, /[<>&\u2028]/);
  assert.deepEqual(JSON.parse(s), { a: "</script><script>alert(1)</script>", b: "&\u2028" });
});

Deno.test("Board - a status change needs the session cookie, same origin and its CSRF token", async () => {
  const { kv, app } = await setup();
  const inc = incident();
  await putIncident(kv, inc);
  const page = await app.request(`/incidents/${inc.id}`);
  const cookie = cookieOf(page);
  const csrf = csrfOf(await page.text());
  const post = (body: Record<string, string>, headers: Record<string, string> = {}) =>
    app.request(`/incidents/${inc.id}/status`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        accept: "application/json",
        ...headers,
      },
      body: new URLSearchParams(body),
    });
  assert.equal((await post({ status: "acknowledged", _csrf: csrf })).status, 401);
  assert.equal((await post({ status: "acknowledged" }, { cookie })).status, 403);
  assert.equal(
    (await post({ status: "acknowledged", _csrf: "x" + csrf.slice(1) }, { cookie })).status,
    403,
  );
  assert.equal(
    (await post({ status: "acknowledged", _csrf: csrf }, {
      cookie,
      "sec-fetch-site": "cross-site",
    })).status,
    403,
  );
  assert.equal(
    (await post({ status: "acknowledged", _csrf: csrf }, { cookie, origin: "http://evil.example" }))
      .status,
    403,
  );
  assert.equal(
    (await post({ status: "acknowledged", _csrf: csrf }, { cookie, origin: "null" })).status,
    403,
  );
  assert.equal((await post({ status: "false_positive", _csrf: csrf }, { cookie })).status, 400);
  const ok = await post({ status: "acknowledged" }, { cookie, "x-csrf-token": csrf });
  assert.equal(ok.status, 200);
  assert.equal((await ok.json()).incident.status, "acknowledged");
  const stored = (await kv.get<typeof inc>(K.incident(inc.id))).value!;
  assert.equal(stored.status, "acknowledged");
  assert.deepEqual(stored.audit.map((a) => [a.actor, a.from, a.to]), [[
    "local",
    "new",
    "acknowledged",
  ]]);
  const form = await post({ status: "false_positive", reason: "our scanner", _csrf: csrf }, {
    cookie,
    accept: "text/html",
  });
  assert.equal(form.status, 303);
  assert.equal(
    (await kv.get<typeof inc>(K.incident(inc.id))).value!.audit[1].reason,
    "our scanner",
  );
  kv.close();
});

Deno.test("Board - with a token, the login form's POST buys an HttpOnly SameSite=Strict session", async () => {
  const token = "0123456789abcdef0123";
  const { kv, app } = await setup(token);
  const first = await app.request("/logs?label=web_scan");
  assert.equal(first.status, 303);
  assert.equal(first.headers.get("location"), "/login?next=%2Flogs%3Flabel%3Dweb_scan");
  assert.equal((await app.request("/board/events")).status, 401);
  const login = (body: Record<string, string>, headers: Record<string, string> = {}) =>
    app.request("/login", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
      body: new URLSearchParams(body),
    });
  assert.equal((await login({ token: "wrong", next: "/" })).status, 401);
  assert.equal((await login({ token, next: "/" }, { "sec-fetch-site": "cross-site" })).status, 403);
  const ok = await login({ token, next: "//evil.example/" });
  assert.equal(ok.status, 303);
  assert.equal(ok.headers.get("location"), "/");
  const set = ok.headers.getSetCookie().join("\n");
  assert.match(set, /HttpOnly/);
  assert.match(set, /SameSite=Strict/);
  assert.ok(!set.includes(token), "the token itself is not the cookie");
  const cookie = cookieOf(ok);
  const page = await app.request("/", { headers: { cookie } });
  assert.equal(page.status, 200);
  assert.match(await page.text(), /Log out/);
  assert.equal(
    (await app.request("/", { headers: { cookie: cookie.slice(0, -2) + "xx" } })).status,
    303,
  );
  kv.close();
});

Deno.test("Board - the event stream resumes after Last-Event-ID and ends on shutdown", async () => {
  const { kv, app, stop } = await setup();
  const a = incident(), b = incident();
  const first = await putIncident(kv, a);
  await new Promise((r) => setTimeout(r, 2)); // ids order by millisecond first
  await putIncident(kv, b);
  const res = await app.request("/board/events", { headers: { "last-event-id": first } });
  assert.equal(res.headers.get("content-type"), "text/event-stream");
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  const acc = { text: "" };
  await readUntil(reader, acc, b.id);
  assert.ok(!acc.text.includes(a.id), "an event before Last-Event-ID was sent again");
  assert.match(acc.text, /event: incident\.created\ndata: /);
  const later = await putIncident(kv, { ...b, status: "acknowledged", version: 2 });
  await readUntil(reader, acc, `id: ${later}`);
  assert.match(acc.text, /event: incident\.updated/);
  stop.abort();
  while (!(await reader.read()).done);
  kv.close();
});

/** Reads the stream until `text` appears; fails if the stream ends or 5 s pass first. */
async function readUntil(
  reader: ReadableStreamDefaultReader<string>,
  acc: { text: string },
  text: string,
) {
  const end = Date.now() + 5_000;
  while (!acc.text.includes(text)) {
    const t = setTimeout(() => reader.cancel(), end - Date.now());
    const { value, done } = await reader.read();
    clearTimeout(t);
    assert.ok(!done, `stream ended before ${text}:\n${acc.text}`);
    acc.text += value;
  }
}

function detection(i: number, label: Detection["label"]): Detection {
  return {
    id: `${(1_000_000 + i).toString(36).padStart(9, "0")}-t`,
    line: `GET /item?id=${i} HTTP/1.1 ${label}`,
    label,
    score: 0.9,
    scores: { [label]: 0.9 } as Detection["scores"],
    attack: { tactics: [], techniques: [] },
    source: { transport: "file", path: "/var/log/apache2/access.log", lineNo: i + 1 },
    receivedAt: 1_000_000 + i,
    classifiedAt: 1_000_000 + i,
    context: [`previous line of ${i}`],
  };
}

Deno.test("Board - the logs table filters by class and text and pages with the cursor", async () => {
  const { kv, app } = await setup();
  for (let i = 0; i < 60; i++) {
    const d = detection(i, i % 3 ? "web_scan" : "web_exploit");
    await kv.set(K.detection(d.id), d);
    await kv.set(K.byLabel(d.label, d.id), null);
  }
  const rows = (html: string) =>
    [...html.matchAll(/GET \/item\?id=(\d+) /g)].map((m) => Number(m[1]));
  const p1 = await (await app.request("/logs?limit=25")).text();
  assert.deepEqual(rows(p1), Array.from({ length: 25 }, (_, i) => 59 - i));
  const next = p1.match(/href="([^"]+)" rel="next"/)![1].replaceAll("&amp;", "&");
  const p2 = await (await app.request(next)).text();
  assert.deepEqual(rows(p2), Array.from({ length: 25 }, (_, i) => 34 - i));
  assert.match(p2, /Newest/);
  const exploits = rows(await (await app.request("/logs?label=web_exploit")).text());
  assert.equal(exploits.length, 20);
  assert.ok(exploits.every((i) => i % 3 === 0));
  assert.deepEqual(rows(await (await app.request("/logs?q=ID%3D42%20")).text()), [42]);
  assert.match(await (await app.request("/logs?cursor=garbage")).text(), /Invalid page cursor/);
  kv.close();
});

Deno.test("Board - a suppression rule is created from the incident page with the CSRF token", async () => {
  const { kv, app } = await setup();
  const inc = incident({ label: "web_scan", entity: "198.51.100.4" });
  await putIncident(kv, inc);
  const page = await app.request(`/incidents/${inc.id}`);
  const cookie = cookieOf(page);
  const csrf = csrfOf(await page.text());
  const suppress = (id: string, body: Record<string, string>) =>
    app.request(`/incidents/${id}/suppress`, {
      method: "POST",
      headers: { cookie, accept: "application/json", "x-csrf-token": csrf },
      body: new URLSearchParams(body),
    });
  assert.equal((await suppress("nope", { expires: "1h" })).status, 404);
  const before = Date.now();
  const res = await suppress(inc.id, { expires: "7d", reason: "our own scanner" });
  assert.equal(res.status, 200);
  const { suppression } = await res.json();
  const rule = (await kv.get<Record<string, unknown>>(K.suppression(suppression.id))).value!;
  assert.equal(rule.label, "web_scan");
  assert.equal(rule.entity, "198.51.100.4");
  assert.equal(rule.reason, "our own scanner");
  assert.ok(Math.abs((rule.expiresAt as number) - before - 7 * 86_400_000) < 5_000);
  const forged = await app.request(`/incidents/${inc.id}/suppress`, {
    method: "POST",
    headers: { cookie },
    body: new URLSearchParams({ expires: "1h", _csrf: "forged" }),
  });
  assert.equal(forged.status, 403);
  kv.close();
});

Deno.test("Board - the incident page draws the entity's kill chain with links to earlier steps", async () => {
  const { kv, app } = await setup();
  const scan = incident({ label: "recon_scan" }), exploit = incident({ label: "web_exploit" });
  const sudo = incident({ label: "privilege_escalation", chain: [scan.id, exploit.id, "gone"] });
  for (const i of [scan, exploit, sudo]) await putIncident(kv, i);
  const html = await (await app.request(`/incidents/${sudo.id}`)).text();
  const steps = [...html.matchAll(/<li class="step (\w+)"><span class="step-name">([^<]+)/g)]
    .map((m) => `${m[2]}:${m[1]}`);
  assert.deepEqual(steps, [
    "Recon scan:seen",
    "Web scan:unseen",
    "Web exploit:seen",
    "Credential access:unseen",
    "Privilege escalation:current",
    "Command and control:unseen",
    "Exfiltration:unseen",
  ]);
  assert.match(html, new RegExp(`href="/incidents/${scan.id}"`));
  assert.match(html, new RegExp(`href="/incidents/${exploit.id}"`));
  kv.close();
});
