/**
 * The "Why this verdict" page in-process (`app.request`) on an in-memory KV with the shipped
 * model: weight buckets, marks over the payload, attacker text as text, links to it, 404.
 *
 * @module
 */
import assert from "node:assert/strict";
import { Classifier } from "../../lib/classify/classifier.ts";
import { Explainer } from "../../lib/classify/explanations.ts";
import { timeId } from "../../lib/core/kv_keys.ts";
import { incident, XSS } from "../../tests/board_fixtures.ts";
import { createBoard } from "../board.ts";
import { storeBoardData } from "./store_data.ts";
import { putIncident } from "./test_store.ts";
import { seedDetection } from "../test_seed.ts";
import { bucketOf, whyHref } from "./why_page.tsx";

const classifier = await Classifier.load();
const SQLI =
  `198.51.100.20 - - [01/Dec/2026:07:03:00 +0000] "GET /index.php?id=1%27%20UNION%20SELECT%201,2,3-- HTTP/1.1" 404 196 "-" "curl/8.5"`;
const XSS_LINE = `198.51.100.3 - - [01/Dec/2026:07:03:00 +0000] "GET /search.php?q=${
  XSS[1]
}&id=1' OR '1'='1 HTTP/1.1" 404 196 "-" "Mozilla/5.0"`;

async function setup() {
  const kv = await Deno.openKv(":memory:");
  const explainer = new Explainer(kv, {
    retentionMs: 3_600_000,
    classifier: () => Promise.resolve(classifier),
  });
  const app = createBoard({
    data: storeBoardData(kv, { retentionMs: 3_600_000, explainer }),
    kv,
  });
  return { kv, app };
}

const detection = (kv: Deno.Kv, line: string) => seedDetection(kv, classifier, line);

const unescape = (s: string) =>
  s.replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");

/** The marks of a page: [class or "", weight, text]. */
function marks(html: string): [string, number, string][] {
  const line = html.match(/<pre class="why-line">([\s\S]*?)<\/pre>/)![1];
  return [...line.matchAll(/<mark(?: class="(w\d)")? data-w="([^"]+)">([^<]*)<\/mark>/g)]
    .map((m) => [m[1] ?? "", Number(m[2]), unescape(m[3])]);
}

Deno.test("Why page - buckets are fifths of the line's strongest weight, none at or below 0", () => {
  const cases: [number, number, string | undefined][] = [
    [0.4, 0.4, "w5"],
    [0.33, 0.4, "w5"],
    [0.2, 0.4, "w3"],
    [0.01, 0.4, "w1"],
    [0, 0.4, undefined],
    [-0.1, 0.4, undefined],
    [0.1, 0, undefined],
    [Number.NaN, 0.4, undefined],
  ];
  for (const [w, max, want] of cases) assert.equal(bucketOf(w, max), want, `${w} of ${max}`);
});

Deno.test("Why page - the SQL injection payload carries the strongest marks, the status none", async () => {
  const { kv, app } = await setup();
  const d = await detection(kv, SQLI);
  const res = await app.request(whyHref(d.id));
  assert.equal(res.status, 200);
  const html = await res.text();
  assert.doesNotMatch(html, /\sstyle=|<script(?! type="module" src="\/)/);
  const m = marks(html);
  assert.equal(m.map(([, , t]) => t).join("").replace(/\s+/g, ""), SQLI.replace(/\s+/g, ""));
  const w5 = m.filter(([c]) => c === "w5").map(([, , t]) => t);
  assert.ok(w5.some((t) => ["%27%20", "UNION", "SELECT"].includes(t)), w5.join(" "));
  assert.equal(m.find(([, , t]) => t.includes("Dec/2026"))![0], "");
  assert.match(html, /Web exploit/);
  assert.match(html, /class="why-legend/);
  kv.close();
});

Deno.test("Why page - attacker markup in the line stays text", async () => {
  const { kv, app } = await setup();
  const d = await detection(kv, XSS_LINE);
  const html = await (await app.request(whyHref(d.id))).text();
  assert.doesNotMatch(html, /<img\b/i);
  assert.match(html, /&lt;<\/mark>|&lt;/);
  assert.ok(marks(html).some(([, , t]) => t === "img"));
  kv.close();
});

Deno.test("Why page - linked from the logs table and the incident timeline; unknown ids are 404", async () => {
  const { kv, app } = await setup();
  const d = await detection(kv, SQLI);
  const logs = await (await app.request("/logs")).text();
  assert.ok(logs.includes(`href="${whyHref(d.id)}"`));
  const inc = incident({
    samples: [{
      detectionId: d.id,
      line: d.line,
      source: d.source,
      receivedAt: d.receivedAt,
      context: [],
      why: "first",
    }],
  });
  await putIncident(kv, inc);
  const page = await (await app.request(`/incidents/${inc.id}`)).text();
  assert.ok(page.includes(`href="${whyHref(d.id)}"`));
  assert.equal((await app.request(whyHref(`${timeId()}-0001`))).status, 404);
  assert.equal((await app.request("/detections/..%2Fetc/why")).status, 404);
  kv.close();
});
