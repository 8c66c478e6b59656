/**
 * Reads the few fields incidents and behaviour rules need out of a log line, for the common
 * daemons: the acting address, user, HTTP request and status, firewall verdict and port, DNS
 * name and answer, authentication outcome. Everything is optional: unknown lines give `{}`.
 * Attacker-controlled text is only matched, never evaluated.
 *
 * @module
 */

/** Parsed fields of one line. */
export interface LineFields {
  /** Which parser matched. */
  kind?: "sshd" | "auth" | "access" | "firewall" | "dns" | "ids" | "sudo";
  /** The remote address acting in the line (client, source, requester). */
  ip?: string;
  /** The account the line names (login attempts, sudo/su, `user=`). */
  user?: string;
  /** Access logs: the virtual host prefix, method, path (without query) and status. */
  vhost?: string;
  /** Access logs: the HTTP method. */
  method?: string;
  /** Access logs: the request path, without the query. */
  path?: string;
  /** Access logs: the HTTP status. */
  status?: number;
  /** Authentication outcome (sshd, PAM, mail daemons). */
  auth?: "failure" | "success";
  /** Firewall: dropped/rejected vs accepted, destination port. */
  verdict?: "drop" | "accept";
  /** Firewall: the destination port. */
  dport?: number;
  /** DNS: the queried name; true when the answer was NXDOMAIN. */
  qname?: string;
  /** DNS: true when the answer was NXDOMAIN. */
  nxdomain?: boolean;
}

const V4 = String.raw`(?:\d{1,3}\.){3}\d{1,3}`;
const V6 = String.raw`[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}`;
const IP = `(${V4}|${V6})`;
const IS_IP = new RegExp(`^(?:${V4}|${V6})$`);

/** True for a dotted IPv4 or a colon-separated IPv6 address. */
export function isIp(s: string): boolean {
  return IS_IP.test(s) && (s.includes(".") ? s.split(".").every((o) => Number(o) <= 255) : true);
}

const SSHD = new RegExp(
  String
    .raw`\b(Failed|Accepted) (?:password|publickey|keyboard-interactive/pam|none|hostbased) for (?:invalid user )?(\S*) from ${IP} port`,
);
const SSHD_INVALID = new RegExp(String.raw`\b[Ii]nvalid user (\S*) from ${IP}`);
const PAM_FAIL = new RegExp(String.raw`authentication failure;.*?\brhost=${IP}(?:\s+user=(\S+))?`);
const ACCESS = new RegExp(
  String.raw`^(?:(\S+) )?${IP} \S+ \S+ \[[^\]]*\] "([A-Z]{3,10}) ([^ "?]*)[^"]*" (\d{3})\b`,
);
const FW_SRC = new RegExp(String.raw`\bSRC=${IP}`);
const FW_DPT = /\bDPT=(\d{1,5})\b/;
const FW_DROP = /\b(?:BLOCK|DROP|REJECT|DENY|DENIED)\b/i;
const DNSMASQ_QUERY = new RegExp(String.raw`\bquery\[\w+\] (\S+) from ${IP}`);
const DNSMASQ_EXTRA = new RegExp(
  String.raw`\b\d+ ${IP}/\d+ (?:query\[\w+\]|reply|forwarded|cached|config) (\S+)(?: is (\S+))?`,
);
const DNSMASQ_REPLY = /\breply (\S+) is NXDOMAIN\b/;
const BIND_QUERY = new RegExp(String.raw`\bclient (?:@\S+ )?${IP}#\d+ \(([^)]*)\)`);
const EVE_SRC = new RegExp(`"src_ip"\\s*:\\s*"${IP}"`);
const FAST_SRC = new RegExp(String.raw`\{\w+\} ${IP}(?::\d+)? ->`);
const SUDO = /\bsudo(?:\[\d+\])?:\s+(\S+) : /;
const SU = /\bsu(?:\[\d+\])?: (?:\(to \S+\) (\S+) on|FAILED SU \(to \S+\) (\S+) on)/;
const USER_KV = /\buser[= ](?:invalid user )?([\w.@-]{1,64})\b/;
/**
 * Where other daemons name the remote address: sshd's `Connection from`, `Disconnected from
 * [authenticating] user x`, `Connection closed by`; Apache's `[client A:port]`, nginx's
 * `client: A`; postfix's `name[A]`; dovecot's `rip=A` and `pam(user,A,`; vsftpd's
 * `Client "A"`; snoopy's `ssh:(A port ...)`. Never the local side (`on A port 22`, `lip=`).
 */
const REMOTE = new RegExp(
  [
    String
      .raw`\b(?:from|by)(?: (?:authenticating |invalid )?user \S+)? ${IP}(?= port\b|[\s:,\]]|$)`,
    String.raw`\bclient:? ${IP}`,
    String.raw`\[client ${IP}(?::\d+)?\]`,
    String.raw`\b[\w.-]{1,64}\[${IP}\]`,
    String.raw`\brip=${IP}`,
    String.raw`\bpam\([^,()]*,${IP},`,
    String.raw`\bClient "${IP}"`,
    String.raw`\bssh:\(${IP} `,
  ].join("|"),
);

function access(line: string): LineFields | undefined {
  const m = line.match(ACCESS);
  if (!m || !isIp(m[2])) return undefined;
  return {
    kind: "access",
    ip: m[2],
    ...(m[1] ? { vhost: m[1] } : {}),
    method: m[3],
    path: m[4],
    status: Number(m[5]),
  };
}

function auth(line: string): LineFields | undefined {
  let m = line.match(SSHD);
  if (m) {
    return { kind: "sshd", ip: m[3], user: m[2], auth: m[1] === "Failed" ? "failure" : "success" };
  }
  if ((m = line.match(SSHD_INVALID))) {
    return { kind: "sshd", ip: m[2], user: m[1], auth: "failure" };
  }
  if ((m = line.match(PAM_FAIL))) {
    return { kind: "auth", ip: m[1], ...(m[2] ? { user: m[2] } : {}), auth: "failure" };
  }
  return undefined;
}

function firewall(line: string): LineFields | undefined {
  const m = line.match(FW_SRC);
  if (!m) return undefined;
  const port = line.match(FW_DPT);
  return {
    kind: "firewall",
    ip: m[1],
    verdict: FW_DROP.test(line) ? "drop" : "accept",
    ...(port ? { dport: Number(port[1]) } : {}),
  };
}

function dns(line: string): LineFields | undefined {
  let m = line.match(DNSMASQ_EXTRA);
  if (m) {
    return {
      kind: "dns",
      ip: m[1],
      qname: m[2],
      ...(m[3] === "NXDOMAIN" ? { nxdomain: true } : {}),
    };
  }
  if ((m = line.match(DNSMASQ_QUERY))) return { kind: "dns", ip: m[2], qname: m[1] };
  if ((m = line.match(DNSMASQ_REPLY))) return { kind: "dns", qname: m[1], nxdomain: true };
  if ((m = line.match(BIND_QUERY))) return { kind: "dns", ip: m[1], qname: m[2] };
  return undefined;
}

function ids(line: string): LineFields | undefined {
  const m = line.match(EVE_SRC) ?? line.match(FAST_SRC);
  return m ? { kind: "ids", ip: m[1] } : undefined;
}

function remote(line: string): LineFields | undefined {
  const m = line.match(REMOTE);
  const ip = m?.slice(1).find((g) => g !== undefined);
  if (!ip || !isIp(ip)) return undefined;
  const user = local(line)?.user;
  return { ip, ...(user ? { user } : {}) };
}

function local(line: string): LineFields | undefined {
  let m = line.match(SUDO);
  if (m) return { kind: "sudo", user: m[1] };
  if ((m = line.match(SU))) return { kind: "sudo", user: m[1] ?? m[2] };
  if ((m = line.match(USER_KV))) return { user: m[1] };
  return undefined;
}

/**
 * The fields of one line (the message, or a whole raw line with its syslog header).
 * @example parseFields("sshd[1]: Failed password for root from 203.0.113.7 port 22 ssh2").ip
 */
export function parseFields(line: string): LineFields {
  const text = line.length > 4096 ? line.slice(0, 4096) : line;
  return access(text) ?? auth(text) ?? firewall(text) ?? dns(text) ?? ids(text) ?? remote(text) ??
    local(text) ?? {};
}
