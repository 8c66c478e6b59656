/**
 * Mail configuration in the server's private /etc: postfix (no chroot, lab network as
 * mynetworks, SASL through dovecot when it runs, Maildir delivery) and dovecot IMAP and POP3
 * (PAM passwords, verbose auth logging to syslog's mail facility).
 *
 * @module
 */
import type { Plan } from "./plan.ts";

function mainCf(p: Plan): string {
  // Without dovecot there is no SASL socket: smtpd would fail every session.
  const sasl = p.scenario.daemons.includes("dovecot");
  return [
    "compatibility_level = 3.6",
    `myhostname = ${p.srvHost}.${p.domain}`,
    `mydomain = ${p.domain}`,
    "myorigin = $mydomain",
    "mydestination = $myhostname, $mydomain, localhost",
    `mynetworks = 127.0.0.0/8 ${p.net}.0/24`,
    "inet_interfaces = all",
    "inet_protocols = ipv4",
    "home_mailbox = Maildir/",
    "alias_maps =",
    "alias_database =",
    "biff = no",
    "smtpd_banner = $myhostname ESMTP Postfix (Debian/GNU)",
    "smtpd_helo_required = yes",
    ...(sasl
      ? [
        "smtpd_sasl_type = dovecot",
        "smtpd_sasl_path = private/auth",
        "smtpd_sasl_auth_enable = yes",
      ]
      : []),
    "smtpd_tls_security_level = none",
    "smtpd_recipient_restrictions = permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination",
    "disable_dns_lookups = yes",
    "smtp_host_lookup = native",
    "relayhost =",
    "",
  ].join("\n");
}

function dovecotConf(p: Plan): string {
  return `protocols = imap pop3
listen = ${p.srvIp}
log_path = syslog
syslog_facility = mail
auth_verbose = yes
auth_mechanisms = plain login
disable_plaintext_auth = no
ssl = no
mail_location = maildir:~/Maildir
login_greeting = Dovecot ready.
passdb {
  driver = pam
}
userdb {
  driver = passwd
}
service auth {
  unix_listener /var/spool/postfix/private/auth {
    mode = 0660
    user = postfix
    group = postfix
  }
}
`;
}

/** Writes postfix's main.cf and a chroot-free master.cf, and dovecot.conf. */
export async function writeMail(root: string, p: Plan): Promise<void> {
  const etc = `${root}/etc`;
  await Deno.writeTextFile(`${etc}/postfix/main.cf`, mainCf(p));
  const master = await Deno.readTextFile(`${etc}/postfix/master.cf`);
  const noChroot = master.split("\n").map((l) =>
    /^[a-z]/.test(l) ? l.replace(/^(\S+\s+\S+\s+\S+\s+\S+\s+)y(\s)/, "$1n$2") : l
  );
  await Deno.writeTextFile(`${etc}/postfix/master.cf`, noChroot.join("\n"));
  await Deno.writeTextFile(`${etc}/dovecot/dovecot.conf`, dovecotConf(p));
}
