/**
 * sshd and systemd-logind lines: password guessing, pre-auth scanner handshakes and normal logins.
 *
 * @module
 */
import type { Template } from "../types.ts";
import {
  attackUser,
  authAttackerIp,
  clientIp,
  ephemeralPort,
  humanUid,
  internalIp,
  siteUser,
  tpl,
} from "./auth_common.ts";
import {
  BANNER_JUNK,
  from,
  keyFp,
  OLD_KEX,
  preauth,
  SCANNER_CLIENTS,
  sshd,
} from "./auth_sshd_common.ts";

const CRED: Template[] = [
  tpl("sshd", "credential_access", 10, (c) => {
    const u = attackUser(c);
    const inv = u !== "root" && c.rng.chance(0.7) ? "invalid user " : "";
    return sshd(
      c,
      `Failed password for ${inv}${u} from ${authAttackerIp(c)} port ${ephemeralPort(c)} ssh2`,
    );
  }),
  tpl("sshd", "credential_access", 6, (c) => {
    const ip = authAttackerIp(c);
    return sshd(
      c,
      c.rng.chance(0.08)
        ? `Illegal user ${attackUser(c)} from ${ip}`
        : `Invalid user ${attackUser(c)} from ${from(c, ip)}`,
    );
  }),
  tpl("sshd", "credential_access", 3, (c) => {
    return sshd(c, `input_userauth_request: invalid user ${attackUser(c)}${preauth(c)}`);
  }),
  tpl("sshd", "credential_access", 6, (c) => {
    const u = attackUser(c);
    const who = u === "root"
      ? "authenticating user"
      : c.rng.pick(["invalid user", "authenticating user"]);
    const verb = c.rng.weighted([["Connection closed by", 5], ["Disconnected from", 4], [
      "Connection reset by",
      1,
    ]]);
    return sshd(c, `${verb} ${who} ${u} ${authAttackerIp(c)} port ${ephemeralPort(c)} [preauth]`);
  }),
  tpl("sshd", "credential_access", 3, (c) => {
    const u = attackUser(c);
    const inv = u !== "root" && c.rng.chance(0.5) ? "invalid user " : "";
    return sshd(
      c,
      `error: maximum authentication attempts exceeded for ${inv}${u} from ${
        authAttackerIp(c)
      } port ${ephemeralPort(c)} ssh2 [preauth]`,
    );
  }),
  tpl("sshd", "credential_access", 3, (c) => {
    const u = attackUser(c);
    return sshd(
      c,
      c.rng.weighted([
        [`Disconnecting: Too many authentication failures${preauth(c)}`, 2],
        [`Disconnecting: Too many authentication failures for ${u} [preauth]`, 1],
        [
          `Disconnecting ${
            u === "root" ? "authenticating" : c.rng.pick(["invalid", "authenticating"])
          } user ${u} ${authAttackerIp(c)} port ${
            ephemeralPort(c)
          }: Too many authentication failures [preauth]`,
          2,
        ],
      ]),
    );
  }),
  tpl("sshd", "credential_access", 4, (c) => {
    const u = attackUser(c);
    const user = c.rng.chance(0.7) ? `  user=${u}` : "";
    return sshd(
      c,
      `PAM ${c.rng.int(1, 5)} more authentication failure${
        c.rng.chance(0.9) ? "s" : ""
      }; logname= uid=0 euid=0 tty=ssh ruser= rhost=${authAttackerIp(c)}${user}`,
    );
  }),
  tpl("sshd", "credential_access", 8, (c) => {
    const user = c.rng.chance(0.6) ? `  user=${attackUser(c)}` : "";
    return sshd(
      c,
      `pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=${
        authAttackerIp(c)
      }${user}`,
    );
  }),
  tpl(
    "sshd",
    "credential_access",
    4,
    (c) => sshd(c, "pam_unix(sshd:auth): check pass; user unknown"),
  ),
  tpl("sshd", "credential_access", 4, (c) => {
    const ip = authAttackerIp(c);
    const reason = c.rng.weighted([
      ["Bye Bye", 6],
      ["", 2],
      ["Normal Shutdown, Thank you for playing", 1],
      ["Client disconnecting normally", 1],
    ]);
    const where = c.rng.chance(0.8) ? `${ip} port ${ephemeralPort(c)}:11:` : `${ip}: 11:`;
    return sshd(c, `Received disconnect from ${where} ${reason} [preauth]`);
  }),
  tpl("sshd", "credential_access", 2, (c) => {
    return sshd(
      c,
      `error: Received disconnect from ${authAttackerIp(c)} port ${
        ephemeralPort(c)
      }:3: com.jcraft.jsch.JSchException: Auth fail [preauth]`,
    );
  }),
  tpl("sshd", "credential_access", 2, (c) => {
    const method = c.rng.weighted([["none", 3], ["keyboard-interactive/pam", 2], ["publickey", 2]]);
    const u = attackUser(c);
    const inv = u === "root" || (method === "publickey" && c.rng.chance(0.5))
      ? ""
      : "invalid user ";
    const key = method === "publickey" ? `: ${keyFp(c)}` : "";
    return sshd(
      c,
      `Failed ${method} for ${inv}${u} from ${authAttackerIp(c)} port ${
        ephemeralPort(c)
      } ssh2${key}`,
    );
  }),
  tpl("sshd", "credential_access", 2, (c) => {
    const u = attackUser(c);
    const ip = authAttackerIp(c);
    return sshd(
      c,
      c.rng.weighted([
        [`error: PAM: Authentication failure for ${u} from ${ip}`, 3],
        [`error: PAM: Authentication failure for illegal user ${u} from ${ip}`, 1],
        [
          `error: PAM: User not known to the underlying authentication module for illegal user ${u} from ${ip}`,
          1,
        ],
      ]),
    );
  }),
  tpl("sshd", "credential_access", 2, (c) => {
    const ip = c.rng.publicIp();
    const rev = c.rng.pick([
      `${ip.split(".").reverse().join(".")}.static.${
        c.rng.pick([
          "vnpt.vn",
          "chinanet.cn",
          "hinet.net",
          "ctinets.com",
          "ip.linodeusercontent.com",
          "rev.poneytelecom.eu",
        ])
      }`,
      `host-${ip.replaceAll(".", "-")}.${
        c.rng.pick(["tedata.net", "airtelbroadband.in", "clients.your-server.de"])
      }`,
      `${c.rng.pick(["unassigned", "mail", "server", "localhost"])}.${
        c.rng.pick(["ru", "br", "cn", "vn", "kr"])
      }`,
    ]);
    return sshd(
      c,
      c.rng.chance(0.5)
        ? `reverse mapping checking getaddrinfo for ${rev} [${ip}] failed - POSSIBLE BREAK-IN ATTEMPT!`
        : `Address ${ip} maps to ${rev}, but this does not map back to the address - POSSIBLE BREAK-IN ATTEMPT!`,
    );
  }),
  tpl("sshd", "credential_access", 2, (c) => {
    const ip = authAttackerIp(c);
    const u = c.rng.pick(["root", "admin", "oracle", "test", "ubuntu"]);
    return sshd(
      c,
      c.rng.weighted([
        [`User ${u} from ${ip} not allowed because not listed in AllowUsers`, 3],
        [
          `User ${u} from ${ip} not allowed because none of user's groups are listed in AllowGroups`,
          1,
        ],
        [`ROOT LOGIN REFUSED FROM ${ip}`, 1],
        [`ROOT LOGIN REFUSED FROM ${ip} port ${ephemeralPort(c)}`, 1],
      ]),
    );
  }),
  tpl("sshd", "credential_access", 3, (c) => {
    const u = attackUser(c);
    const inv = u !== "root" && c.rng.chance(0.6) ? "invalid user " : "";
    return sshd(
      c,
      `message repeated ${c.rng.int(2, 12)} times: [ Failed password for ${inv}${u} from ${
        authAttackerIp(c)
      } port ${ephemeralPort(c)} ssh2]`,
    );
  }),
  tpl("sshd", "credential_access", 1, (c) => {
    const u = c.rng.pick(["root", "admin", ...c.sc.users]);
    return sshd(
      c,
      c.rng.chance(0.5)
        ? `pam_faillock(sshd:auth): Consecutive login failures for user ${u} account temporarily locked`
        : `pam_tally2(sshd:auth): user ${u} (${u === "root" ? 0 : humanUid(c)}) tally ${
          c.rng.int(4, 60)
        }, deny ${c.rng.pick([3, 5, 10])}`,
    );
  }),
];

const RECON: Template[] = [
  tpl("sshd", "recon_scan", 2, (c) => {
    const ip = authAttackerIp(c);
    return sshd(c, `Did not receive identification string from ${from(c, ip)}`);
  }),
  tpl("sshd", "recon_scan", 2, (c) =>
    sshd(
      c,
      "kex_exchange_identification: " + c.rng.weighted([
        ["Connection closed by remote host", 5],
        ["read: Connection reset by peer", 3],
        [
          `client sent invalid protocol identifier "${
            c.rng.pick(["GET / HTTP/1.1", "MGLNDD_" + c.rng.publicIp() + "_22", "\\x16\\x03\\x01"])
          }"`,
          1,
        ],
        ["banner line contains invalid characters", 1],
      ]),
    )),
  tpl("sshd", "recon_scan", 1.5, (c) =>
    sshd(
      c,
      `banner exchange: Connection from ${authAttackerIp(c)} port ${ephemeralPort(c)}: ${
        c.rng.pick(["invalid format", "could not read protocol version", "invalid format"])
      }`,
    )),
  tpl("sshd", "recon_scan", 2, (c) =>
    sshd(
      c,
      `Protocol major versions differ for ${from(c, authAttackerIp(c))}: SSH-2.0-OpenSSH_${
        c.rng.pick([
          "7.4",
          "8.2p1 Ubuntu-4ubuntu0.5",
          "8.9p1 Ubuntu-3ubuntu0.6",
          "9.2p1 Debian-2+deb12u2",
        ])
      } vs. ${
        c.rng.pick(["SSH-1.5-Nmap-SSH1-Hostkey", "SSH-1.5-NmapNSE_1.0", "SSH-1.33-OpenSSH_3.4"])
      }`,
    )),
  tpl("sshd", "recon_scan", 1.5, (c) => {
    const what = c.rng.weighted([
      [`no matching key exchange method found. Their offer: ${c.rng.pick(OLD_KEX)}`, 4],
      [
        `no matching host key type found. Their offer: ${
          c.rng.pick(["ssh-rsa,ssh-dss", "ssh-dss", "ssh-rsa"])
        }`,
        2,
      ],
      [
        `no matching cipher found. Their offer: ${
          c.rng.pick(["aes128-cbc,3des-cbc,aes256-cbc", "aes256-cbc,aes128-cbc"])
        }`,
        1,
      ],
    ]);
    return sshd(
      c,
      `Unable to negotiate with ${authAttackerIp(c)} port ${ephemeralPort(c)}: ${what}${
        preauth(c)
      }`,
    );
  }),
  tpl(
    "sshd",
    "recon_scan",
    2,
    (c) =>
      sshd(
        c,
        `Bad protocol version identification '${c.rng.pick(BANNER_JUNK)}' from ${
          from(c, authAttackerIp(c))
        }`,
      ),
  ),
  tpl("sshd", "recon_scan", 1, (c) =>
    sshd(
      c,
      `error: Bad remote protocol version identification: '${c.rng.pick(SCANNER_CLIENTS)}'`,
    )),
  tpl("sshd", "recon_scan", 1, (c) =>
    sshd(
      c,
      `error: kex_exchange_identification: ${
        c.rng.pick([
          "Connection closed by remote host",
          'client sent invalid protocol identifier "\\x16\\x03\\x01"',
        ])
      }`,
    )),
];

const BENIGN: Template[] = [
  tpl("sshd", "benign", 6, (c) => {
    const m = c.rng.weighted([["publickey", 6], ["password", 3], ["keyboard-interactive/pam", 1]]);
    const key = m === "publickey" ? `: ${keyFp(c)}` : "";
    return sshd(
      c,
      `Accepted ${m} for ${siteUser(c)} from ${clientIp(c)} port ${ephemeralPort(c)} ssh2${key}`,
    );
  }),
  tpl("sshd", "benign", 6, (c) => {
    const u = siteUser(c);
    const opened = c.rng.chance(0.5);
    const by = c.rng.chance(0.6)
      ? `${u}(uid=${u === "root" ? 0 : humanUid(c)}) by (uid=0)`
      : `${u} by (uid=0)`;
    return sshd(
      c,
      opened
        ? `pam_unix(sshd:session): session opened for user ${by}`
        : `pam_unix(sshd:session): session closed for user ${u}`,
    );
  }),
  tpl("sshd", "benign", 3, (c) => {
    const ip = clientIp(c), u = siteUser(c);
    return sshd(
      c,
      c.rng.weighted([
        [`Received disconnect from ${ip} port ${ephemeralPort(c)}:11: disconnected by user`, 4],
        [`Disconnected from user ${u} ${ip} port ${ephemeralPort(c)}`, 3],
        [`Received disconnect from ${ip}: 11: disconnected by user`, 1],
        [
          `Starting session: ${
            c.rng.pick(["shell on pts/" + c.rng.int(0, 9), "subsystem 'sftp'", "command"])
          } for ${u} from ${ip} port ${ephemeralPort(c)} id 0`,
          1,
        ],
        [`subsystem request for sftp by user ${u}`, 1],
        [`Postponed publickey for ${u} from ${ip} port ${ephemeralPort(c)} ssh2 [preauth]`, 1],
        [`Close session: user ${u} from ${ip} port ${ephemeralPort(c)} id 0`, 1],
        [
          `Transferred: sent ${c.rng.int(2000, 900000)}, received ${c.rng.int(2000, 90000)} bytes`,
          1,
        ],
      ]),
    );
  }),
  tpl("sshd", "benign", 2, (c) =>
    sshd(
      c,
      c.rng.weighted([
        [
          `Server listening on ${c.rng.pick(["0.0.0.0", "::"])} port ${
            c.rng.weighted([[22, 8], [2222, 1]])
          }.`,
          3,
        ],
        ["Received signal 15; terminating.", 2],
        ["Received SIGHUP; restarting.", 1],
        [`Connection closed by ${internalIp(c)} port ${ephemeralPort(c)}`, 1],
      ]),
    )),
];

/** The sshd/logind templates. */
export const SSHD_TEMPLATES: Template[] = [...CRED, ...RECON, ...BENIGN];
