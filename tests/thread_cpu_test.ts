/** @module The bench's per-thread CPU reading (tests/thread_cpu.ts) on this very process. */
import assert from "node:assert/strict";
import { cpuSummary, threadCpu } from "./thread_cpu.ts";

const total = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);

Deno.test("thread CPU - a busy loop shows in this process's threads", () => {
  const before = threadCpu(Deno.pid);
  assert.ok(before.size > 1, "one entry per thread");
  // Busy until the threads' counters show 0.3 s more (a loaded box gives this thread less than
  // the wall time), for at most 20 s. `deno test` runs this on a runtime thread, not `deno`.
  const end = performance.now() + 20_000;
  let after = before;
  while (total(after) - total(before) < 0.3 && performance.now() < end) {
    for (let i = 0; i < 1e6; i++) Math.sqrt(i);
    after = threadCpu(Deno.pid);
  }
  const line = cpuSummary(before, after, 1);
  const used = Number(line.match(/^service CPU (\d+\.\d) s \(\d\.\d\d cores\): /)?.[1]);
  assert.ok(used >= 0.3, line);
});

Deno.test("thread CPU - the summary sums by thread kind, busiest first", () => {
  const after = new Map([["1:deno", 1], ["2:worker-1", 1.5], ["3:worker-2", 1], ["4:sw-0", 0.5]]);
  assert.equal(
    cpuSummary(new Map([["2:worker-1", 0.5]]), after, 1.5),
    "service CPU 3.5 s (2.33 cores): Web Workers 2.0, main thread 1.0, blocking ops (KV) 0.5 s",
  );
});
