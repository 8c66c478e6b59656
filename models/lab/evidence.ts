/**
 * Line evidence: whether a line by itself shows its class (a scanner agent, a payload, a
 * failed login, a zone transfer, an encoded subdomain) or only its context makes it an attack.
 *
 * @module
 */
import type { Label } from "../../lib/core/taxonomy.ts";

/**
 * Failed-authentication wordings: a line with one of them shows credential_access by itself,
 * whoever typed the password (issue 10: one failure by a real user is benign only in context,
 * which the incident rules judge, so the line is labelled by what it shows).
 */
export const FAILED_AUTH =
  /Failed password|authentication failure|auth failed|authentication failed|Login incorrect|FAIL LOGIN|(Connection closed by|Disconnected from) authenticating user|Password mismatch|login failed for user/i;

const SHOWS: Record<Exclude<Label, "benign">, RegExp> = {
  recon_scan:
    /nmap|Nmap Scripting Engine|query\[AXFR\]|query\[IXFR\]|IN AXFR|\/AXFR\/IN|version\.bind|Did not receive identification string|banner exchange|invalid format|Protocol major versions differ|version-bind|PROPFIND|\/nice%20ports|evox|HNAP1|sdfsdf/i,
  web_scan:
    /DirBuster|dirb|gobuster|Fuzz Faster|ffuf|WhatWeb|sqlmap|wpscan|nikto|\/\.git\/|\/\.env|\/\.htaccess|\/\.htpasswd|wp-config|phpmyadmin|\/\.svn|\/server-status|AH01630|AH00128/i,
  web_exploit:
    /union[\s+%20]+(all[\s+%20]+)?select|%27|'%20|sleep\(|benchmark\(|<script|%3Cscript|\.\.\/|\.\.%2F|%2e%2e|\/etc\/passwd|\(\)\s*\{|jndi:|\$%7Bjndi|cmd=|shell\.php|\.php\?c=|php:\/\/|base64_decode|SQL syntax|mysqli_sql_exception|uname%20|whoami|\bexec\b|passthru|system\(/i,
  credential_access: new RegExp(
    `${FAILED_AUTH.source}|Invalid user|Disconnected from invalid user|maximum authentication attempts|Too many authentication failures|unknown user|john|\\.hash`,
    "i",
  ),
  privilege_escalation:
    /COMMAND=list|\/etc\/shadow|sudo -l|NOT in sudoers|incorrect password attempt|FAILED SU|\bsu\b.*root|Successful su|authentication failure.*\bsu\b/i,
  command_and_control:
    /\/dev\/tcp\/|\bnc\b|ncat|netcat|bash -i|mkfifo|\bwget\b|curl .*http|chmod \+x|\/tmp\/\.|python3? -c|socat|:4444|:8000/i,
  exfiltration: /[a-z2-7]{24,}\.|[0-9a-f]{30,}\.|base32|base64 -w|xxd/i,
};

/** "line" when the line itself shows `label`, else "context". */
export function evidence(label: Label, line: string): "line" | "context" {
  if (label === "benign") return "line";
  return SHOWS[label].test(line) ? "line" : "context";
}
