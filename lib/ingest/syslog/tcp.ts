/**
 * The syslog TCP listener, hardened against the internet: an accept error (a peer that resets
 * before accept, as `nmap -sT` does; EMFILE) never ends the loop; connections are capped per
 * listener and per peer; an idle connection, or one holding an incomplete frame too long, is
 * closed (what it sent so far is kept, flagged); each connection's memory is bounded (a small
 * read buffer that grows only for a sender that fills it, plus the decoder's one frame).
 *
 * @module
 */
import { inCidrs } from "../../core/cidr.ts";
import { event } from "../../core/log.ts";
import type { Segment } from "../../core/schemas.ts";
import { type FrameResult, SyslogFrameDecoder } from "../../formats/syslog_framing.ts";
import { syslogSegment } from "./segment.ts";

/** What the TCP listener needs from the service. */
export interface TcpOptions {
  /** Source CIDRs allowed to connect; empty allows any. */
  allow: string[];
  /** Most open connections; more are refused. */
  maxConnections: number;
  /** Most open connections from one address. */
  maxConnectionsPerPeer: number;
  /** A connection that sends nothing for this long is closed (ms). */
  idleTimeoutMs: number;
  /** Longest a frame may stay incomplete. */
  slowTimeoutMs: number;
  /** Receives the lines of each read, in order per connection. */
  onSegment(segment: Segment): void;
  /** While it returns true, connections are not read (TCP backpressure on senders). */
  paused(): boolean;
}

/** A small read buffer for every connection; one that fills it gets the big one. */
const SMALL_READ = 4 * 1024, BIG_READ = 256 * 1024;
/** On shutdown, connections keep reading what is already sent for up to this long. */
const DRAIN_MS = 2_000, DRAIN_QUIET_MS = 200;

/** Errors that mean "this accept failed", not "the listener is gone". */
function transientAccept(e: unknown): boolean {
  return !(e instanceof Deno.errors.BadResource || e instanceof Deno.errors.Interrupted);
}

/** Resource exhaustion (EMFILE, ENFILE, ENOBUFS): back off before accepting again. */
function exhausted(e: unknown): boolean {
  return /EMFILE|ENFILE|ENOBUFS|ENOMEM|os error (23|24|105|12)\b/.test(String(e));
}

interface Live {
  conn: Deno.TcpConn;
  ip: string;
  lastRead: number;
  /** When the decoder started holding an incomplete frame (0: none). */
  partialSince: number;
  closing?: string;
}

function peerOf(addr: Deno.Addr): { ip: string; text: string } {
  const a = addr as Deno.NetAddr;
  const text = a.hostname.includes(":") ? `[${a.hostname}]:${a.port}` : `${a.hostname}:${a.port}`;
  return { ip: a.hostname, text };
}

/** The running TCP listener. */
export interface TcpListener {
  /** The bound port. */
  port: number;
  /** Open connections now. */
  open(): number;
  /** Stops accepting, lets connections drain what was already sent, then closes them. */
  close(): Promise<void>;
}

/** Accepts syslog over TCP on `listener` until {@link TcpListener.close}. */
export function serveTcp(listener: Deno.TcpListener, o: TcpOptions): TcpListener {
  const live = new Set<Live>();
  const perPeer = new Map<string, number>();
  const running = new Set<Promise<void>>();
  let closing = false, stopAccepting = false;
  let drainUntil = 0, lastAccept = Date.now();

  const sweep = setInterval(() => {
    const now = Date.now();
    for (const l of live) {
      const why = l.partialSince && now - l.partialSince > o.slowTimeoutMs
        ? "incomplete frame"
        : now - l.lastRead > (closing ? DRAIN_QUIET_MS : o.idleTimeoutMs)
        ? (closing ? "drained" : "idle")
        : closing && now > drainUntil
        ? "drained"
        : undefined;
      if (!why || l.closing) continue;
      l.closing = why;
      if (!closing) event("syslog_timeout", { why, peer: l.ip });
      try {
        l.conn.close();
      } catch { /* closed meanwhile */ }
    }
  }, 100);

  async function handle(l: Live, peer: string) {
    const decoder = new SyslogFrameDecoder({ views: true });
    let buf = new Uint8Array(SMALL_READ);
    const emit = (r: FrameResult, end = false) => {
      const at = Date.now();
      if (r.frames.length) {
        const seg = syslogSegment(r.frames, "tcp", peer, at);
        // A stream that ends inside a frame: its last frame is what was left, flagged.
        if (end && r.error) (seg.truncated ??= []).push(seg.lines.length - 1);
        o.onSegment(seg);
      }
      if (r.truncated) event("syslog_truncated", { peer, frames: r.truncated });
      if (r.error) event("syslog_frame_error", { peer, error: r.error });
      l.partialSince = decoder.pending ? (l.partialSince || at) : 0;
      return !r.fatal;
    };
    try {
      for (;;) {
        while (o.paused() && !closing) await new Promise((r) => setTimeout(r, 10));
        const n = await l.conn.read(buf);
        if (n === null) break;
        l.lastRead = Date.now();
        if (!emit(decoder.push(buf.subarray(0, n)))) return;
        if (n === buf.length && buf.length < BIG_READ) buf = new Uint8Array(BIG_READ);
      }
    } catch (e) {
      if (
        !l.closing && !(e instanceof Deno.errors.BadResource ||
          e instanceof Deno.errors.ConnectionReset || e instanceof Deno.errors.Interrupted)
      ) event("syslog_frame_error", { peer, error: (e as Error).message });
    }
    emit(decoder.end(), true);
  }

  async function acceptLoop() {
    while (!stopAccepting) {
      let conn: Deno.TcpConn;
      try {
        conn = await listener.accept();
        lastAccept = Date.now();
      } catch (e) {
        if (stopAccepting || !transientAccept(e)) break;
        event("syslog_accept_error", { error: (e as Error).message });
        if (exhausted(e)) await new Promise((r) => setTimeout(r, 100));
        continue;
      }
      let peer: { ip: string; text: string };
      try {
        peer = peerOf(conn.remoteAddr);
      } catch (e) { // reset between accept and here
        event("syslog_accept_error", { error: (e as Error).message });
        conn.close();
        continue;
      }
      const reason = o.allow.length && !inCidrs(peer.ip, o.allow)
        ? "allow-list"
        : live.size >= o.maxConnections
        ? "max-connections"
        : (perPeer.get(peer.ip) ?? 0) >= o.maxConnectionsPerPeer
        ? "max-connections-per-peer"
        : undefined;
      if (reason) {
        event("syslog_refused", { transport: "tcp", peer: peer.text, reason });
        try {
          conn.close();
        } catch { /* reset meanwhile */ }
        continue;
      }
      const l: Live = { conn, ip: peer.ip, lastRead: Date.now(), partialSince: 0 };
      live.add(l);
      perPeer.set(peer.ip, (perPeer.get(peer.ip) ?? 0) + 1);
      const p = handle(l, peer.text).finally(() => {
        try {
          conn.close();
        } catch { /* already closed */ }
        live.delete(l);
        const n = perPeer.get(peer.ip)! - 1;
        if (n) perPeer.set(peer.ip, n);
        else perPeer.delete(peer.ip);
        running.delete(p);
      });
      running.add(p);
    }
  }

  const accepting = acceptLoop();
  return {
    port: (listener.addr as Deno.NetAddr).port,
    open: () => live.size,
    async close() {
      closing = true;
      drainUntil = Date.now() + DRAIN_MS;
      // Connections already in the kernel's backlog were sent to us: keep accepting for at
      // least DRAIN_QUIET_MS (a signal can be handled before an accept that is already due:
      // 150 lines were lost that way in 1 of ~20 runs) and until none has come for as long.
      const since = Date.now();
      const quiet = () => Date.now() - Math.max(since, lastAccept) >= DRAIN_QUIET_MS;
      while (Date.now() < drainUntil && !quiet()) {
        await new Promise((r) => setTimeout(r, 20));
      }
      stopAccepting = true;
      try {
        listener.close();
      } catch { /* closed */ }
      await accepting;
      await Promise.all(running);
      clearInterval(sweep);
    },
  };
}
