/**
 * Source allow-lists: does an IPv4/IPv6 address fall inside one of a list of CIDRs?
 *
 * @module
 */

function v4(addr: string): bigint | null {
  const m = addr.match(/^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/);
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return null;
  return parts.reduce((a, p) => (a << 8n) | BigInt(p), 0n);
}

function v6(addr: string): bigint | null {
  const a = addr.replace(/^\[|\]$/g, "").split("%")[0];
  const mapped = a.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i);
  if (mapped) {
    const x = v4(mapped[1]);
    return x === null ? null : (0xffffn << 32n) | x;
  }
  const halves = a.split("::");
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(":") : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(":") : [];
  const fill = halves.length === 2 ? 8 - head.length - tail.length : 0;
  const groups = [...head, ...Array(fill).fill("0"), ...tail];
  if (groups.length !== 8 || groups.some((g) => !/^[0-9a-f]{1,4}$/i.test(g))) return null;
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n);
}

/** An address as [bits, width], or null when it is not an IP address. */
function parse(addr: string): [bigint, number] | null {
  const a4 = v4(addr);
  if (a4 !== null) return [a4, 32];
  const a6 = v6(addr);
  return a6 === null ? null : [a6, 128];
}

/**
 * True when `addr` is inside any CIDR of `list` ("10.0.0.0/8", "2001:db8::/32", or a bare address).
 * IPv4-mapped IPv6 peers ("::ffff:10.1.2.3") match IPv4 CIDRs.
 * @example inCidrs("10.1.2.3", ["10.0.0.0/8"]) // true
 */
export function inCidrs(addr: string, list: string[]): boolean {
  const mapped = addr.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i);
  const a = parse(mapped ? mapped[1] : addr);
  if (!a) return false;
  return list.some((cidr) => {
    const [net, bitsText] = cidr.split("/");
    const n = parse(net);
    if (!n || n[1] !== a[1]) return false;
    const bits = bitsText === undefined ? n[1] : Number(bitsText);
    if (!(bits >= 0 && bits <= n[1])) return false;
    const shift = BigInt(n[1] - bits);
    return (a[0] >> shift) === (n[0] >> shift);
  });
}

/** Throws on a malformed CIDR (so a bad --syslog-allow fails at start, not silently). */
export function assertCidrs(list: string[]) {
  for (const c of list) {
    const [net, bits] = c.split("/");
    const p = parse(net);
    const b = bits === undefined ? p?.[1] : Number(bits);
    if (!p || b === undefined || !(b >= 0 && b <= p[1])) throw new Error(`not a CIDR: ${c}`);
  }
}
