/**
 * Web Worker: the syslog UDP receive loop on its own thread (lib/ingest/syslog/udp_receiver.ts),
 * so decoding, KV commits and HTTP on the main thread never delay `receive()`. Posts
 * `{ port, info }` once bound (`{ failed }` if it cannot bind), then `{ chunk }` with its
 * buffers transferred; on "stop" closes the socket, posts the last chunk and `{ stopped: true }`.
 *
 * @module
 */
/// <reference lib="deno.worker" />
import { listenUdp, receiveDatagrams } from "../lib/ingest/syslog/udp_receiver.ts";

function bind(params: URLSearchParams): ReturnType<typeof listenUdp> | undefined {
  try {
    return listenUdp(
      params.get("hostname")!,
      Number(params.get("port")),
      Number(params.get("bufferBytes")),
    );
  } catch (e) {
    globalThis.postMessage({ failed: `${(e as Error).name}: ${(e as Error).message}` });
  }
}

const bound = bind(new URL(import.meta.url).searchParams);
if (bound) {
  const { conn, port, info } = bound;
  const loop = receiveDatagrams(conn, (chunk) =>
    globalThis.postMessage({ chunk }, [
      chunk.bytes.buffer,
      chunk.ends.buffer,
      chunk.peerOf.buffer,
    ]));
  globalThis.onmessage = async (e) => {
    if (e.data !== "stop") return;
    conn.close();
    await loop;
    globalThis.postMessage({ stopped: true });
  };
  globalThis.postMessage({ port, info });
}
