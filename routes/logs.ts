/**
 * `POST /api/logs`: line batches over HTTP, acknowledged with 202 only once committed to KV.
 * A retried batch with the same `Idempotency-Key` header is acknowledged once: its first
 * answer is remembered for {@link IDEMPOTENCY_TTL_MS} and replayed.
 *
 * @module
 */
import { Hono } from "hono";
import { getConnInfo } from "hono/deno";
import { HTTPException } from "hono/http-exception";
import { K } from "../lib/core/kv_keys.ts";
import { bodyRecords } from "../lib/ingest/http/body.ts";
import { commitRecords } from "../lib/queue/batcher.ts";

/** How long an Idempotency-Key is remembered. */
export const IDEMPOTENCY_TTL_MS = 10 * 60_000;

/** What the ingest route needs from the service. */
export interface LogsDeps {
  kv: Deno.Kv;
  maxBodyBytes: number;
  maxBodyLines: number;
  slowTimeoutMs: number;
  /** Current queue backlog (batches). */
  backlog: () => number;
  maxBacklog: number;
}

function peerOf(c: Parameters<typeof getConnInfo>[0]): string | undefined {
  try {
    const a = getConnInfo(c).remote;
    return a.address ? `${a.address}:${a.port}` : undefined;
  } catch {
    return undefined; // in-process requests (tests, edge) carry no socket
  }
}

/** The ingest sub-app. */
export function createLogs(deps: LogsDeps): Hono {
  const inFlightKeys = new Set<string>();
  return new Hono().post("/api/logs", async (c) => {
    const declared = Number(c.req.header("content-length") ?? 0);
    if (declared > deps.maxBodyBytes) {
      throw new HTTPException(413, { message: `body larger than ${deps.maxBodyBytes} bytes` });
    }
    if (deps.backlog() >= deps.maxBacklog) {
      c.header("Retry-After", "5");
      return c.json({ error: "queue backlog is full, retry later" }, 503);
    }
    const key = c.req.header("idempotency-key");
    if (key !== undefined && !/^[\x21-\x7e]{1,200}$/.test(key)) {
      throw new HTTPException(400, {
        message: "Idempotency-Key must be 1-200 printable ASCII characters",
      });
    }
    if (key !== undefined) {
      const seen = await deps.kv.get<{ accepted: number }>(K.idempotency(key));
      if (seen.value) return c.json({ ...seen.value, replayed: true }, 202);
      if (inFlightKeys.has(key)) {
        throw new HTTPException(409, {
          message: "a request with this Idempotency-Key is in progress",
        });
      }
      inFlightKeys.add(key);
    }
    try {
      const records = await bodyRecords(c.req.raw, {
        maxBytes: deps.maxBodyBytes,
        timeoutMs: deps.slowTimeoutMs,
      }, peerOf(c));
      if (records.length > deps.maxBodyLines) {
        throw new HTTPException(413, {
          message: `more than ${deps.maxBodyLines} lines in one request`,
        });
      }
      await commitRecords(deps.kv, records);
      const answer = { accepted: records.length };
      if (key !== undefined) {
        await deps.kv.set(K.idempotency(key), answer, { expireIn: IDEMPOTENCY_TTL_MS });
      }
      return c.json(answer, 202);
    } finally {
      if (key !== undefined) inFlightKeys.delete(key);
    }
  });
}
