/**
 * @module Web Worker: the syslog UDP receive loop on its own thread, so parsing, KV commits
 * and HTTP on the main thread never delay `receive()` (every UDP loss is a full socket
 * buffer). Posts `{ port }` once bound, then `{ datagrams }` chunks; `"stop"` closes it.
 */
/// <reference lib="deno.worker" />
import { receiveDatagrams } from "../lib/syslog_server.ts";

const params = new URL(import.meta.url).searchParams;
const conn = Deno.listenDatagram({
  transport: "udp",
  hostname: params.get("hostname")!,
  port: Number(params.get("port")),
});
const loop = receiveDatagrams(conn, (datagrams) => globalThis.postMessage({ datagrams }));
globalThis.onmessage = async (e) => {
  if (e.data !== "stop") return;
  conn.close();
  await loop;
  globalThis.postMessage({ stopped: true });
};
globalThis.postMessage({ port: (conn.addr as Deno.NetAddr).port });
