/**
 * FTP, database, OpenVPN and web-login lines: normal logins and sessions versus password guessing.
 *
 * @module
 */
import type { Template } from "../types.ts";
import { accessLine, syslog } from "../format.ts";
import { BROWSER_UAS } from "../pools.ts";
import {
  attackUser,
  authAttackerIp,
  authPid,
  clientIp,
  ephemeralPort,
  internalIp,
  siteUser,
  tpl,
} from "./auth_common.ts";
import {
  ftpClient,
  LOGIN_POSTS,
  mysqlLine,
  ODD_UAS,
  ovpn,
  pgLine,
  proftpd,
  pureftpd,
  vsftpd,
} from "./auth_services_common.ts";

const CRED: Template[] = [
  tpl(
    "vsftpd",
    "credential_access",
    3,
    (c) => vsftpd(c, attackUser(c), `FAIL LOGIN: Client "${ftpClient(c, authAttackerIp(c))}"`),
  ),
  tpl(
    "vsftpd",
    "credential_access",
    1,
    (c) =>
      syslog(
        c,
        c.sc.hosts.share,
        "vsftpd",
        authPid(c),
        `pam_unix(vsftpd:auth): authentication failure; logname= uid=0 euid=0 tty=ftp ruser=${
          attackUser(c)
        } rhost=${authAttackerIp(c)}${c.rng.chance(0.5) ? "  user=" + attackUser(c) : ""}`,
        "authpriv",
      ),
  ),
  tpl("proftpd", "credential_access", 3, (c) => {
    const ip = authAttackerIp(c), u = attackUser(c);
    return proftpd(
      c,
      ip,
      c.rng.weighted([
        [`USER ${u} (Login failed): Incorrect password`, 4],
        [
          `USER ${u}: no such user found from ${ip} [${ip}] to ${c.sc.dmz}${c.rng.int(2, 60)}:21`,
          3,
        ],
        [`Maximum login attempts (${c.rng.pick([3, 5])}) exceeded, connection refused`, 1],
        [`SECURITY VIOLATION: Root login attempted`, 1],
      ]),
    );
  }),
  tpl(
    "pure-ftpd",
    "credential_access",
    2,
    (c) =>
      pureftpd(
        c,
        authAttackerIp(c),
        "WARNING",
        `Authentication failed for user [${attackUser(c)}]`,
      ),
  ),
  tpl("mysql", "credential_access", 4, (c) => {
    const u = c.rng.weighted([["root", 5], [
      c.rng.pick(["admin", "mysql", "test", "wordpress", "user", "sa", "db"]),
      3,
    ]]);
    const ip = authAttackerIp(c);
    return mysqlLine(
      c,
      "Note",
      "MY-010926",
      `Access denied for user '${u}'@'${ip}' (using password: ${
        c.rng.weighted([["YES", 6], ["NO", 1]])
      })`,
    );
  }),
  tpl("postgresql", "credential_access", 4, (c) => {
    const u = c.rng.pick(["postgres", "postgres", "admin", "root", "pgsql", "test", "user"]);
    const ip = authAttackerIp(c);
    return pgLine(
      c,
      c.rng.weighted([
        [`FATAL:  password authentication failed for user "${u}"`, 5],
        [
          `FATAL:  no pg_hba.conf entry for host "${ip}", user "${u}", database "${
            c.rng.pick(["postgres", "template0", u])
          }", ${c.rng.pick(["SSL off", "no encryption", "SSL encryption"])}`,
          2,
        ],
        [`FATAL:  role "${c.rng.pick(["root", "admin", "pgsql", "sa"])}" does not exist`, 1],
        [
          `DETAIL:  Connection matched pg_hba.conf line ${
            c.rng.int(80, 130)
          }: "host all all 0.0.0.0/0 md5"`,
          1,
        ],
      ]),
    );
  }),
  tpl("openvpn", "credential_access", 3, (c) => {
    const ip = authAttackerIp(c), p = ephemeralPort(c), u = attackUser(c);
    return ovpn(
      c,
      c.rng.weighted([
        [`${ip}:${p} TLS Auth Error: Auth Username/Password verification failed for peer`, 3],
        [
          `${ip}:${p} PLUGIN_CALL: POST /usr/lib/openvpn/openvpn-plugin-auth-pam.so/PLUGIN_AUTH_USER_PASS_VERIFY status=1`,
          2,
        ],
        [
          `${ip}:${p} WARNING: Failed running command (--auth-user-pass-verify): external program exited with error status: 1`,
          1,
        ],
        [`${u}/${ip}:${p} SENT CONTROL [${u}]: 'AUTH_FAILED' (status=1)`, 2],
        [
          `${ip}:${p} VERIFY ERROR: depth=0, error=${
            c.rng.pick([
              "certificate has expired",
              "certificate revoked",
              "self signed certificate",
              "unable to get local issuer certificate",
            ])
          }: CN=${c.rng.pick(["client", "test", "vpnuser", u])}`,
          2,
        ],
      ]),
    );
  }),
  tpl("web_login", "credential_access", 6, (c) => {
    const path = c.rng.weighted(LOGIN_POSTS);
    const status = path === "/xmlrpc.php" ? 200 : c.rng.weighted([[200, 6], [401, 1], [403, 1]]);
    return accessLine(c, {
      ip: authAttackerIp(c),
      method: "POST",
      path,
      status,
      bytes: c.rng.int(300, 9000),
      ua: c.rng.pick(ODD_UAS),
    });
  }),
  tpl("web_login", "credential_access", 3, (c) => {
    const user = c.rng.weighted([[attackUser(c), 5], ["-", 2]]);
    const path = c.rng.pick([
      "/admin/",
      "/manager/html",
      "/",
      "/private/",
      "/phpmyadmin/",
      "/server-status",
      "/nagios/",
      "/zabbix/",
    ]);
    return accessLine(c, {
      ip: authAttackerIp(c),
      method: c.rng.pick(["GET", "GET", "POST", "HEAD"]),
      path,
      status: 401,
      bytes: c.rng.int(380, 700),
      ua: c.rng.pick(ODD_UAS),
      user,
    });
  }),
];

const BENIGN: Template[] = [
  tpl("vsftpd", "benign", 2, (c) => {
    const u = siteUser(c), ip = ftpClient(c, clientIp(c));
    return c.rng.weighted<() => string>([
      [() => vsftpd(c, null, `CONNECT: Client "${ip}"`), 2],
      [() => vsftpd(c, u, `OK LOGIN: Client "${ip}"`), 3],
      [
        () =>
          vsftpd(
            c,
            u,
            `OK DOWNLOAD: Client "${ip}", "/home/${u}/${
              c.rng.pick(["report.pdf", "backup.tar.gz", "data.csv"])
            }", ${c.rng.int(500, 9000000)} bytes, ${c.rng.int(50, 90000)}.${
              c.rng.int(10, 99)
            }Kbyte/sec`,
          ),
        2,
      ],
      [
        () =>
          vsftpd(
            c,
            u,
            `OK UPLOAD: Client "${ip}", "/upload/${
              c.rng.pick(["invoice.pdf", "export.json", "photo.jpg"])
            }", ${c.rng.int(500, 9000000)} bytes, ${c.rng.int(50, 90000)}.${
              c.rng.int(10, 99)
            }Kbyte/sec`,
          ),
        1,
      ],
    ])();
  }),
  tpl("proftpd", "benign", 2, (c) => {
    const ip = clientIp(c), u = siteUser(c);
    return proftpd(
      c,
      ip,
      c.rng.pick([
        `USER ${u}: Login successful.`,
        "FTP session opened.",
        "FTP session closed.",
        `FTP login as '${u}' from ${ip} [${ip}] to ${c.sc.dmz}${c.rng.int(2, 60)}:21`,
      ]),
    );
  }),
  tpl("pure-ftpd", "benign", 1, (c) => {
    const ip = clientIp(c), u = siteUser(c);
    return c.rng.weighted([
      [pureftpd(c, ip, "INFO", `New connection from ${ip}`), 2],
      [pureftpd(c, ip, "INFO", `${u} is now logged in`).replace("(?@", `(${u}@`), 2],
      [pureftpd(c, ip, "INFO", "Logout.").replace("(?@", `(${u}@`), 1],
    ]);
  }),
  tpl("mysql", "benign", 2, (c) =>
    c.rng.weighted([
      [() =>
        mysqlLine(
          c,
          "System",
          "MY-010931",
          `/usr/sbin/mysqld: ready for connections. Version: '8.0.${
            c.rng.int(20, 36)
          }'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  MySQL Community Server - GPL.`,
        ), 1],
      [() =>
        mysqlLine(
          c,
          "Warning",
          "MY-010055",
          `IP address '${internalIp(c)}' could not be resolved: Name or service not known`,
        ), 1],
      [() =>
        mysqlLine(
          c,
          "Note",
          "MY-010914",
          `Aborted connection ${c.rng.int(10, 99999)} to db: '${
            c.rng.pick(["shop", "wordpress", "nextcloud"])
          }' user: '${c.rng.pick(["app", "wp", "nextcloud"])}' host: '${
            internalIp(c)
          }' (Got timeout reading communication packets)`,
        ), 1],
    ])()),
  tpl("postgresql", "benign", 3, (c) => {
    const u = c.rng.pick(["app", "postgres", "grafana", "keycloak", siteUser(c)]);
    return pgLine(
      c,
      c.rng.weighted([
        [`LOG:  connection received: host=${internalIp(c)} port=${ephemeralPort(c)}`, 3],
        [
          `LOG:  connection authorized: user=${u} database=${
            c.rng.pick(["appdb", "postgres", "grafana", "shop"])
          }${
            c.rng.chance(0.5)
              ? " SSL enabled (protocol=TLSv1.3, cipher=TLS_AES_256_GCM_SHA384, bits=256)"
              : ""
          }`,
          3,
        ],
        [
          `LOG:  disconnection: session time: 0:${String(c.rng.int(0, 59)).padStart(2, "0")}:${
            String(c.rng.int(0, 59)).padStart(2, "0")
          }.${c.rng.int(100, 999)} user=${u} database=appdb host=${internalIp(c)} port=${
            ephemeralPort(c)
          }`,
          2,
        ],
        [
          `LOG:  checkpoint complete: wrote ${c.rng.int(1, 900)} buffers (${c.rng.int(0, 9)}.${
            c.rng.int(0, 9)
          }%); 0 WAL file(s) added, 0 removed, 1 recycled`,
          1,
        ],
      ]),
    );
  }),
  tpl("openvpn", "benign", 5, (c) => {
    const ip = c.rng.chance(0.8) ? c.rng.publicIp() : internalIp(c);
    const p = ephemeralPort(c), u = siteUser(c), v = c.sc.vpnPool + c.rng.int(2, 250);
    return ovpn(
      c,
      c.rng.weighted([
        [`${ip}:${p} Peer Connection Initiated with [AF_INET]${ip}:${p}`, 3],
        [`${u}/${ip}:${p} MULTI: Learn: ${v} -> ${u}/${ip}:${p}`, 3],
        [`${u}/${ip}:${p} MULTI_sva: pool returned IPv4=${v}, IPv6=(Not enabled)`, 2],
        [`TLS: Initial packet from [AF_INET]${ip}:${p}, sid=${c.rng.hex(8)} ${c.rng.hex(8)}`, 3],
        [
          `${ip}:${p} VERIFY OK: depth=${c.rng.pick([0, 1])}, CN=${
            c.rng.chance(0.5) ? u : c.sc.publicDomain + " VPN CA"
          }`,
          2,
        ],
        [`${u}/${ip}:${p} SIGUSR1[soft,connection-reset] received, client-instance restarting`, 2],
        [`${ip}:${p} TLS: Username/Password authentication succeeded for username '${u}'`, 1],
        [`${u}/${ip}:${p} Data Channel: using negotiated cipher 'AES-256-GCM'`, 1],
      ]),
    );
  }),
  tpl("web_login", "benign", 3, (c) => {
    const path = c.rng.pick(["/wp-login.php", "/user/login", "/administrator/index.php", "/login"]);
    const host = `https://${c.sc.hosts.intranet}.${c.sc.publicDomain}`;
    return accessLine(c, {
      ip: clientIp(c),
      method: "POST",
      path,
      status: 302,
      bytes: c.rng.int(0, 40),
      ua: c.rng.pick(BROWSER_UAS),
      referer: `${host}${path}`,
      user: "-",
    });
  }),
];

/** The FTP, database, VPN and web-login templates. */
export const SERVICE_TEMPLATES: Template[] = [...CRED, ...BENIGN];
