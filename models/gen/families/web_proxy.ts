/**
 * Proxy and staging-server views of command-and-control (tool downloads, beacons) and exfiltration
 * (bulk uploads).
 *
 * @module
 */
import { accessLine } from "../format.ts";
import type { Ctx, Template } from "../types.ts";
import { CLI_UAS, squidLine, words } from "./web_pools.ts";

const TOOLS = words(`
  linpeas.sh linpeas_linux_amd64 LinEnum.sh les.sh pspy64 pspy32 chisel chisel_linux_amd64
  ligolo-agent socat nc ncat x86 x86_64 arm7 mips mpsl bins/mirai.arm7 bins/mirai.x86 bins/sora.mips
  shell.elf rev.elf payload.elf meterpreter.elf beacon.exe payload.exe nc.exe winPEASx64.exe
  mimikatz.exe Rubeus.exe SharpHound.exe payload.ps1 Invoke-PowerShellTool.ps1 PowerUp.ps1 rev.ps1
  xmrig kinsing kdevtmpfsi t.sh x.sh s.sh install.sh 1.sh bot.sh update.sh dirtycow pwnkit
  CVE-2021-4034.tar.gz exploit.c sploit.py`);

const MIME: Record<string, string> = {
  sh: "application/x-sh",
  ps1: "application/octet-stream",
  exe: "application/x-msdos-program",
  py: "text/x-python",
  c: "text/x-csrc",
  gz: "application/gzip",
};

function attackerHost(ctx: Ctx): string {
  const { rng, sc } = ctx;
  return rng.weighted([
    [rng.pick(sc.attackerIps), 4],
    [rng.publicIp(), 3],
    [`${rng.pick(sc.attackerIps)}:${rng.pick([8000, 8080, 8888, 443, 80, 9001])}`, 3],
    [`${rng.hex(4)}-${rng.publicIp().replaceAll(".", "-")}.ngrok-free.app`, 1],
    [`${rng.alnum(8).toLowerCase()}.ngrok.io`, 1],
    [
      `${rng.pick(["cdn", "update", "static", "dl"])}-${rng.alnum(5).toLowerCase()}.${
        rng.pick(["xyz", "top", "ru", "tk", "online"])
      }`,
      1,
    ],
  ]);
}

function proxyClientIp(ctx: Ctx): string {
  const { rng, sc } = ctx;
  return rng.weighted([[sc.lan + rng.int(2, 250), 3], [sc.dmz + rng.int(2, 60), 2]]);
}

function toolUrl(ctx: Ctx): [string, string] {
  const { rng } = ctx;
  const tool = rng.pick(TOOLS);
  const ext = tool.includes(".") ? tool.split(".").pop()! : "";
  const mime = MIME[ext] ?? "application/octet-stream";
  const url = rng.weighted([
    [`http://${attackerHost(ctx)}/${tool}`, 8],
    [`https://pastebin.com/raw/${rng.alnum(8)}`, 1],
    [
      `https://raw.githubusercontent.com/${
        rng.pick([
          "carlospolop/PEASS-ng/master/linPEAS",
          "rebootuser/LinEnum/master",
          "DominicBreuker/pspy/master",
        ])
      }/${tool}`,
      1,
    ],
    [
      `https://github.com/jpillora/chisel/releases/download/v1.9.1/chisel_1.9.1_linux_amd64.gz`,
      0.5,
    ],
  ]);
  return [url, url.includes("pastebin") ? "text/plain" : mime];
}

/** Tool downloads through the proxy. */
function toolDownload(ctx: Ctx): string {
  const { rng } = ctx;
  const [url, mime] = toolUrl(ctx);
  const host = new URL(url).hostname;
  return squidLine(ctx, {
    ip: proxyClientIp(ctx),
    code: rng.weighted([["TCP_MISS/200", 9], ["TCP_MISS/404", 0.5], ["TCP_DENIED/403", 0.5]]),
    bytes: rng.int(800, 9000000),
    method: "GET",
    url,
    hier: `HIER_DIRECT/${/^\d+\.\d+\.\d+\.\d+/.test(host) ? host : rng.publicIp()}`,
    mime,
  }, rng.pick(CLI_UAS));
}

/** Tool downloads seen in the attacker's own staging server log (python http.server or a web server). */
function stagingLog(ctx: Ctx): string {
  const { rng, now } = ctx;
  const tool = rng.pick(TOOLS);
  const ip = rng.weighted([[proxyClientIp(ctx), 2], [rng.publicIp(), 1]]);
  if (rng.chance(0.5)) {
    const p2 = (n: number) => String(n).padStart(2, "0");
    const mon = [
      "Jan",
      "Feb",
      "Mar",
      "Apr",
      "May",
      "Jun",
      "Jul",
      "Aug",
      "Sep",
      "Oct",
      "Nov",
      "Dec",
    ][now.getUTCMonth()];
    const t = `${p2(now.getUTCDate())}/${mon}/${now.getUTCFullYear()} ${p2(now.getUTCHours())}:${
      p2(now.getUTCMinutes())
    }:${p2(now.getUTCSeconds())}`;
    return `${ip} - - [${t}] "GET /${tool} HTTP/1.1" ${rng.weighted([["200", 9], ["404", 1]])} -`;
  }
  return accessLine(ctx, {
    ip,
    method: "GET",
    path: `/${tool}`,
    status: 200,
    bytes: rng.int(800, 9000000),
    ua: rng.pick(CLI_UAS),
  });
}

const CS_URIS = words(`
  /submit.php?id= /__utm.gif /pixel.gif /ca /dpixel /load /push /match /j.ad /ga.js /fwlink /cm
  /ptj /activity /IE9CompatViewList.xml /en_US/all.js /updates.rss /cx /visit.js /g.pixel /dot.gif
  /jquery-3.3.1.min.js /jquery-3.3.2.min.js /login/process.php /admin/get.php /news.php /api/v1/beacon`);

const BEACON_UAS = [
  "Mozilla/5.0 (compatible; MSIE 9.0; Windows NT 6.1; WOW64; Trident/5.0; BOIE9;ENUS)",
  "Mozilla/5.0 (compatible; MSIE 10.0; Windows NT 6.2; Win64; x64; Trident/6.0)",
  "Mozilla/4.0 (compatible; MSIE 7.0; Windows NT 5.1)",
  "Mozilla/5.0 (compatible; MSIE 9.0; Windows NT 6.1; Trident/5.0; MANM; MANM)",
  "Mozilla/5.0 (Windows NT 6.1; WOW64; Trident/7.0; rv:11.0) like Gecko",
  "Mozilla/5.0 (Windows NT 6.1; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/41.0.2228.0 Safari/537.36",
];

/** C2 beacons: Cobalt Strike / Empire default URIs at fixed sizes to odd hosts. */
function beacon(ctx: Ctx): string {
  const { rng } = ctx;
  const uri = rng.pick(CS_URIS);
  const post = uri.startsWith("/submit.php") || uri.startsWith("/login/process.php") ||
    rng.chance(0.15);
  const path = uri.endsWith("=") ? uri + rng.int(1000, 99999) : uri;
  const host = attackerHost(ctx);
  const ua = rng.pick(BEACON_UAS);
  const bytes = post ? rng.pick([0, 5, 68]) : rng.pick([0, 48, 64, 68, 208, 4096]);
  if (ctx.sc.webStyle !== "common" && rng.chance(0.3)) {
    // The redirector's own access log in front of the team server.
    return accessLine(ctx, {
      ip: rng.publicIp(),
      method: post ? "POST" : "GET",
      path,
      status: 200,
      bytes,
      ua,
      referer: "-",
    });
  }
  const https = rng.chance(0.3);
  return squidLine(ctx, {
    ip: proxyClientIp(ctx),
    code: https ? "TCP_TUNNEL/200" : "TCP_MISS/200",
    bytes: https ? rng.int(3000, 9000) : bytes + rng.int(150, 400),
    method: https ? "CONNECT" : post ? "POST" : "GET",
    url: https ? `${host.split(":")[0]}:443` : `http://${host}${path}`,
    hier: `HIER_DIRECT/${/^\d+\.\d+\.\d+\.\d+/.test(host) ? host.split(":")[0] : rng.publicIp()}`,
    mime: https
      ? "-"
      : rng.pick(["application/octet-stream", "image/gif", "text/html", "application/javascript"]),
  }, ua);
}

const DROP_SITES: [string, string, string][] = [
  ["PUT", "https://transfer.sh/", "FILE"],
  ["POST", "https://file.io/", ""],
  ["POST", "https://api.anonfiles.com/upload", ""],
  ["POST", "https://g.api.mega.co.nz/cs?id=", "NUM"],
  ["POST", "https://pastebin.com/api/api_post.php", ""],
  ["POST", "https://0x0.st/", ""],
  ["PUT", "https://temp.sh/", "FILE"],
  ["POST", "https://bashupload.com/", "FILE"],
  ["POST", "https://store1.gofile.io/uploadFile", ""],
  ["POST", "https://catbox.moe/user/api.php", ""],
  ["POST", "https://webhook.site/", "UUID"],
  ["POST", "https://discord.com/api/webhooks/", "HOOK"],
  ["POST", "https://api.telegram.org/bot", "TG"],
  ["POST", "http://ix.io/", ""],
];

const LOOT = words(`
  backup.tar.gz db.sql.gz dump.sql customers.csv passwd shadow home.tar.gz www.zip data.7z
  creds.txt keys.zip export.tar confidential.zip mail.tar.gz etc.tgz ntds.dit SYSTEM.hive`);

/** Bulk uploads to file-drop / paste services and odd hosts. */
function exfilUpload(ctx: Ctx): string {
  const { rng } = ctx;
  const ip = proxyClientIp(ctx);
  const big = rng.int(5_000_000, 4_000_000_000);
  const ua = rng.pick([
    "curl/7.81.0",
    "curl/8.4.0",
    "curl/7.68.0",
    "python-requests/2.31.0",
    "Wget/1.21.2",
    "rclone/v1.65.0",
    "Go-http-client/1.1",
    "-",
  ]);
  if (rng.chance(0.3)) {
    // Tunnelled HTTPS: only the host and the byte count show.
    const [, url] = rng.pick(DROP_SITES);
    return squidLine(ctx, {
      ip,
      code: "TCP_TUNNEL/200",
      bytes: big,
      method: "CONNECT",
      url: `${new URL(url).hostname}:443`,
      hier: `HIER_DIRECT/${rng.publicIp()}`,
      mime: "-",
    }, ua);
  }
  if (rng.chance(0.25)) {
    const port = rng.pick([8000, 8080, 80, 443, 9000]);
    return squidLine(ctx, {
      ip,
      code: rng.pick(["TCP_MISS/200", "TCP_MISS/201", "TCP_MISS/204"]),
      bytes: big,
      method: rng.pick(["POST", "PUT"]),
      url: `http://${rng.pick(ctx.sc.attackerIps)}:${port}/${
        rng.pick(["upload", "up", "u", rng.pick(LOOT), "data"])
      }`,
      hier: `HIER_DIRECT/${rng.pick(ctx.sc.attackerIps)}`,
      mime: rng.pick(["text/plain", "text/html", "-"]),
    }, ua);
  }
  const [method, url, tail] = rng.pick(DROP_SITES);
  const suffix = tail === "FILE"
    ? rng.pick(LOOT)
    : tail === "NUM"
    ? String(rng.int(0, 99999))
    : tail === "UUID"
    ? `${rng.hex(8)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(12)}`
    : tail === "HOOK"
    ? `${rng.int(1e17, 9e17)}/${rng.alnum(68)}`
    : tail === "TG"
    ? `${rng.int(1e9, 7e9)}:AA${rng.alnum(33)}/sendDocument`
    : "";
  return squidLine(ctx, {
    ip,
    code: rng.pick(["TCP_MISS/200", "TCP_MISS/200", "TCP_MISS/201"]),
    bytes: big,
    method,
    url: url + suffix,
    hier: `HIER_DIRECT/${rng.publicIp()}`,
    mime: rng.pick(["text/plain", "application/json", "text/html"]),
  }, ua);
}

/** C2 and exfiltration templates (proxy view). */
export const PROXY: Template[] = [
  { family: "squid_access", label: "command_and_control", weight: 3, make: toolDownload },
  { family: "web_access", label: "command_and_control", weight: 1.5, make: stagingLog },
  { family: "squid_access", label: "command_and_control", weight: 2.5, make: beacon },
  { family: "squid_access", label: "exfiltration", weight: 3, make: exfilUpload },
];
