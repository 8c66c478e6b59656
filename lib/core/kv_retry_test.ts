/**
 * Pins the local retry of KV commits that SQLite refuses while another writer holds the file.
 *
 * @module
 */
import assert from "node:assert/strict";
import { retryWhileLocked } from "./kv_retry.ts";

Deno.test("a commit refused with 'database is locked' is retried until it succeeds", async () => {
  let calls = 0;
  const v = await retryWhileLocked(() => {
    if (++calls < 3) throw new TypeError("database is locked");
    return Promise.resolve("ok");
  });
  assert.equal(v, "ok");
  assert.equal(calls, 3);
});

Deno.test("other errors are not retried, and a lock that never clears gives up", async () => {
  let calls = 0;
  await assert.rejects(
    retryWhileLocked(() => {
      calls++;
      throw new Error("value too large");
    }),
    /too large/,
  );
  assert.equal(calls, 1);
  calls = 0;
  await assert.rejects(
    retryWhileLocked(() => {
      calls++;
      throw new TypeError("database is locked");
    }, 3),
    /locked/,
  );
  assert.equal(calls, 3);
});
