/**
 * Gap templates: FTP, proxy, Zeek and DNS exfiltration.
 *
 * @module
 */
import type { Template } from "../types.ts";
import { evilIp, hostLanIp } from "./host_common.ts";
import { ephemeral } from "./network_common.ts";
import { squidLine } from "./web_pools.ts";
import {
  b32,
  bigSize,
  SENSITIVE,
  SHARE_SITES,
  tpl,
  ts,
  vsftpd,
  xferlog,
  zconn,
} from "./gaps_common.ts";

/** Gap templates: FTP, proxy, Zeek and DNS exfiltration. */
export const TEMPLATES: Template[] = [
  tpl(
    "vsftpd",
    "exfiltration",
    1,
    (c) =>
      vsftpd(
        c,
        c.rng.pick([...c.sc.users, "ftp", "anonymous", "backup"]),
        evilIp(c),
        c.rng.pick(SENSITIVE),
        bigSize(c),
      ),
  ),
  tpl(
    "xferlog",
    "exfiltration",
    1,
    (c) =>
      xferlog(
        c,
        evilIp(c),
        bigSize(c),
        c.rng.pick(SENSITIVE),
        c.rng.pick([...c.sc.users, "backup", "anonymous"]),
        c.rng.int(60, 20000),
      ),
  ),
  tpl("squid", "exfiltration", 1, (c) => {
    const site = c.rng.pick(SHARE_SITES);
    return squidLine(c, {
      ip: hostLanIp(c),
      code: "TCP_TUNNEL/200",
      bytes: bigSize(c),
      method: "CONNECT",
      url: `${site}:443`,
      user: c.rng.chance(0.3) ? c.rng.pick(c.sc.users) : undefined,
      hier: `HIER_DIRECT/${c.rng.publicIp()}`,
      mime: "-",
    });
  }),
  tpl(
    "zeek_conn",
    "exfiltration",
    0.8,
    (c) =>
      zconn(
        c,
        evilIp(c),
        443,
        c.rng.int(600, 30000) + c.rng.next(),
        bigSize(c),
        c.rng.int(50000, 5000000),
        "ssl",
      ),
  ),
  tpl("zeek_dns", "exfiltration", 0.8, (c) => {
    const q = `${c.rng.chance(0.5) ? b32(c, c.rng.int(40, 63)) : c.rng.alnum(c.rng.int(40, 60))}.${
      b32(c, c.rng.int(20, 50))
    }.${c.rng.pick(["t.", "d.", ""])}${
      c.rng.pick(["xyzcdn.net", "dnslog.cn", "tun.badc2.top", "a9f.club"])
    }`;
    return [
      ts(c),
      "C" + c.rng.alnum(17),
      hostLanIp(c),
      ephemeral(c.rng),
      c.sc.lan + "1",
      53,
      "udp",
      c.rng.int(1, 65535),
      "-",
      q,
      1,
      "C_INTERNET",
      c.rng.pick([16, 10, 1]),
      c.rng.pick(["TXT", "NULL", "A"]),
      0,
      "NOERROR",
      "F",
      "F",
      "T",
      "T",
      0,
      "-",
      "-",
      "F",
    ].join("\t");
  }),
  tpl("app_json", "exfiltration", 1, (c) =>
    JSON.stringify({
      timestamp: c.now.toISOString(),
      level: "info",
      event: c.rng.pick(["bulk_export.finished", "report.download", "bulk download finished"]),
      user: c.rng.pick(["svc_test", "intern01", "guest", c.rng.pick(c.sc.users)]),
      rows: c.rng.int(1_000_000, 90_000_000),
      bytes: bigSize(c),
      table: c.rng.pick(["customers", "payments", "users", "orders"]),
      client_ip: evilIp(c),
      format: c.rng.pick(["csv", "json", "parquet"]),
    })),
];
