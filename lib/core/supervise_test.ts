/**
 * Pins the worker supervisor with real Web Workers (the pool's stand-in worker,
 * lib/classify/test_pool_worker.ts): a failed worker is started again after its delay, the delay
 * grows while failures come in a row, and stop ends it for good.
 *
 * @module
 */
import assert from "node:assert/strict";
import { superviseWorker } from "./supervise.ts";

const worker = (mode: string, lock?: string) => {
  const url = new URL("../classify/test_pool_worker.ts", import.meta.url);
  url.searchParams.set("mode", mode);
  if (lock) url.searchParams.set("lock", lock);
  return url;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(f: () => boolean, ms = 10_000) {
  const end = Date.now() + ms;
  while (!f()) {
    if (Date.now() > end) throw new Error("timed out");
    await sleep(20);
  }
}

Deno.test("Supervise - a worker that fails after start is started again, with a growing wait", async () => {
  const waits: number[] = [];
  // crash-idle: every start of the stand-in throws 100 ms after it is ready.
  const w = await superviseWorker(worker("crash-idle"), {
    name: "test",
    delayMs: (n) => (waits.push(n), 50 * n),
  });
  assert.equal(w.alive(), true);
  await until(() => w.restarts() >= 3);
  assert.match(w.error()!, /./);
  assert.deepEqual(waits.slice(0, 3), [1, 2, 3]);
  await w.stop(1000);
  const after = w.restarts();
  await sleep(600);
  assert.equal(w.restarts(), after, "restarted after stop");
  assert.equal(w.alive(), false);
});

Deno.test("Supervise - a worker that ran long enough starts its count of failures afresh", async () => {
  const waits: number[] = [];
  const w = await superviseWorker(worker("crash-idle"), {
    name: "test",
    delayMs: (n) => (waits.push(n), 10),
    stableMs: 0,
  });
  await until(() => w.restarts() >= 3);
  await w.stop(1000);
  assert.deepEqual(waits.slice(0, 3), [1, 1, 1]);
});

Deno.test("Supervise - a worker that cannot start at all fails the first start", async () => {
  await assert.rejects(
    superviseWorker(worker("fail-load"), { name: "test" }),
    /model file unreadable/,
  );
});

Deno.test("Supervise - restarts that fail to load wait longer each time, after a long run too", async () => {
  const dir = await Deno.makeTempDir();
  const waits: number[] = [];
  // The first worker runs past stableMs, then crashes; every restart then fails to load.
  const w = await superviseWorker(worker("crash-then-unloadable", `${dir}/lock`), {
    name: "test",
    delayMs: (n) => (waits.push(n), 10),
    stableMs: 50,
  });
  await until(() => w.restarts() >= 3);
  await w.stop(1000);
  assert.deepEqual(waits.slice(0, 3), [1, 2, 3]);
  assert.match(w.error()!, /model file unreadable/);
  await Deno.remove(dir, { recursive: true });
});
