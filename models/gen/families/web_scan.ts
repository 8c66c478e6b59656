/**
 * Web content and vulnerability scanning: dirb, gobuster, ffuf, nikto, wpscan, nuclei, NSE,
 * sensitive-file probes.
 *
 * @module
 */
import { accessLine } from "../format.ts";
import { BROWSER_UAS } from "../pools.ts";
import type { Ctx, Template } from "../types.ts";
import { CLI_UAS, webAttackerIp, words } from "./web_pools.ts";

/** Directory wordlist entries (common.txt / directory-list style). */
export const WORDLIST = words(`
  admin administrator backup backups bak beta bin cgi-bin config conf console cpanel crm data db
  debug demo dev download downloads dump error errors export files forum ftp help images img inc
  include includes install installer js lib log logs mail manager media old panel phpmyadmin pma
  portal private public sql staging stats store temp test testing tmp upload uploads user users
  vendor web webadmin wp xmlrpc 2006 2007 news crack serial warez .hta .htaccess .htpasswd _vti_bin
  ~admin ~root ~test account archive archives asp aspnet_client blog cache cfg cms common
  components css database default dbadmin docs etc fileadmin forms home htdocs index jsp
  login logon member modules mysql old_site orders passwd phpinfo server setup shop site siteadmin
  sitemap sql-admin src svn sys system templates tools typo3 web.config webmail wwwroot xml`);

const EXTS = ["", "", "", ".php", ".html", ".bak", ".txt", ".zip", ".old", ".asp", ".jsp", "/"];

/** Files scanners and bots probe for (no exploit payload). */
export const SENSITIVE = words(`
  /.env /.env.local /.env.production /.env.bak /api/.env /laravel/.env /.git/config /.git/HEAD
  /.git/index /.gitignore /.svn/entries /.svn/wc.db /.hg/hgrc /.DS_Store /.htpasswd /.htaccess
  /wp-config.php.bak /wp-config.php~ /wp-config.php.save /wp-config.old /config.php~ /config.php.bak
  /configuration.php.bak /.aws/credentials /.aws/config /.ssh/id_rsa /id_rsa /backup.zip /backup.tar.gz
  /site.tar.gz /www.zip /db.sql /database.sql /dump.sql /backup.sql /phpinfo.php /info.php /test.php
  /server-status /server-info /actuator/env /actuator/health /actuator/heapdump /actuator/mappings
  /vendor/phpunit/phpunit/src/Util/PHP/eval-stdin.php /phpmyadmin/ /pma/ /myadmin/ /adminer.php
  /.vscode/sftp.json /sftp-config.json /.idea/workspace.xml /composer.json /composer.lock
  /package.json /docker-compose.yml /Dockerfile /.dockerenv /config.json /config.yml /.travis.yml
  /web.config /WEB-INF/web.xml /crossdomain.xml /elmah.axd /trace.axd /_profiler/phpinfo
  /telescope/requests /debug/default/view /console /solr/admin/info/system /jolokia/list
  /api/v1/pods /v2/_catalog /owa/auth/x.js /ecp/Current/exporttool/microsoft.exchange.ediscovery.exporttool.application
  /cgi-bin/test-cgi /cgi-bin/printenv /cgi-bin/php /cgi-bin/luci
  /.well-known/security.txt.bak /storage/logs/laravel.log /wp-content/debug.log /error_log /logs/error.log
  /admin/config.php /config/database.yml /app/etc/local.xml /sites/default/settings.php.bak
  /HNAP1/ /manager/html /host-manager/html /jmx-console/ /invoker/JMXInvokerServlet`);

const WP_PLUGINS = words(`
  contact-form-7 akismet woocommerce elementor wordfence jetpack yoast-seo wp-file-manager
  revslider duplicator wpdiscuz all-in-one-seo-pack wp-super-cache updraftplus litespeed-cache
  really-simple-ssl classic-editor wpforms-lite ninja-forms easy-wp-smtp file-manager-advanced
  simple-file-list social-warfare wp-statistics loginizer gutenberg essential-addons-for-elementor-lite`);

type ScanTool = {
  ua: () => string;
  path: () => string;
  weight: number;
  statuses: [number, number][];
};

function scanTools(ctx: Ctx): ScanTool[] {
  const { rng } = ctx;
  const word = () => `/${rng.pick(WORDLIST)}${rng.pick(EXTS)}`;
  const base = rng.pick(["", "", "/admin", "/wp-content", "/app", "/api", "/blog"]);
  return [
    {
      ua: () => "Mozilla/4.0 (compatible; MSIE 6.0; Windows NT 5.1; SV1)",
      path: () => base + word(),
      weight: 3,
      statuses: [[404, 10], [403, 1], [301, 1], [200, 0.5]],
    },
    {
      ua: () => `gobuster/${rng.pick(["3.6", "3.5", "3.1.0", "3.0.1"])}`,
      path: () => base + word(),
      weight: 3,
      statuses: [[404, 10], [403, 1], [301, 1]],
    },
    {
      ua: () => `Fuzz Faster U Fool v${rng.pick(["2.1.0-dev", "2.0.0-dev", "1.5.0", "1.3.1-dev"])}`,
      path: () => rng.chance(0.8) ? base + word() : `/index.php?${rng.pick(WORDLIST)}=1`,
      weight: 3,
      statuses: [[404, 10], [200, 1], [403, 1]],
    },
    {
      ua: () => `feroxbuster/${rng.pick(["2.10.1", "2.10.4", "2.7.1"])}`,
      path: () => rng.chance(0.15) ? `${base}/${rng.hex(32)}` : base + word(),
      weight: 2,
      statuses: [[404, 10], [403, 1], [301, 1]],
    },
    {
      ua: () => rng.pick(BROWSER_UAS),
      path: () =>
        `/${
          rng.pick(
            words(
              ".ht_wsr.txt .htaccess-dev .htaccess.orig .htaccess_sc .htpasswd_test .bash_history .config .env.example %2e%2e//google.com admin.php~ index.php.bak .hta login.aspx.bak",
            ),
          )
        }`,
      weight: 2,
      statuses: [[404, 8], [403, 3]],
    },
    {
      ua: () => `Wfuzz/${rng.pick(["3.1.0", "2.4.5", "2.4"])}`,
      path: () =>
        rng.chance(0.7)
          ? base + word()
          : `/index.php?${rng.pick(["page", "file", "id"])}=${rng.pick(WORDLIST)}`,
      weight: 1,
      statuses: [[404, 8], [200, 2]],
    },
    {
      ua: () =>
        `Mozilla/5.00 (Nikto/${rng.pick(["2.1.6", "2.1.5", "2.5.0"])}) (Evasions:None) (Test:${
          rng.pick([
            String(rng.int(1, 7999)).padStart(6, "0"),
            "map_codes",
            "getinfo",
            "Port Check",
            "embedded detection",
            "headers",
          ])
        })`,
      path: () =>
        rng.pick([
          `/${rng.alnum(8)}.${rng.pick(["php", "asp", "html", "cgi", "pl", "jsp", "sh"])}`,
          ...words(
            "/cgi-bin/test-cgi /scripts/ /_vti_bin/ /iisadmin/ /CFIDE/administrator/ /mnt/ /manual/ /icons/README /webcgi/ /lists/admin/ /shop/ /admin/config.php /index.php?=PHPB8B5F2A0-3C92-11d3-A3A9-4C7B08C10000 /cgi.cgi/ /localstart.asp /servlet/SnoopServlet /%2e/ /help.php /sitemanager/ /msadc/msadcs.dll /themes/ /phpimageview.php?pic=javascript:alert(8754)",
          ),
        ]),
      weight: 4,
      statuses: [[404, 10], [200, 1], [403, 1], [400, 1]],
    },
    {
      ua: () =>
        `WPScan v${
          rng.pick(["3.8.22", "3.8.25", "3.8.18", "3.8.7"])
        } (https://wpscan.com/wordpress-security-scanner)`,
      path: () =>
        rng.pick([
          `/wp-content/plugins/${rng.pick(WP_PLUGINS)}/readme.txt`,
          `/wp-content/plugins/${rng.pick(WP_PLUGINS)}/`,
          `/?author=${rng.int(1, 20)}`,
          "/wp-json/wp/v2/users",
          "/wp-json/wp/v2/users?per_page=100&page=1",
          "/xmlrpc.php",
          "/wp-content/debug.log",
          "/wp-cron.php",
          "/wp-content/uploads/",
          "/readme.html",
          "/license.txt",
          `/wp-content/themes/${rng.pick(["twentytwentyone", "astra", "divi", "avada"])}/style.css`,
          "/wp-includes/version.php",
          "/.wp-config.php.swp",
          "/wp-config.php.orig",
          "/wp-content/backup-db/",
          "/feed/",
          "/wp-links-opml.php",
        ]),
      weight: 4,
      statuses: [[404, 6], [200, 3], [301, 1], [403, 1]],
    },
    {
      ua: () =>
        rng.chance(0.6)
          ? "Nuclei - Open-source project (github.com/projectdiscovery/nuclei)"
          : rng.pick(BROWSER_UAS),
      path: () => rng.pick(SENSITIVE),
      weight: 3,
      statuses: [[404, 8], [403, 2], [200, 1]],
    },
    {
      ua: () =>
        rng.pick([
          "Mozilla/5.0 zgrab/0.x",
          `masscan/${rng.pick(["1.0", "1.3"])} (https://github.com/robertdavidgraham/masscan)`,
          "Mozilla/5.0 (compatible; CensysInspect/1.1; +https://about.censys.io/)",
          "Expanse, a Palo Alto Networks company, searches across the global IPv4 space multiple times per day to identify customers&#39; presences on the Internet. If you would like to be excluded from our scans, please send IP addresses/domains to: scaninfo@paloaltonetworks.com",
          `l9explore/1.${rng.int(2, 3)}.${rng.int(0, 2)}`,
          "Mozilla/5.0 (l9scan/2.0.1313e27393e2e2e3a37353e25353e2e3; +https://leakix.net)",
          "xfa1",
          "Hello World",
          "Mozilla/5.0 (compatible; InternetMeasurement/1.0; +https://internet-measurement.com/)",
        ]),
      // Internet-wide scanners fetching "/" are banner grabs (recon_scan, network_probes.ts);
      // here they probe for sensitive files.
      path: () =>
        rng.pick(["/.env", "/.git/config", "/server-status", "/.git/HEAD", "/config.json"]),
      weight: 2,
      statuses: [[200, 3], [404, 3], [400, 1]],
    },
    {
      ua: () =>
        rng.weighted([[rng.pick(BROWSER_UAS), 4], [rng.pick(CLI_UAS), 3], [
          "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/81.0.4044.129 Safari/537.36",
          1,
        ], ["Mozilla/5.0 (X11; Linux x86_64; rv:83.0) Gecko/20100101 Firefox/83.0", 1]]),
      path: () => rng.pick(SENSITIVE),
      weight: 7,
      statuses: [[404, 10], [403, 3], [200, 0.5], [301, 0.5]],
    },
  ];
}

function scanAccess(ctx: Ctx): string {
  const { rng } = ctx;
  const tools = scanTools(ctx);
  // The common log format hides the scanner's user agent: only path-evident probes stay labelled.
  const tool = ctx.sc.webStyle === "common"
    ? tools[tools.length - 1]
    : rng.weighted(tools.map((t) => [t, t.weight] as const));
  const path = tool.path();
  const status = rng.weighted(tool.statuses);
  const ua = tool.ua();
  const method = rng.weighted([["GET", 12], [
    "HEAD",
    ua.startsWith("Mozilla/4.0") || ua.startsWith("gobuster") ? 0 : 1,
  ], ["POST", 0.2]]);
  return accessLine(ctx, {
    ip: webAttackerIp(ctx),
    method,
    path,
    status,
    bytes: status === 404
      ? rng.pick([196, 209, 274, 282, 453, 548, 1245, 3814, 153])
      : rng.int(0, 24000),
    ua,
    proto: rng.chance(0.1) ? "HTTP/1.0" : "HTTP/1.1",
  });
}

/** Web scanning templates. */
export const SCAN: Template[] = [
  { family: "web_access", label: "web_scan", weight: 10, make: scanAccess },
];
