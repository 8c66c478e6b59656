/**
 * What Deno does not expose about the syslog UDP socket, on Linux: its receive buffer, raised with
 * setsockopt(SO_RCVBUF) through FFI as rsyslog's RcvBufSize and syslog-ng's so-rcvbuf() do, and
 * the kernel's count of datagrams it dropped because that buffer was full (every UDP loss;
 * SO_MEMINFO, what `ss -m` shows). The socket is the datagram socket of this process bound to the
 * port (getsockname). Deno's permissions keep /proc from a service that is not run with
 * --allow-all, so everything goes through libc.
 *
 * @module
 */

const SOL_SOCKET = 1, SO_TYPE = 3, SO_RCVBUF = 8, SO_RCVBUFFORCE = 33, SO_MEMINFO = 55;
const SOCK_DGRAM = 2, SK_MEMINFO_DROPS = 8;
const AF_INET = 2, AF_INET6 = 10;
/** Descriptors searched for the socket (a service holds a few dozen). */
const MAX_FD = 4096;

/** A tuned socket: its descriptor for {@link kernelDrops}, its buffer, or why either is missing. */
export interface UdpSocketInfo {
  /** The socket's descriptor; absent when it was not found. */
  fd?: number;
  /** The socket's buffer as the kernel reports it (twice the request: it adds bookkeeping). */
  bytes?: number;
  /** Why the buffer is smaller than asked for, or could not be read or set. */
  note?: string;
}

const SYMBOLS = {
  getsockopt: { parameters: ["i32", "i32", "i32", "buffer", "buffer"], result: "i32" },
  setsockopt: { parameters: ["i32", "i32", "i32", "buffer", "u32"], result: "i32" },
  getsockname: { parameters: ["i32", "buffer", "buffer"], result: "i32" },
} as const;
type Libc = Deno.DynamicLibrary<typeof SYMBOLS>["symbols"];

/** getsockopt(SOL_SOCKET) into `out`; the bytes the kernel wrote, or -1 on failure. */
function getOpt(c: Libc, fd: number, opt: number, out: Uint32Array | Int32Array): number {
  const len = new Uint32Array([out.byteLength]);
  const ok = c.getsockopt(
    fd,
    SOL_SOCKET,
    opt,
    new Uint8Array(out.buffer),
    new Uint8Array(len.buffer),
  );
  return ok === 0 ? len[0] : -1;
}

function getInt(c: Libc, fd: number, opt: number): number | undefined {
  const out = new Int32Array(1);
  return getOpt(c, fd, opt, out) === 4 ? out[0] : undefined;
}

function setInt(c: Libc, fd: number, opt: number, value: number): boolean {
  return c.setsockopt(fd, SOL_SOCKET, opt, new Uint8Array(new Int32Array([value]).buffer), 4) === 0;
}

/** The descriptor of this process's datagram socket bound to `port`. */
function findFd(c: Libc, port: number): number | undefined {
  const addr = new Uint8Array(128), len = new Uint32Array(1);
  const view = new DataView(addr.buffer);
  for (let fd = 0; fd < MAX_FD; fd++) {
    if (getInt(c, fd, SO_TYPE) !== SOCK_DGRAM) continue;
    len[0] = addr.length;
    if (c.getsockname(fd, addr, new Uint8Array(len.buffer)) !== 0) continue;
    const family = view.getUint16(0, true);
    if ((family === AF_INET || family === AF_INET6) && view.getUint16(2, false) === port) return fd;
  }
}

/**
 * Finds this process's UDP socket on `port` and asks for a receive buffer of `bytes` (0:
 * keeps the system's, net.core.rmem_default, and only reads it). Past net.core.rmem_max the
 * kernel caps SO_RCVBUF; SO_RCVBUFFORCE (root or CAP_NET_ADMIN) then gets the full size.
 * Never throws: without Linux or FFI permission it says why in `note`.
 */
export function tuneUdpSocket(port: number, bytes: number): UdpSocketInfo {
  return withLibc((c) => {
    const fd = findFd(c, port);
    if (fd === undefined) return { note: `no UDP socket of this process on port ${port}` };
    if (bytes > 0) setInt(c, fd, SO_RCVBUF, bytes);
    if (getInt(c, fd, SO_RCVBUF)! < 2 * bytes && !setInt(c, fd, SO_RCVBUFFORCE, bytes)) {
      return {
        fd,
        bytes: getInt(c, fd, SO_RCVBUF),
        note: "capped by net.core.rmem_max: raise it (README) or grant CAP_NET_ADMIN",
      };
    }
    return { fd, bytes: getInt(c, fd, SO_RCVBUF) };
  }, (note) => ({ note }));
}

function withLibc<T>(f: (c: Libc) => T, unavailable: (why: string) => T): T {
  if (Deno.build.os !== "linux") return unavailable("socket tuning needs Linux");
  let lib: Deno.DynamicLibrary<typeof SYMBOLS>;
  try {
    lib = Deno.dlopen("libc.so.6", SYMBOLS);
  } catch (e) {
    return unavailable(`cannot reach the socket (FFI): ${(e as Error).message}`);
  }
  try {
    return f(lib.symbols);
  } finally {
    lib.close();
  }
}

/** Datagrams the kernel dropped at socket `fd` because its buffer was full. */
export function kernelDrops(fd: number): number | undefined {
  return withLibc((c) => {
    const info = new Uint32Array(SK_MEMINFO_DROPS + 1);
    return getOpt(c, fd, SO_MEMINFO, info) > 4 * SK_MEMINFO_DROPS
      ? info[SK_MEMINFO_DROPS]
      : undefined;
  }, () => undefined);
}
