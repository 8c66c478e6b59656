/**
 * Webhooks against a real receiver (`Deno.serve` on 127.0.0.1): the signature verifies, each
 * severity is announced once, failures are retried, the per-endpoint rate limit holds, and a
 * dead endpoint ends in the dead-letter record; Slack payloads keep log text inert.
 *
 * @module
 */
import assert from "node:assert/strict";
import { K } from "../lib/core/kv_keys.ts";
import {
  type DeadLetter,
  deadLetterCount,
  Notifier,
  type NotifierOptions,
} from "../lib/notify/notifier.ts";
import { WebhookPayloadSchema } from "../lib/notify/payload.ts";
import { verifySignature } from "../lib/notify/sign.ts";
import { incidentFixture } from "./incident_fixture.ts";

const SECRET = "s3cret-s3cret-s3cret";

interface Received {
  at: number;
  body: string;
  headers: Headers;
}

/** A receiver answering each request with the next status of `statuses` (then 200). */
function receiver(statuses: number[] = []) {
  const got: Received[] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, async (req) => {
    got.push({ at: Date.now(), body: await req.text(), headers: req.headers });
    return new Response(null, { status: statuses.shift() ?? 200 });
  });
  return {
    url: `http://127.0.0.1:${server.addr.port}/hook/T000/B000/secretpath`,
    got,
    server,
    [Symbol.asyncDispose]: () => server.shutdown(),
  };
}

async function setup(opts: Partial<NotifierOptions> & { endpoints: string[] }) {
  const kv = await Deno.openKv(":memory:");
  const notifier = new Notifier(kv, {
    format: "json",
    secret: SECRET,
    minSeverity: "high",
    perMinute: 100,
    backoffMs: [10, 20],
    timeoutMs: 1000,
    ...opts,
  });
  return {
    kv,
    notifier,
    async [Symbol.asyncDispose]() {
      await notifier.stop();
      kv.close();
    },
  };
}

async function until(what: string, f: () => boolean | Promise<boolean>, ms = 15_000) {
  const end = Date.now() + ms;
  while (!(await f())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

Deno.test("Webhook - signed JSON on a new incident and on a step-up, once per severity", async () => {
  await using r = receiver();
  await using h = await setup({ endpoints: [r.url] });
  const { kv, notifier } = h;
  const low = incidentFixture({ id: "0mg4x1b00-medium00", severity: "medium" });
  assert.equal(await notifier.notifyIncident(low), 0);
  for (const status of ["resolved", "false_positive"] as const) {
    const closed = incidentFixture({ id: `0mg4x1b00-${status}`, status, severity: "critical" });
    assert.equal(await notifier.notifyIncident(closed), 0);
  }
  assert.equal(await notifier.notifyIncident(incidentFixture({ severity: "high" })), 1);
  assert.equal(await notifier.notifyIncident(incidentFixture({ severity: "high" })), 0);
  await until("the first delivery", () => r.got.length === 1);
  const first = r.got[0];
  assert.equal(
    await verifySignature(SECRET, first.body, first.headers.get("x-insyt-signature")),
    true,
  );
  assert.equal(
    await verifySignature(
      "wrong-secret-wrong",
      first.body,
      first.headers.get("x-insyt-signature"),
    ),
    false,
  );
  assert.equal(
    await verifySignature(SECRET, first.body + " ", first.headers.get("x-insyt-signature")),
    false,
  );
  // Independently of sign.ts: HMAC-SHA256 of the raw body, hex.
  const key = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(SECRET),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const mac = new Uint8Array(
    await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(first.body)),
  );
  const hex = Array.from(mac, (b) => b.toString(16).padStart(2, "0")).join("");
  assert.equal(first.headers.get("x-insyt-signature"), `sha256=${hex}`);
  const p = WebhookPayloadSchema.parse(JSON.parse(first.body));
  assert.equal(p.type, "incident.created");
  assert.equal(first.headers.get("x-insyt-event"), "incident.created");
  assert.equal(first.headers.get("x-insyt-delivery"), p.deliveryId);
  assert.equal(p.incident.entity, "203.0.113.7");
  assert.equal(p.incident.count, 4211);
  assert.deepEqual(p.incident.techniques, ["T1110"]);

  await notifier.notifyIncident(incidentFixture({ severity: "critical", version: 2 }), "high");
  await until("the step-up", () => r.got.length === 2);
  const up = WebhookPayloadSchema.parse(JSON.parse(r.got[1].body));
  assert.equal(up.type, "incident.severity_raised");
  assert.equal(up.incident.previousSeverity, "high");
  assert.equal(up.incident.severity, "critical");
  assert.deepEqual((await kv.get(K.notifySent(up.incident.id))).value, {
    seen: "critical",
    announced: "critical",
  });
  assert.equal(notifier.status().delivered, 2);
});

Deno.test("Webhook - 500s and 429s are retried with backoff until delivered", async () => {
  await using r = receiver([500, 429, 503]);
  await using h = await setup({ endpoints: [r.url], backoffMs: [30, 60, 90] });
  const { kv, notifier } = h;
  await notifier.notifyIncident(incidentFixture());
  await until("delivery", () => notifier.status().delivered === 1);
  assert.equal(r.got.length, 4);
  assert.equal(new Set(r.got.map((g) => g.headers.get("x-insyt-delivery"))).size, 1);
  const gaps = r.got.slice(1).map((g, i) => g.at - r.got[i].at);
  assert.ok(gaps.every((g) => g >= 20), `gaps ${gaps}`);
  assert.equal(notifier.status().failedAttempts, 3);
  assert.equal(await deadLetterCount(kv), 0);
});

Deno.test("Webhook - the per-endpoint rate limit holds; the rest wait for the window", async () => {
  await using r = receiver();
  await using h = await setup({ endpoints: [r.url], perMinute: 3, windowMs: 2000 });
  const { notifier } = h;
  for (let i = 0; i < 5; i++) {
    await notifier.notifyIncident(incidentFixture({ id: `0mg4x1b00-rate000${i}` }));
  }
  await until("three deliveries", () => r.got.length === 3);
  await new Promise((res) => setTimeout(res, 300));
  assert.equal(r.got.length, 3, "no fourth delivery inside the window");
  assert.equal(notifier.status().queued, 2);
  await until("all five", () => r.got.length === 5);
  assert.ok(r.got[3].at - r.got[0].at >= 1980, `fourth after ${r.got[3].at - r.got[0].at} ms`);
  // Still in order.
  const ids = r.got.map((g) => JSON.parse(g.body).incident.id);
  assert.deepEqual(ids, [0, 1, 2, 3, 4].map((i) => `0mg4x1b00-rate000${i}`));
});

Deno.test("Webhook - a dead endpoint ends in the dead-letter record; a refusing one after one try", async () => {
  const gone = receiver();
  await gone.server.shutdown();
  await using refusing = receiver([400]);
  await using h = await setup({ endpoints: [gone.url, refusing.url] });
  const { kv, notifier } = h;
  await notifier.notifyIncident(incidentFixture());
  await until("two dead letters", async () => (await deadLetterCount(kv)) === 2);
  const dead: DeadLetter[] = [];
  for await (const e of kv.list<DeadLetter>({ prefix: K.notifyDeadPrefix })) dead.push(e.value);
  dead.sort((a, b) => a.endpointIndex - b.endpointIndex);
  assert.equal(dead[0].attempts, 3);
  assert.equal(dead[0].endpoint, new URL(gone.url).origin, "the secret path is not stored");
  assert.ok(!JSON.stringify(dead).includes("secretpath"));
  assert.equal(dead[0].type, "incident.created");
  assert.equal(
    WebhookPayloadSchema.parse(JSON.parse(dead[0].body)).incident.id,
    dead[0].incidentId,
  );
  assert.equal(dead[1].attempts, 1);
  assert.equal(dead[1].error, "HTTP 400");
  assert.equal(refusing.got.length, 1);
  assert.equal(notifier.status().deadLetters, 2);
  assert.match(notifier.status().lastError ?? "", /^http:\/\/127\.0\.0\.1:\d+ \(#\d\)/);
});

Deno.test("Webhook - Slack payloads carry text and blocks, with log text escaped and inert", async () => {
  await using r = receiver();
  await using h = await setup({ endpoints: [r.url], format: "slack", secret: undefined });
  const { notifier } = h;
  const entity = "<!channel> <http://evil.example|click> `x` & *bold*";
  await notifier.notifyIncident(incidentFixture({ entity, hosts: ["<@U123>"] }));
  await until("delivery", () => r.got.length === 1);
  const msg = JSON.parse(r.got[0].body);
  assert.equal(r.got[0].headers.get("x-insyt-signature"), null);
  assert.match(msg.text, /^INSyT: New high incident: credential_access from /);
  assert.ok(Array.isArray(msg.blocks) && msg.blocks.length === 3);
  const all = JSON.stringify(msg);
  assert.ok(!all.includes("<!channel>") && !all.includes("<http://") && !all.includes("<@U123>"));
  assert.ok(all.includes("&lt;!channel&gt; &lt;http://evil.example|click&gt; 'x' &amp; *bold*"));
});

Deno.test("Webhook - deliveries still queued at shutdown are kept as dead letters", async () => {
  await using r = receiver();
  await using h = await setup({ endpoints: [r.url], perMinute: 1, windowMs: 60_000 });
  const { kv, notifier } = h;
  await notifier.notifyIncident(incidentFixture({ id: "0mg4x1b00-stop0001" }));
  await notifier.notifyIncident(incidentFixture({ id: "0mg4x1b00-stop0002" }));
  await until("the first", () => r.got.length === 1);
  await notifier.stop();
  assert.equal(await deadLetterCount(kv), 1);
  assert.equal(await notifier.notifyIncident(incidentFixture({ id: "0mg4x1b00-stop0003" })), 0);
});

Deno.test("Webhook - an incident that reaches the bar by a step-up is announced as raised, from what was seen", async () => {
  await using r = receiver();
  await using h = await setup({ endpoints: [r.url] });
  const { notifier } = h;
  const inc = (severity: "medium" | "high" | "critical", version: number) =>
    incidentFixture({ severity, version });
  assert.equal(await notifier.notifyIncident(inc("medium", 1)), 0);
  assert.equal(await notifier.notifyIncident(inc("medium", 2)), 0);
  assert.equal(await notifier.notifyIncident(inc("high", 3)), 1);
  assert.equal(await notifier.notifyIncident(inc("high", 4)), 0);
  assert.equal(await notifier.notifyIncident(inc("critical", 5)), 1);
  await until("two deliveries", () => r.got.length === 2);
  const [a, b] = r.got.map((g) => WebhookPayloadSchema.parse(JSON.parse(g.body)));
  assert.deepEqual(
    [a.type, a.incident.previousSeverity, a.incident.severity],
    ["incident.severity_raised", "medium", "high"],
  );
  assert.deepEqual(
    [b.type, b.incident.previousSeverity, b.incident.severity],
    ["incident.severity_raised", "high", "critical"],
  );
});
