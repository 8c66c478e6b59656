/**
 * Syslog listeners on one port: UDP (`Deno.listenDatagram`) and TCP (RFC 6587 octet-counting or
 * newline framing, detected per connection). Every datagram or frame becomes a raw line of a
 * segment; headers are parsed later by the queue consumer, where a malformed one is flagged, never
 * dropped. The UDP receive loop only receives and stores; decoding runs in drained chunks.
 *
 * @module
 */
import { inCidrs } from "../../core/cidr.ts";
import { event } from "../../core/log.ts";
import { startWorker } from "../../core/worker.ts";
import { syslogSegment } from "./segment.ts";
import { serveTcp, type TcpOptions } from "./tcp.ts";
import {
  type DatagramChunk,
  datagramsByPeer,
  listenUdp,
  receiveDatagrams,
  type UdpSocket,
} from "./udp_receiver.ts";
import { kernelDrops } from "./udp_socket.ts";

/** Options for {@link startSyslog}. */
export interface SyslogOptions extends TcpOptions {
  /** Address both listeners bind. */
  hostname: string;
  /** 0 picks a free port (UDP first, TCP then binds the same number). */
  port: number;
  /** Receive UDP in this Web Worker (workers/udp_receiver.ts); absent: on this thread, for --no-workers. */
  udpWorker?: URL;
  /** Receive buffer to ask for on the UDP socket, bytes (0 or absent: the system default). */
  udpBufferBytes?: number;
}

/** The running listeners. */
export interface SyslogServer {
  /** The bound UDP port. */
  udpPort: number;
  /** The bound TCP port (the same number as UDP's). */
  tcpPort: number;
  /** The UDP socket's state, for /api/health and /metrics. */
  udpStatus(): UdpStatus;
  /** Open syslog TCP connections. */
  tcpOpen(): number;
  /** Stops accepting, drains what was already sent; resolves when the loops have ended. */
  close(): Promise<void>;
}

/** The syslog UDP socket as an operator sees it. */
export interface UdpStatus {
  /** False once the receive loop failed (the error says why). */
  receiving: boolean;
  /** Why the receive loop failed; absent while receiving. */
  error?: string;
  /** The socket's receive buffer as the kernel reports it (bytes). */
  receiveBufferBytes?: number;
  /** Why the buffer is not what was asked for. */
  bufferNote?: string;
  /** Datagrams the kernel dropped at this socket because its buffer was full. */
  kernelDrops?: number;
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
      event("syslog_refused", {
        transport: "udp",
        peer,
        reason: "allow-list",
        datagrams: frames.length,
      });
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
    event("udp_receiver_error", { error });
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
  const w = await startWorker<UdpReceiver["socket"]>(url, {
    name: "syslog UDP receiver",
    ready: (d) =>
      (d as UdpReceiver["socket"]).port !== undefined ? d as UdpReceiver["socket"] : undefined,
    onMessage: (d) => {
      const chunk = (d as { chunk?: DatagramChunk }).chunk;
      if (chunk) deliverChunk(chunk, o);
    },
  });
  return {
    socket: w.info,
    error: w.error,
    close: () => w.stop(5_000), // a wedged worker must not hold up shutdown
  };
}

/**
 * Binds UDP and TCP syslog on `hostname:port`.
 * @example const s = await startSyslog({ hostname: "127.0.0.1", port: 5514, allow: [], onSegment, paused: () => false });
 */
export async function startSyslog(o: SyslogOptions): Promise<SyslogServer> {
  const where = `${o.hostname}:${o.port}`;
  // Port 0: UDP picks a free number and TCP binds the same one, which another process may hold
  // for TCP; then both are tried again on another number (seen once in a full test run).
  for (let attempt = 1;; attempt++) {
    let udp: UdpReceiver;
    try {
      udp = o.udpWorker ? await workerReceiver(o) : inlineReceiver(o);
    } catch (e) {
      throw new Error(`syslog UDP ${where} (--syslog-host/--syslog-port): ${bindError(e)}`);
    }
    try {
      const tcp = Deno.listen({ transport: "tcp", hostname: o.hostname, port: udp.socket.port });
      return serve(o, udp, tcp);
    } catch (e) {
      await udp.close();
      if (o.port === 0 && attempt < 10 && e instanceof Deno.errors.AddrInUse) continue;
      throw new Error(
        `syslog TCP ${o.hostname}:${udp.socket.port} (--syslog-host/--syslog-port): ${
          bindError(e)
        }`,
      );
    }
  }
}

function serve(o: SyslogOptions, udp: UdpReceiver, tcp: Deno.TcpListener): SyslogServer {
  const udpPort = udp.socket.port;
  const tcpServer = serveTcp(tcp, o);
  return {
    udpPort,
    tcpPort: tcpServer.port,
    tcpOpen: () => tcpServer.open(),
    udpStatus: () => ({
      receiving: udp.error() === undefined,
      error: udp.error(),
      receiveBufferBytes: udp.socket.info.bytes,
      bufferNote: udp.socket.info.note,
      kernelDrops: udp.socket.info.fd === undefined ? undefined : kernelDrops(udp.socket.info.fd),
    }),
    async close() {
      await Promise.allSettled([udp.close(), tcpServer.close()]);
    },
  };
}

/** A bind failure in one phrase ("address already in use"). */
export function bindError(e: unknown): string {
  const m = String((e as Error)?.message ?? e);
  if (e instanceof Deno.errors.AddrInUse || /in use|os error 98/i.test(m)) {
    return "address already in use";
  }
  if (e instanceof Deno.errors.PermissionDenied || /os error 13/.test(m)) {
    return "permission denied (ports below 1024 need root)";
  }
  if (e instanceof Deno.errors.AddrNotAvailable || /os error 99/.test(m)) {
    return "address not available on this host";
  }
  return m.replace(/^Uncaught \(in promise\) /, "").split("\n")[0];
}
