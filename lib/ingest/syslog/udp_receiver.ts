/**
 * The syslog UDP receive loop. Every UDP loss is a kernel drop at a full socket buffer (212,992 B
 * by default: a few ms of traffic at 60k datagrams/s), so the loop does nothing but receive and
 * copy each datagram into a packed chunk, handed over every few ms. It runs in its own Web Worker
 * (workers/udp_receiver.ts, chunks transferred without a copy) or, without workers, on the calling
 * thread. The socket's own buffer is raised at bind time (lib/udp_socket.ts), so a burst or a
 * scheduling hiccup fits in the kernel.
 *
 * @module
 */
import { tuneUdpSocket, type UdpSocketInfo } from "./udp_socket.ts";

/** A bound syslog UDP socket. */
export interface UdpSocket {
  /** The socket. */
  conn: Deno.DatagramConn;
  /** The bound port. */
  port: number;
  /** Its descriptor (for the kernel's drop counter) and receive buffer. */
  info: UdpSocketInfo;
}

/** Binds `hostname:port` and asks for a receive buffer of `bufferBytes` (0: the system's). */
export function listenUdp(hostname: string, port: number, bufferBytes: number): UdpSocket {
  const conn = Deno.listenDatagram({ transport: "udp", hostname, port });
  const bound = (conn.addr as Deno.NetAddr).port;
  return { conn, port: bound, info: tuneUdpSocket(bound, bufferBytes) };
}

/** Datagrams packed into one buffer: datagram i is bytes[ends[i-1] ?? 0, ends[i]). */
export interface DatagramChunk {
  /** The datagrams' bytes, back to back. */
  bytes: Uint8Array;
  /** End offset of each datagram in `bytes`. */
  ends: Uint32Array;
  /** Index into `peers` of each datagram's sender. */
  peerOf: Uint16Array;
  /** Distinct senders as "ip:port" ("[ip]:port" for IPv6). */
  peers: string[];
  /** Receive time of the first datagram, ms. */
  at: number;
}

const MAX_DATAGRAMS = 4096;
const MAX_PEERS = 65_535;

/** Accumulates datagrams into a {@link DatagramChunk}. */
class Packer {
  #bytes = new Uint8Array(1 << 20);
  #len = 0;
  #ends = new Uint32Array(MAX_DATAGRAMS);
  #peerOf = new Uint16Array(MAX_DATAGRAMS);
  #n = 0;
  #peers: string[] = [];
  #peerIds = new Map<string, number>();
  #at = 0;

  get size(): number {
    return this.#n;
  }

  /** Adds a datagram; false when the chunk is full (take it, then add again). */
  add(data: Uint8Array, peer: string): boolean {
    let id = this.#peerIds.get(peer);
    if (
      this.#n === MAX_DATAGRAMS || this.#len + data.length > this.#bytes.length ||
      (id === undefined && this.#peers.length === MAX_PEERS)
    ) return false;
    if (id === undefined) {
      id = this.#peers.push(peer) - 1;
      this.#peerIds.set(peer, id);
    }
    if (this.#n === 0) this.#at = Date.now();
    this.#bytes.set(data, this.#len);
    this.#len += data.length;
    this.#ends[this.#n] = this.#len;
    this.#peerOf[this.#n++] = id;
    return true;
  }

  /** The packed chunk (fresh buffers, safe to transfer); the packer starts over. */
  take(): DatagramChunk {
    const chunk = {
      bytes: this.#bytes.slice(0, this.#len),
      ends: this.#ends.slice(0, this.#n),
      peerOf: this.#peerOf.slice(0, this.#n),
      peers: this.#peers,
      at: this.#at,
    };
    this.#len = this.#n = 0;
    this.#peers = [];
    this.#peerIds.clear();
    return chunk;
  }
}

/** "ip:port" of a sender; remembers the last one (a flood usually comes from one peer). */
function peerNamer(): (addr: Deno.Addr) => string {
  let host = "", port = -1, text = "";
  return (addr) => {
    const a = addr as Deno.NetAddr;
    if (a.hostname !== host || a.port !== port) {
      host = a.hostname;
      port = a.port;
      text = host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`;
    }
    return text;
  };
}

/**
 * Receives until `conn` closes, handing packed chunks to `deliver` every `flushMs` (or when
 * a chunk fills). Resolves after the last chunk was delivered.
 */
export async function receiveDatagrams(
  conn: Deno.DatagramConn,
  deliver: (chunk: DatagramChunk) => void,
  flushMs = 5,
): Promise<void> {
  const packer = new Packer();
  const peerText = peerNamer();
  // One reused receive buffer: without it Deno allocates 64 KiB per datagram, and the
  // garbage collector's pauses alone overflow the socket buffer at high rates.
  const buf = new Uint8Array(65_536);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    if (packer.size) deliver(packer.take());
  };
  try {
    for (;;) {
      const [data, addr] = await conn.receive(buf);
      const peer = peerText(addr);
      if (!packer.add(data, peer)) {
        flush();
        packer.add(data, peer);
      }
      timer ??= setTimeout(flush, flushMs);
    }
  } catch (e) {
    if (!(e instanceof Deno.errors.BadResource || e instanceof Deno.errors.Interrupted)) throw e;
  } finally {
    flush();
  }
}

/** The datagrams of a chunk grouped by sender, in arrival order within each. */
export function datagramsByPeer(chunk: DatagramChunk): Map<string, Uint8Array[]> {
  const out = new Map<string, Uint8Array[]>();
  let start = 0;
  for (let i = 0; i < chunk.ends.length; i++) {
    const peer = chunk.peers[chunk.peerOf[i]];
    const data = chunk.bytes.subarray(start, chunk.ends[i]);
    start = chunk.ends[i];
    const list = out.get(peer);
    if (list) list.push(data);
    else out.set(peer, [data]);
  }
  return out;
}
