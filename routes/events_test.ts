/** @module The SSE stream through `app.request`: ids, Last-Event-ID resume, stats, heartbeats. */
import assert from "node:assert/strict";
import { appendEvents, readSeq } from "../lib/events/log.ts";
import { createEvents } from "./events.ts";

async function append(kv: Deno.Kv, n: number) {
  const op = kv.atomic();
  appendEvents(op, await readSeq(kv), [{ at: Date.now(), type: "incident.created", data: { n } }]);
  await op.commit();
}

/** Reads SSE frames from `res` until `until` holds for the frames read so far. */
async function frames(res: Response, until: (f: string[]) => boolean): Promise<string[]> {
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let text = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    text += value;
    const got = text.split("\n\n").filter(Boolean);
    if (until(got)) {
      await reader.cancel();
      return got;
    }
  }
  return text.split("\n\n");
}

const ids = (fs: string[]) => fs.flatMap((f) => f.match(/^id: (\d+)$/m)?.[1] ?? []);

Deno.test("Events API - new events stream with their seq; Last-Event-ID replays what was missed", async () => {
  const kv = await Deno.openKv(":memory:");
  const app = createEvents({ kv, pollMs: 20, heartbeatMs: 50, statsMs: 60_000 });
  await append(kv, 1); // before the client connected: not sent without Last-Event-ID
  const live = app.request("/api/events");
  setTimeout(() => append(kv, 2), 50);
  const first = await frames(
    await live,
    (f) => ids(f).length >= 1 && f.some((x) => x.includes(": heartbeat")),
  );
  assert.deepEqual(ids(first), ["2"]);
  assert.ok(first.some((f) => f.startsWith("event: stats")));
  assert.match(
    first.find((f) => f.includes("id: 2"))!,
    /event: incident\.created\ndata: \{.*"n":2/,
  );
  await append(kv, 3);
  await append(kv, 4);
  const resumed = await app.request("/api/events", { headers: { "last-event-id": "2" } });
  assert.deepEqual(ids(await frames(resumed, (f) => ids(f).length >= 2)), ["3", "4"]);
  const bad = await app.request("/api/events", { headers: { "last-event-id": "x1" } });
  assert.equal(bad.status, 400);
  kv.close();
});
