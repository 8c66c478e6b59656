/**
 * @module Web Worker: the syslog UDP receive loop on its own thread (lib/udp_receiver.ts), so
 * decoding, KV commits and HTTP on the main thread never delay `receive()`. Posts
 * `{ port, info }` once bound, then `{ chunk }` with its buffers transferred; on "stop" closes the socket,
 * posts the last chunk and `{ stopped: true }`.
 */
/// <reference lib="deno.worker" />
import { listenUdp, receiveDatagrams } from "../lib/ingest/syslog/udp_receiver.ts";

const params = new URL(import.meta.url).searchParams;
const { conn, port, info } = listenUdp(
  params.get("hostname")!,
  Number(params.get("port")),
  Number(params.get("bufferBytes")),
);
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
