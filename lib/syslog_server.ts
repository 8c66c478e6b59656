/**
 * @module Syslog listeners on one port: UDP (`Deno.listenDatagram`) and TCP (RFC 6587
 * octet-counting or newline framing, detected per connection). Every datagram or frame
 * becomes a line record, parsed or not (a malformed header is flagged, never dropped).
 * The UDP receive loop only receives and stores; parsing runs in drained chunks.
 */
import { inCidrs } from "./cidr.ts";
import type { LineRecord } from "./schemas.ts";
import { parseSyslog } from "./syslog.ts";
import { SyslogFrameDecoder } from "./syslog_framing.ts";

/** Options for {@link startSyslog}. */
export interface SyslogOptions {
  hostname: string;
  /** 0 picks a free port (UDP first, TCP then binds the same number). */
  port: number;
  /** Source CIDRs allowed; empty allows every peer (only loopback binds may be open). */
  allow: string[];
  /** Receives parsed records (commit them). */
  onRecords(records: LineRecord[]): void;
  /** True while ingest must push back: TCP stops reading until it turns false. */
  paused(): boolean;
  /** Counts datagrams/connections refused by the allow-list and TCP framing errors. */
  onEvent?(kind: "refused" | "frame_error" | "truncated", detail: string): void;
}

/** The running listeners. */
export interface SyslogServer {
  udpPort: number;
  tcpPort: number;
  /** Stops accepting; resolves when the loops have ended. */
  close(): Promise<void>;
}

const lenient = new TextDecoder();
const strict = new TextDecoder("utf-8", { fatal: true });

/** Turns one datagram or frame into a record (the raw line kept even when the header is bad). */
export function frameRecord(
  bytes: Uint8Array,
  transport: "udp" | "tcp",
  peer: string,
  receivedAt: number,
): LineRecord {
  let text: string, invalidUtf8 = false;
  try {
    text = strict.decode(bytes);
  } catch {
    text = lenient.decode(bytes);
    invalidUtf8 = true;
  }
  const rec = parseSyslog(text);
  return {
    line: rec.line,
    receivedAt,
    source: {
      transport,
      peer,
      ...(rec.host ? { host: rec.host } : {}),
      ...(rec.app ? { app: rec.app } : {}),
      ...(rec.parseError ? { parseError: rec.parseError } : {}),
      ...(invalidUtf8 ? { invalidUtf8 } : {}),
    },
  };
}

function peerText(addr: Deno.Addr): { ip: string; text: string } {
  const a = addr as Deno.NetAddr;
  return {
    ip: a.hostname,
    text: a.hostname.includes(":") ? `[${a.hostname}]:${a.port}` : `${a.hostname}:${a.port}`,
  };
}

async function udpLoop(conn: Deno.DatagramConn, o: SyslogOptions) {
  let inbox: [Uint8Array, Deno.Addr, number][] = [];
  let scheduled = false;
  const drain = () => {
    scheduled = false;
    const items = inbox;
    inbox = [];
    const records: LineRecord[] = [];
    for (const [data, addr, at] of items) {
      const peer = peerText(addr);
      if (o.allow.length && !inCidrs(peer.ip, o.allow)) {
        o.onEvent?.("refused", peer.text);
        continue;
      }
      records.push(frameRecord(data, "udp", peer.text, at));
    }
    if (records.length) o.onRecords(records);
  };
  try {
    for (;;) {
      const [data, addr] = await conn.receive();
      inbox.push([data, addr, Date.now()]);
      if (!scheduled) {
        scheduled = true;
        setTimeout(drain, 5);
      }
    }
  } catch (e) {
    if (!(e instanceof Deno.errors.BadResource || e instanceof Deno.errors.Interrupted)) throw e;
  } finally {
    drain();
  }
}

async function tcpConn(conn: Deno.TcpConn, o: SyslogOptions) {
  const peer = peerText(conn.remoteAddr);
  if (o.allow.length && !inCidrs(peer.ip, o.allow)) {
    o.onEvent?.("refused", peer.text);
    conn.close();
    return;
  }
  const decoder = new SyslogFrameDecoder();
  const buf = new Uint8Array(64 * 1024);
  const emit = (r: ReturnType<SyslogFrameDecoder["push"]>) => {
    const at = Date.now();
    if (r.frames.length) o.onRecords(r.frames.map((f) => frameRecord(f, "tcp", peer.text, at)));
    if (r.truncated) o.onEvent?.("truncated", `${peer.text}: ${r.truncated} frames cut`);
    if (r.error) o.onEvent?.("frame_error", `${peer.text}: ${r.error}`);
    return !r.fatal;
  };
  try {
    for (;;) {
      while (o.paused()) await new Promise((r) => setTimeout(r, 50));
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
 * @example const s = await startSyslog({ hostname: "127.0.0.1", port: 5514, allow: [], onRecords, paused: () => false });
 */
export function startSyslog(o: SyslogOptions): SyslogServer {
  const udp = Deno.listenDatagram({ transport: "udp", hostname: o.hostname, port: o.port });
  const udpPort = (udp.addr as Deno.NetAddr).port;
  const tcp = Deno.listen({ transport: "tcp", hostname: o.hostname, port: udpPort });
  const conns = new Set<Deno.TcpConn>();
  const loops = [udpLoop(udp, o), tcpLoop(tcp, o, conns)];
  return {
    udpPort,
    tcpPort: (tcp.addr as Deno.NetAddr).port,
    async close() {
      udp.close();
      tcp.close();
      for (const c of conns) {
        try {
          c.close();
        } catch { /* closed meanwhile */ }
      }
      await Promise.allSettled(loops);
    },
  };
}
