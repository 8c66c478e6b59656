/**
 * Deno KV on one SQLite file shared by several isolates (the main thread, the queue worker, the
 * advice worker): a write can meet "database is locked" while another isolate holds the write
 * lock. Such a write is retried locally with a short exponential backoff instead of failing.
 *
 * @module
 */

/**
 * Runs `f` again while SQLite reports the KV file busy (another process or worker is
 * writing): a short local retry instead of failing the message into KV's slow redelivery.
 */
export async function retryWhileLocked<T>(f: () => Promise<T>, tries = 8): Promise<T> {
  for (let i = 1;; i++) {
    try {
      return await f();
    } catch (e) {
      if (i >= tries || !/database is locked/.test((e as Error).message)) throw e;
      await new Promise((r) => setTimeout(r, 10 * 2 ** i * (0.5 + Math.random())));
    }
  }
}
