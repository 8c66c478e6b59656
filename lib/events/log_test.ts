/** @module The event log: ordered, resumable, and guarded against concurrent writers. */
import assert from "node:assert/strict";
import { appendEvents, eventsAfter, lastSeq, readSeq } from "./log.ts";

const ev = (n: number) => ({ at: n, type: "detections" as const, data: { n } });

Deno.test("Events - appended events are numbered in order and read back after a seq", async () => {
  const kv = await Deno.openKv(":memory:");
  for (const batch of [[ev(1), ev(2)], [ev(3)], [ev(4), ev(5), ev(6)]]) {
    const op = kv.atomic();
    appendEvents(op, await readSeq(kv), batch);
    assert.equal((await op.commit()).ok, true);
  }
  assert.equal(await lastSeq(kv), 6);
  assert.deepEqual((await eventsAfter(kv, 0)).map((e) => e.seq), [1, 2, 3, 4, 5, 6]);
  assert.deepEqual((await eventsAfter(kv, 4)).map((e) => e.data.n), [5, 6]);
  assert.deepEqual((await eventsAfter(kv, 1, 2)).map((e) => e.seq), [2, 3]);
  assert.deepEqual(await eventsAfter(kv, 6), []);
  kv.close();
});

Deno.test("Events - two writers that read the same seq cannot both commit", async () => {
  const kv = await Deno.openKv(":memory:");
  const seq = await readSeq(kv);
  const a = kv.atomic(), b = kv.atomic();
  appendEvents(a, seq, [ev(1)]);
  appendEvents(b, seq, [ev(2)]);
  assert.equal((await a.commit()).ok, true);
  assert.equal((await b.commit()).ok, false);
  assert.deepEqual((await eventsAfter(kv, 0)).map((e) => e.data.n), [1]);
  kv.close();
});
