/**
 * Configurations of the server's network daemons other than web and mail: sshd (VERBOSE),
 * dnsmasq (authoritative for the lab domain on its own address, forwarding the attacker's
 * domain, `log-queries=extra`), bind9 (authoritative only, query log to syslog), vsftpd (logging
 * through syslog) and squid (a proxy that forwards only to the lab domain's sites).
 *
 * @module
 */
import type { Plan } from "./plan.ts";

/** sshd_config: passwords allowed, VERBOSE logging, no PAM limits (see conf_system). */
export function sshdConf(p: Plan): string {
  return [
    `ListenAddress ${p.srvIp}`,
    "Port 22",
    "LogLevel VERBOSE",
    "SyslogFacility AUTH",
    "PermitRootLogin prohibit-password",
    "PasswordAuthentication yes",
    "KbdInteractiveAuthentication no",
    "UsePAM yes",
    "MaxAuthTries 6",
    "MaxStartups 30:30:100",
    "LoginGraceTime 20",
    "PrintMotd no",
    "AcceptEnv LANG LC_*",
    "Subsystem sftp /usr/lib/openssh/sftp-server",
    "",
  ].join("\n");
}

/** Names the lab DNS knows: the server's services and the users' workstations. */
export function dnsNames(p: Plan): [string, string][] {
  const names: [string, string][] = ["www", "mail", "ftp", "intranet", "db", "ns1"].map((n) => [
    `${n}.${p.domain}`,
    p.srvIp,
  ]);
  names.push([`${p.srvHost}.${p.domain}`, p.srvIp]);
  p.userHosts.forEach((h, i) => names.push([`${h}.${p.domain}`, p.userIps[i]]));
  return names;
}

/** dnsmasq: resolver for the lab on the server address, authoritative on the second one. */
export function dnsmasqConf(p: Plan): string {
  return [
    "no-resolv",
    "no-hosts",
    "no-poll",
    "bind-interfaces",
    `listen-address=127.0.0.1,${p.srvIp},${p.dnsIp}`,
    "log-queries=extra",
    "log-facility=DAEMON",
    `domain=${p.domain}`,
    `local=/${p.domain}/`,
    `auth-server=ns1.${p.domain},${p.dnsIp}`,
    `auth-zone=${p.domain}`,
    `auth-soa=2026120101,hostmaster.${p.domain}`,
    `auth-peer=${p.userIps[0]}`,
    `server=/${p.exfilDomain}/${p.atkIp}`,
    `mx-host=${p.domain},mail.${p.domain},10`,
    ...dnsNames(p).map(([n, ip]) => `host-record=${n},${ip}`),
    `txt-record=${p.domain},"v=spf1 mx -all"`,
    "",
  ].join("\n");
}

/** vsftpd standalone, local users, logging to syslog (daemon facility). */
export function vsftpdConf(p: Plan): string {
  return [
    "listen=YES",
    "listen_ipv6=NO",
    `listen_address=${p.srvIp}`,
    "background=NO",
    "anonymous_enable=YES",
    "no_anon_password=YES",
    "local_enable=YES",
    "write_enable=YES",
    "local_umask=022",
    "xferlog_enable=YES",
    "log_ftp_protocol=NO",
    "syslog_enable=YES",
    "dual_log_enable=NO",
    "secure_chroot_dir=/var/run/vsftpd/empty",
    "pam_service_name=vsftpd",
    "seccomp_sandbox=NO",
    `ftpd_banner=Welcome to ${p.srvHost} FTP service.`,
    "pasv_min_port=40000",
    "pasv_max_port=40100",
    "",
  ].join("\n");
}

/** The port of the squid proxy. */
export const SQUID_PORT = 3128;

/**
 * squid: the lab's users may fetch the lab domain's sites; everything else (other names, other
 * ports, CONNECT) is denied before any lookup, so a request for a name outside the lab never
 * leaves the server. Native access-log format (epoch times).
 */
export function squidConf(p: Plan): string {
  return [
    `http_port ${p.srvIp}:${SQUID_PORT}`,
    `visible_hostname proxy.${p.domain}`,
    "pid_filename /run/squid.pid",
    "cache_effective_user proxy",
    "access_log stdio:/var/log/squid/access.log squid",
    "cache_log /var/log/squid/cache.log",
    "cache_store_log none",
    "logfile_rotate 0",
    "cache_mem 8 MB",
    "dns_nameservers 127.0.0.1",
    "hosts_file /etc/hosts",
    "shutdown_lifetime 1 seconds",
    "pinger_enable off",
    `acl localnet src ${p.net}.0/24`,
    `acl labsites dstdomain -n .${p.domain}`,
    "acl Safe_ports port 80 8080",
    "acl CONNECT method CONNECT",
    "http_access deny CONNECT",
    "http_access deny !Safe_ports",
    "http_access allow localnet labsites",
    "http_access deny all",
    "",
  ].join("\n");
}

/**
 * named.conf for bind9 on its own address: authoritative for the lab domain, no recursion (a
 * lookup of any other name is refused and logged), zone transfers only to the first user, the
 * query log and every other category to syslog, no control channel, state under /run.
 */
export function namedConf(p: Plan): string {
  return `options {
  directory "/run/named";
  pid-file "/run/named/named.pid";
  session-keyfile "/run/named/session.key";
  listen-on port 53 { ${p.bindIp}; };
  listen-on-v6 { none; };
  recursion no;
  allow-transfer { ${p.userIps[0]}; };
  dnssec-validation no;
  querylog yes;
};
controls { };
logging {
  channel lab { syslog daemon; severity info; print-category yes; print-severity yes; };
  category default { lab; };
  category queries { lab; };
  category lame-servers { null; };
};
zone "${p.domain}" { type primary; file "/etc/bind/db.lab"; };
`;
}

/** The lab domain's zone file for bind9 (the names dnsmasq knows too). */
export function bindZone(p: Plan): string {
  const d = p.domain;
  return [
    "$TTL 300",
    `@ IN SOA ns2.${d}. hostmaster.${d}. 2026120101 3600 600 86400 300`,
    `@ IN NS ns2.${d}.`,
    `@ IN MX 10 mail.${d}.`,
    `@ IN TXT "v=spf1 mx -all"`,
    `ns2.${d}. IN A ${p.bindIp}`,
    ...dnsNames(p).map(([n, ip]) => `${n}. IN A ${ip}`),
    "",
  ].join("\n");
}
