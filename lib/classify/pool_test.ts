/**
 * The classifier worker pool on the real worker host (workers/classify_worker.ts).
 *
 * @module
 */
import assert from "node:assert/strict";
import { ClassifyPool } from "./pool.ts";

const WORKER = new URL("../../workers/classify_worker.ts", import.meta.url);

Deno.test("ClassifyPool - close waits for the calls already sent, then stops the workers", async () => {
  const pool = await ClassifyPool.create(2, WORKER);
  const lines = Array.from({ length: 50 }, (_, i) => `sshd[${i}]: Invalid user u${i} from ipaddr`);
  const calls = Promise.all([pool.classify(lines), pool.classify(["", ...lines.slice(0, 3)])]);
  await pool.close();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const [a, b] = await Promise.race([
    calls,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error("calls lost by close")), 10_000);
    }),
  ]).finally(() => clearTimeout(timer));
  assert.equal(a.length, 50);
  assert.deepEqual(b.map((p) => p.score === 1 && p.label === "benign"), [
    true,
    false,
    false,
    false,
  ]);
});
