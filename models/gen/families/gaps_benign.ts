/**
 * Gap templates: benign look-alikes of the gap attacks.
 *
 * @module
 */
import type { Template } from "../types.ts";
import { syslog } from "../format.ts";
import { anyHost, hostLanIp } from "./host_common.ts";
import { ephemeral } from "./network_common.ts";
import { kernelLine } from "./network_fw.ts";
import {
  filterlog,
  gapsPid,
  journal,
  notice,
  OFFICE,
  outPkt,
  tpl,
  vsftpd,
  xferlog,
} from "./gaps_common.ts";

/** Gap templates: benign look-alikes of the gap attacks. */
export const TEMPLATES: Template[] = [
  // Benign counterparts.
  tpl("vsftpd", "benign", 1.2, (c) => {
    const u = c.rng.pick(c.sc.users);
    return vsftpd(
      c,
      u,
      hostLanIp(c),
      c.rng.pick(OFFICE).replace("{u}", u),
      c.rng.int(800, 4_000_000),
    );
  }),
  tpl("xferlog", "benign", 1, (c) => {
    const u = c.rng.pick(c.sc.users);
    return xferlog(
      c,
      hostLanIp(c),
      c.rng.int(500, 3_000_000),
      c.rng.pick(OFFICE).replace("{u}", u),
      u,
      c.rng.int(0, 5),
    );
  }),
  tpl("zeek_notice", "benign", 1.5, (c) => {
    const s = hostLanIp(c), d = c.rng.publicIp();
    return c.rng.pick([
      () =>
        notice(
          c,
          "SSL::Invalid_Server_Cert",
          `SSL certificate validation failed with (${
            c.rng.pick([
              "unable to get local issuer certificate",
              "certificate has expired",
              "self signed certificate",
            ])
          })`,
          `CN=${c.rng.pick(["printer.local", c.sc.domain, "localhost"])}`,
          s,
          d,
          443,
        ),
      () =>
        notice(
          c,
          "CaptureLoss::Too_Much_Loss",
          `Detected ${(c.rng.next() * 20).toFixed(3)}% loss`,
          c.rng.pick(["worker-1", "worker-2", "zeek"]),
          "",
          "",
          null,
        ).replace(/\t\t/g, "\t-\t"),
      () =>
        notice(
          c,
          "Weird::Activity",
          c.rng.pick([
            "bad_TCP_checksum",
            "dns_unmatched_reply",
            "TCP_ack_underflow_or_misorder",
            "unknown_protocol_2",
          ]),
          "",
          s,
          d,
          c.rng.pick([443, 53, 80]),
        ),
    ])();
  }),
  tpl(
    "app_json",
    "benign",
    1.2,
    (c) =>
      JSON.stringify({
        timestamp: c.now.toISOString(),
        level: "warn",
        event: "auth.failed",
        user: c.rng.pick(c.sc.users),
        ip: hostLanIp(c),
        attempt: 1,
        reason: "invalid_password",
      }),
  ),
  tpl(
    "usermod",
    "benign",
    1,
    (c) =>
      syslog(
        c,
        anyHost(c),
        c.rng.pick(["usermod", "gpasswd"]),
        gapsPid(c),
        `add '${c.rng.pick(c.sc.admins)}' to ${c.rng.chance(0.5) ? "shadow " : ""}group '${
          c.rng.pick(["audio", "video", "docker", "plugdev", "adm", "dialout"])
        }'`,
        "authpriv",
      ),
  ),
  tpl("journald_json", "benign", 1.5, (c) => {
    const u = c.rng.pick(c.sc.users);
    const [ident, m] = c.rng.pick<[string, string]>([
      [
        "systemd",
        `Started ${
          c.rng.pick([
            "Session 12 of User " + u,
            "Daily apt download activities",
            "Cleanup of Temporary Directories",
            "logrotate.service - Rotate log files",
          ])
        }.`,
      ],
      [
        "sshd",
        `Accepted publickey for ${u} from ${hostLanIp(c)} port ${
          ephemeral(c.rng)
        } ssh2: ED25519 SHA256:${c.rng.alnum(43)}`,
      ],
      [
        "CRON",
        `(root) CMD (${
          c.rng.pick([
            "test -x /usr/sbin/anacron || ( cd / && run-parts --report /etc/cron.daily )",
            "/usr/lib/php/sessionclean",
            "command -v debian-sa1 > /dev/null && debian-sa1 1 1",
          ])
        })`,
      ],
    ]);
    return journal(c, anyHost(c), ident, ident === "systemd" ? 1 : gapsPid(c), m, 6);
  }),
  tpl(
    "iptables",
    "benign",
    1.2,
    (c) =>
      kernelLine(
        c,
        c.rng.pick(["[UFW ALLOW] ", "OUT-ACCEPT: ", "[UFW AUDIT] "]),
        outPkt(
          c,
          c.rng.publicIp(),
          c.rng.pick([443, 443, 53, 123, 80]),
          c.rng.chance(0.3) ? "UDP" : "TCP",
        ),
      ),
  ),
  tpl(
    "pf_filterlog",
    "benign",
    0.8,
    (c) => filterlog(c, c.rng.publicIp(), c.rng.pick([443, 80, 53, 123]), "pass"),
  ),
];
