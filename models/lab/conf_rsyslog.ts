/**
 * rsyslog configuration: the scenario's file format (traditional, RFC 3339 high precision or
 * RFC 5424) for the Debian-style files, plus one sidecar file that carries every message once
 * with its RFC 3339 microsecond receive time, program name and target file, then the exact
 * line written to that file.
 *
 * @module
 */

/** The syslog file formats a scenario can use. */
export type SyslogFormat = "traditional" | "rfc3339" | "rfc5424";

const MSG = "%msg:::sp-if-no-1st-sp%%msg:::drop-last-lf%";

/** The rsyslog template body (without newline) that renders one line in `fmt`. */
export function lineTemplate(fmt: SyslogFormat): string {
  switch (fmt) {
    case "traditional":
      return `%TIMESTAMP% %HOSTNAME% %syslogtag%${MSG}`;
    case "rfc3339":
      return `%TIMESTAMP:::date-rfc3339% %HOSTNAME% %syslogtag%${MSG}`;
    case "rfc5424":
      return "<%PRI%>1 %TIMESTAMP:::date-rfc3339% %HOSTNAME% %APP-NAME% %PROCID% %MSGID% " +
        "%STRUCTURED-DATA% %msg:::drop-last-lf%";
  }
}

/** Where each message goes: the first matching rule wins, so each message is written once. */
const RULES: [string, string][] = [
  ['$programname == "dnsmasq"', "dnsmasq.log"],
  ['$programname == "vsftpd"', "vsftpd.log"],
  ['$programname == "snoopy"', "snoopy.log"],
  ['$syslogfacility-text == "mail"', "mail.log"],
  ['$syslogfacility-text == "auth" or $syslogfacility-text == "authpriv"', "auth.log"],
  ['$syslogfacility-text == "cron"', "cron.log"],
  ["1 == 1", "syslog"],
];

/** The sidecar's file name under /var/log. */
export const SIDECAR = "lab-sidecar.log";

/** The whole rsyslog.conf for the server. */
export function rsyslogConf(fmt: SyslogFormat): string {
  const line = lineTemplate(fmt).replaceAll('"', '\\"');
  const out = [
    'global(workDirectory="/run" maxMessageSize="16k")',
    'module(load="imuxsock" SysSock.Name="/dev/log" SysSock.RateLimit.Interval="0")',
    `template(name="lab_line" type="string" string="${line}\\n")`,
  ];
  for (const [i, [cond, file]] of RULES.entries()) {
    const side = `%timegenerated:::date-rfc3339%\\t%programname%\\t${file}\\t${line}\\n`;
    out.push(`template(name="lab_side${i}" type="string" string="${side}")`);
    out.push(
      `if ${cond} then {`,
      `  action(type="omfile" file="/var/log/${file}" template="lab_line")`,
      `  action(type="omfile" file="/var/log/${SIDECAR}" template="lab_side${i}")`,
      "  stop",
      "}",
    );
  }
  return out.join("\n") + "\n";
}
