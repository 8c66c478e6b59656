/**
 * `POST /api/logs` bodies into line records: JSON (`{"lines"}` or `{"records"}`), NDJSON (a
 * JSON string or record per line) and plain text (a line per line, CRLF and invalid UTF-8
 * flagged). The body is read through a bound on its size and on its duration (a half-sent
 * body is given up after the slow timeout); errors name the line and the field, briefly.
 *
 * @module
 */
import { z } from "zod";
import {
  type LineRecord,
  LinesBodySchema,
  RecordBodySchema,
  RecordsBodySchema,
  type Source,
} from "../../core/schemas.ts";
import { readLines } from "../../formats/line_reader.ts";

/** The body types accepted, for the 415 answer. */
export const BODY_TYPES = ["application/json", "application/x-ndjson", "text/plain"] as const;

/** Why a body was refused; `status` is the HTTP answer. */
export class BodyError extends Error {
  /** `message` is sent to the client. */
  constructor(readonly status: 400 | 408 | 413 | 415, message: string) {
    super(message);
  }
}

/** Limits on one body. */
export interface BodyLimits {
  /** Most bytes read, whatever Content-Length claimed (413 past it). */
  maxBytes: number;
  /** The whole body must arrive within this time. */
  timeoutMs: number;
}

/** Passes a body stream through, failing past `max` bytes (whatever Content-Length claimed) or after `timeoutMs`. */
function bounded(body: ReadableStream<Uint8Array>, l: BodyLimits): ReadableStream<Uint8Array> {
  let seen = 0;
  let timer: ReturnType<typeof setTimeout>;
  return body.pipeThrough(
    new TransformStream({
      start(ctl) {
        timer = setTimeout(
          () => ctl.error(new BodyError(408, `body not complete within ${l.timeoutMs / 1000} s`)),
          l.timeoutMs,
        );
      },
      transform(chunk, ctl) {
        seen += chunk.length;
        if (seen > l.maxBytes) {
          ctl.error(new BodyError(413, `body larger than ${l.maxBytes} bytes`));
        } else ctl.enqueue(chunk);
      },
      flush: () => clearTimeout(timer),
    }),
  );
}

/** A zod error as "path: message; ..." (at most three). */
function brief(e: z.ZodError): string {
  return e.issues.slice(0, 3).map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; ");
}

function sourceOf(base: Source, r: { source?: string; host?: string }): Source {
  return { ...base, ...(r.source ? { name: r.source } : {}), ...(r.host ? { host: r.host } : {}) };
}

/** The media type of a Content-Type header, lower-cased ("" when absent). */
export function mediaType(header: string | undefined): string {
  return (header ?? "").split(";")[0].trim().toLowerCase();
}

/**
 * Reads `req`'s body as line records from `peer`. Throws {@link BodyError} with the status
 * to answer (415 for another media type, 400 naming the bad line, 408, 413).
 */
export async function bodyRecords(
  req: Request,
  limits: BodyLimits,
  peer: string | undefined,
): Promise<LineRecord[]> {
  const type = mediaType(req.headers.get("content-type") ?? undefined);
  if (!(BODY_TYPES as readonly string[]).includes(type)) {
    throw new BodyError(
      415,
      `content-type ${JSON.stringify(type || "(none)")} is not accepted; use ${
        BODY_TYPES.join(", ")
      }`,
    );
  }
  const receivedAt = Date.now();
  const base: Source = { transport: "http", peer };
  const stream = bounded(req.body ?? ReadableStream.from([]), limits);
  if (type === "application/json") {
    let json: unknown;
    try {
      json = JSON.parse(await new Response(stream).text());
    } catch (e) {
      if (e instanceof BodyError) throw e;
      throw new BodyError(400, `invalid JSON: ${(e as Error).message}`);
    }
    // The shape is chosen by its key, so the error can say what is wrong inside it.
    const hasRecords = typeof json === "object" && json !== null && "records" in json;
    const body = (hasRecords ? RecordsBodySchema : LinesBodySchema).safeParse(json);
    if (!body.success) {
      throw new BodyError(
        400,
        `${
          brief(body.error)
        } (send {"lines": [...]} or {"records": [{"line", "source"?, "host"?}]})`,
      );
    }
    if ("lines" in body.data) {
      return body.data.lines.map((line) => ({ line, source: base, receivedAt }));
    }
    return body.data.records.map((r) => ({ line: r.line, source: sourceOf(base, r), receivedAt }));
  }
  const out: LineRecord[] = [];
  let lineNo = 0;
  for await (const lines of readLines(stream)) {
    for (const l of lines) {
      lineNo++;
      if (type === "application/x-ndjson") {
        if (!l.text.trim()) continue;
        let v: unknown;
        try {
          v = JSON.parse(l.text);
        } catch (e) {
          throw new BodyError(400, `line ${lineNo}: invalid JSON: ${(e as Error).message}`);
        }
        const r = typeof v === "string"
          ? { success: true as const, data: { line: v } }
          : RecordBodySchema.safeParse(v);
        if (!r.success) throw new BodyError(400, `line ${lineNo}: ${brief(r.error)}`);
        out.push({ line: r.data.line, source: sourceOf(base, r.data), receivedAt });
      } else {
        const flags = {
          ...(l.invalidUtf8 ? { invalidUtf8: true } : {}),
          ...(l.truncated ? { truncated: true } : {}),
        };
        out.push({ line: l.text, source: { ...base, ...flags }, receivedAt });
      }
    }
  }
  return out;
}
