/** @module The incidents API through `app.request`: filters, paging, detail links, triage, guards. */
import assert from "node:assert/strict";
import { hitOf, sshFail } from "../lib/incidents/test_hits.ts";
import { testApp } from "./test_app.ts";
import { seedIncidents } from "./test_seed.ts";

const T0 = Date.UTC(2026, 11, 1, 7);
const IP = "198.51.100.77";

async function setup(token?: string) {
  const kv = await Deno.openKv(":memory:");
  const chainHits = [
    hitOf("web_scan", `${IP} - - [x] "GET /admin HTTP/1.1" 404 1`, T0),
    hitOf("web_exploit", `${IP} - - [x] "GET /?id=1'-- HTTP/1.1" 200 1`, T0 + 60_000),
  ];
  const brute = Array.from(
    { length: 5 },
    (_, i) => hitOf("credential_access", sshFail(i, `192.0.2.${i}`), T0 + i),
  );
  const incs = await seedIncidents(kv, [...chainHits, ...brute]);
  const app = testApp(kv, { token, retentionMs: 3_600_000 });
  return { kv, app, incs };
}

const patch = (body: unknown, headers: Record<string, string> = {}) => ({
  method: "PATCH",
  headers: { "content-type": "application/json", ...headers },
  body: JSON.stringify(body),
});

Deno.test("Incidents API - filters and pages newest first; a bad cursor is a 400", async () => {
  const { kv, app } = await setup();
  const all = await (await app.request("/api/incidents")).json();
  assert.equal(all.items.length, 7);
  assert.equal(all.cursor, null);
  assert.ok(all.items[0].firstSeen >= all.items[6].firstSeen);
  const brute = await (await app.request("/api/incidents?label=credential_access")).json();
  assert.equal(brute.items.length, 5);
  const one = await (await app.request(`/api/incidents?entity=${IP}&label=web_exploit`)).json();
  assert.equal(one.items.length, 1);
  const severe = await (await app.request("/api/incidents?severity=medium")).json();
  assert.deepEqual(severe.items.map((i: { label: string }) => i.label).sort(), [
    "credential_access",
    "credential_access",
    "credential_access",
    "credential_access",
    "credential_access",
    "web_exploit",
  ]);
  const seen: string[] = [];
  let cursor = "";
  do {
    const page = await (await app.request(`/api/incidents?limit=3${cursor}`)).json();
    seen.push(...page.items.map((i: { id: string }) => i.id));
    cursor = page.cursor ? `&cursor=${page.cursor}` : "";
  } while (cursor);
  assert.deepEqual(seen, all.items.map((i: { id: string }) => i.id));
  const bad = await app.request("/api/incidents?cursor=garbage!!");
  assert.equal(bad.status, 400);
  assert.match((await bad.json()).error, /cursor: invalid cursor/);
  assert.equal((await app.request("/api/incidents?severity=huge")).status, 400);
  kv.close();
});

Deno.test("Incidents API - one incident with its chain, followers, samples and audit", async () => {
  const { kv, app, incs } = await setup();
  const [scan, exploit] = incs;
  const d = await (await app.request(`/api/incidents/${exploit.id}`)).json();
  assert.deepEqual(d.links.chain.map((i: { id: string }) => i.id), [scan.id]);
  assert.equal(d.samples[0].why, "first");
  assert.deepEqual(d.audit, []);
  const s = await (await app.request(`/api/incidents/${scan.id}`)).json();
  assert.deepEqual(s.links.followedBy.map((i: { id: string }) => i.id), [exploit.id]);
  assert.equal((await app.request("/api/incidents/000000000-00000000")).status, 404);
  kv.close();
});

Deno.test("Incidents API - triage records the actor; invalid transitions are 400", async () => {
  const { kv, app, incs } = await setup();
  const id = incs[0].id;
  const ack = await app.request(`/api/incidents/${id}`, patch({ status: "acknowledged" }));
  assert.equal(ack.status, 200);
  assert.equal((await ack.json()).audit[0].actor, "local");
  const back = await app.request(`/api/incidents/${id}`, patch({ status: "new" }));
  assert.equal(back.status, 400);
  assert.match((await back.json()).error, /invalid transition: acknowledged → new/);
  const noReason = await app.request(`/api/incidents/${id}`, patch({ status: "false_positive" }));
  assert.equal(noReason.status, 400);
  const fp = await app.request(
    `/api/incidents/${id}`,
    patch({ status: "false_positive", reason: "ours" }),
  );
  assert.equal((await fp.json()).status, "false_positive");
  assert.equal(
    (await app.request(`/api/incidents/${id}`, patch({ status: "closed" }))).status,
    400,
  );
  kv.close();
});

Deno.test("Incidents API - the token, JSON bodies and same-origin are required to change state", async () => {
  const { kv, app, incs } = await setup("a-token-of-sixteen-chars");
  const url = `/api/incidents/${incs[0].id}`;
  assert.equal((await app.request("/api/incidents")).status, 401);
  assert.equal((await app.request(url, patch({ status: "resolved" }))).status, 401);
  const auth = { authorization: "Bearer a-token-of-sixteen-chars" };
  const cross = await app.request(
    url,
    patch({ status: "resolved" }, { ...auth, "sec-fetch-site": "cross-site" }),
  );
  assert.equal(cross.status, 403);
  const form = await app.request(url, {
    method: "PATCH",
    headers: { ...auth, "content-type": "text/plain" },
    body: '{"status":"resolved"}',
  });
  assert.equal(form.status, 415);
  const ok = await app.request(url, patch({ status: "resolved" }, auth));
  assert.equal(ok.status, 200);
  assert.equal((await ok.json()).audit[0].actor, "api-token");
  kv.close();
});
