/**
 * @module Syslog listeners on one port: UDP (`Deno.listenDatagram`) and TCP (RFC 6587
 * octet-counting or newline framing, detected per connection). Every datagram or frame
 * becomes a raw line of a segment; headers are parsed later by the queue consumer, where a
 * malformed one is flagged, never dropped. The UDP receive loop only receives and stores;
 * decoding runs in drained chunks.
 */
import { inCidrs } from "../../core/cidr.ts";
import type { Segment } from "../../core/schemas.ts";
import { SyslogFrameDecoder } from "../../formats/syslog_framing.ts";
import {
  type DatagramChunk,
  datagramsByPeer,
  listenUdp,
  receiveDatagrams,
  type UdpSocket,
} from "./udp_receiver.ts";
import { kernelDrops } from "./udp_socket.ts";

/** Options for {@link startSyslog}. */
export interface SyslogOptions {
  hostname: string;
  /** 0 picks a free port (UDP first, TCP then binds the same number). */
  port: number;
  /** Source CIDRs allowed; empty allows every peer (only loopback binds may be open). */
  allow: string[];
  /** Receive UDP in this Web Worker (workers/udp_receiver.ts); absent: on this thread, for --no-workers. */
  udpWorker?: URL;
  /** Receive buffer to ask for on the UDP socket, bytes (0 or absent: the system default). */
  udpBufferBytes?: number;
  /** Receives segments of raw syslog lines (commit them). */
  onSegment(segment: Segment): void;
  /** True while ingest must push back (queue backlog, lines not yet committed): TCP stops reading. */
  paused(): boolean;
  /** Counts datagrams/connections refused by the allow-list and TCP framing errors. */
  onEvent?(kind: "refused" | "frame_error" | "truncated", detail: string): void;
}

/** The running listeners. */
export interface SyslogServer {
  udpPort: number;
  tcpPort: number;
  /** The UDP socket's state, for /api/health and /metrics. */
  udpStatus(): UdpStatus;
  /** Stops accepting; resolves when the loops have ended. */
  close(): Promise<void>;
}

/** The syslog UDP socket as an operator sees it. */
export interface UdpStatus {
  /** False once the receive loop failed (the error says why). */
  receiving: boolean;
  error?: string;
  /** The socket's receive buffer as the kernel reports it (bytes). */
  receiveBufferBytes?: number;
  /** Why the buffer is not what was asked for. */
  bufferNote?: string;
  /** Datagrams the kernel dropped at this socket because its buffer was full. */
  kernelDrops?: number;
}

const lenient = new TextDecoder();
const strict = new TextDecoder("utf-8", { fatal: true });

/**
 * Datagrams or frames from one peer as a segment of raw syslog lines (headers are parsed by
 * the queue consumer). Invalid UTF-8 is decoded with U+FFFD and flagged, never dropped.
 */
export function syslogSegment(
  frames: Uint8Array[],
  transport: "udp" | "tcp",
  peer: string,
  receivedAt: number,
): Segment {
  const seg: Segment = { source: { transport, peer }, receivedAt, syslog: true, lines: [] };
  for (const f of frames) {
    try {
      seg.lines.push(strict.decode(f));
    } catch {
      (seg.invalidUtf8 ??= []).push(seg.lines.length);
      seg.lines.push(lenient.decode(f));
    }
  }
  return seg;
}

function peerText(addr: Deno.Addr): { ip: string; text: string } {
  const a = addr as Deno.NetAddr;
  return {
    ip: a.hostname,
    text: a.hostname.includes(":") ? `[${a.hostname}]:${a.port}` : `${a.hostname}:${a.port}`,
  };
}

/** IP of an "ip:port" or "[ip]:port" peer. */
function ipOf(peer: string): string {
  return peer.startsWith("[")
    ? peer.slice(1, peer.indexOf("]"))
    : peer.slice(0, peer.lastIndexOf(":"));
}

/** Hands a chunk of datagrams on as one segment per allowed sender. */
function deliverChunk(chunk: DatagramChunk, o: SyslogOptions) {
  for (const [peer, frames] of datagramsByPeer(chunk)) {
    if (o.allow.length && !inCidrs(ipOf(peer), o.allow)) {
      o.onEvent?.("refused", `${peer} (${frames.length} datagrams)`);
      continue;
    }
    o.onSegment(syslogSegment(frames, "udp", peer, chunk.at));
  }
}

interface UdpReceiver {
  socket: Omit<UdpSocket, "conn">;
  /** Set when the receive loop failed. */
  error(): string | undefined;
  close(): Promise<void>;
}

/** Receives on this thread (no Web Workers: --no-workers, edge). */
function inlineReceiver(o: SyslogOptions): UdpReceiver {
  const socket = listenUdp(o.hostname, o.port, o.udpBufferBytes ?? 0);
  const conn = socket.conn;
  let error: string | undefined;
  const loop = receiveDatagrams(conn, (c) => deliverChunk(c, o)).catch((e) => {
    error = (e as Error).message;
    console.error(`syslog UDP receiver failed: ${error}`);
  });
  return {
    socket,
    error: () => error,
    async close() {
      conn.close();
      await loop;
    },
  };
}

/** Receives in a dedicated Web Worker, so no work on this thread ever delays `receive()`. */
async function workerReceiver(o: SyslogOptions): Promise<UdpReceiver> {
  const url = new URL(o.udpWorker!);
  url.searchParams.set("hostname", o.hostname);
  url.searchParams.set("port", String(o.port));
  url.searchParams.set("bufferBytes", String(o.udpBufferBytes ?? 0));
  const w = new Worker(url, { type: "module" });
  let stopped: () => void = () => {};
  let error: string | undefined;
  const socket = await new Promise<UdpReceiver["socket"]>((resolve, reject) => {
    w.onerror = (e) => {
      e.preventDefault();
      reject(new Error(`UDP receiver: ${e.message}`));
    };
    w.onmessage = (e) => {
      if (e.data.port !== undefined) resolve(e.data);
      else if (e.data.chunk) deliverChunk(e.data.chunk, o);
      else if (e.data.stopped) stopped();
    };
  });
  w.onerror = (e) => {
    e.preventDefault(); // the rest of the service keeps running; /api/health shows it
    error = e.message;
    console.error(`syslog UDP receiver failed: ${e.message}`);
  };
  return {
    socket,
    error: () => error,
    async close() {
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, 5_000); // a wedged worker must not hold up shutdown
        stopped = () => (clearTimeout(t), resolve());
        w.postMessage("stop");
      });
      w.terminate();
    },
  };
}

async function tcpConn(conn: Deno.TcpConn, o: SyslogOptions) {
  const peer = peerText(conn.remoteAddr);
  if (o.allow.length && !inCidrs(peer.ip, o.allow)) {
    o.onEvent?.("refused", peer.text);
    conn.close();
    return;
  }
  // Frames are decoded into strings before the read buffer is reused: views, not copies.
  const decoder = new SyslogFrameDecoder({ views: true });
  const buf = new Uint8Array(256 * 1024);
  const emit = (r: ReturnType<SyslogFrameDecoder["push"]>) => {
    const at = Date.now();
    if (r.frames.length) o.onSegment(syslogSegment(r.frames, "tcp", peer.text, at));
    if (r.truncated) o.onEvent?.("truncated", `${peer.text}: ${r.truncated} frames cut`);
    if (r.error) o.onEvent?.("frame_error", `${peer.text}: ${r.error}`);
    return !r.fatal;
  };
  try {
    for (;;) {
      while (o.paused()) await new Promise((r) => setTimeout(r, 10));
      const n = await conn.read(buf);
      if (n === null) {
        emit(decoder.end());
        break;
      }
      if (!emit(decoder.push(buf.subarray(0, n)))) break;
    }
  } catch (e) {
    if (!(e instanceof Deno.errors.BadResource || e instanceof Deno.errors.ConnectionReset)) {
      o.onEvent?.("frame_error", `${peer.text}: ${(e as Error).message}`);
    }
  } finally {
    try {
      conn.close();
    } catch { /* already closed */ }
  }
}

async function tcpLoop(listener: Deno.TcpListener, o: SyslogOptions, conns: Set<Deno.TcpConn>) {
  const running = new Set<Promise<void>>();
  try {
    for await (const conn of listener) {
      conns.add(conn);
      const p = tcpConn(conn, o).finally(() => {
        conns.delete(conn);
        running.delete(p);
      });
      running.add(p);
    }
  } catch (e) {
    if (!(e instanceof Deno.errors.BadResource)) throw e;
  }
  await Promise.all(running);
}

/**
 * Binds UDP and TCP syslog on `hostname:port`.
 * @example const s = await startSyslog({ hostname: "127.0.0.1", port: 5514, allow: [], onSegment, paused: () => false });
 */
export async function startSyslog(o: SyslogOptions): Promise<SyslogServer> {
  const udp = o.udpWorker ? await workerReceiver(o) : inlineReceiver(o);
  const udpPort = udp.socket.port;
  const tcp = Deno.listen({ transport: "tcp", hostname: o.hostname, port: udpPort });
  const conns = new Set<Deno.TcpConn>();
  const tcpDone = tcpLoop(tcp, o, conns);
  return {
    udpPort,
    tcpPort: (tcp.addr as Deno.NetAddr).port,
    udpStatus: () => ({
      receiving: udp.error() === undefined,
      error: udp.error(),
      receiveBufferBytes: udp.socket.info.bytes,
      bufferNote: udp.socket.info.note,
      kernelDrops: udp.socket.info.fd === undefined ? undefined : kernelDrops(udp.socket.info.fd),
    }),
    async close() {
      const udpDone = udp.close();
      tcp.close();
      for (const c of conns) {
        try {
          c.close();
        } catch { /* closed meanwhile */ }
      }
      await Promise.allSettled([udpDone, tcpDone]);
    },
  };
}
