/**
 * Configurations of the server's network daemons other than web and mail: sshd (VERBOSE),
 * dnsmasq (authoritative for the lab domain on its own address, forwarding the attacker's
 * domain, `log-queries=extra`) and vsftpd (logging through syslog).
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
