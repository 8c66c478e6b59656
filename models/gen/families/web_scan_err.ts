/**
 * Web scanning seen in Apache/nginx error logs: forbidden directories, missing sensitive files,
 * scanner UA rules.
 *
 * @module
 */
import type { Ctx, Template } from "../types.ts";
import { SENSITIVE, WORDLIST } from "./web_scan.ts";
import { apacheError, docRoot, nginxError, webAttackerIp } from "./web_pools.ts";

function scanErrors(ctx: Ctx): string {
  const { rng } = ctx;
  const ip = webAttackerIp(ctx);
  const root = docRoot(ctx);
  const probe = rng.pick(SENSITIVE);
  const dir = `/${rng.pick(WORDLIST)}/`;
  return rng.weighted<() => string>([
    [
      () =>
        apacheError(
          ctx,
          "autoindex",
          "error",
          ip,
          "AH01276",
          `Cannot serve directory ${root}${dir}: No matching DirectoryIndex (index.html,index.cgi,index.pl,index.php,index.xhtml,index.htm) found, and server-generated directory index forbidden by Options directive`,
        ),
      3,
    ],
    [
      () =>
        apacheError(
          ctx,
          "core",
          "info",
          ip,
          "AH00128",
          `File does not exist: ${root}${
            rng.pick([
              "/.git",
              "/.env",
              "/.svn",
              "/.DS_Store",
              "/phpinfo.php",
              "/wp-config.php.bak",
              "/backup.zip",
              "/.aws",
              "/actuator",
              "/phpmyadmin",
              "/adminer.php",
              "/.htpasswd.bak",
            ])
          }`,
        ),
      3,
    ],
    [
      () =>
        apacheError(
          ctx,
          "authz_core",
          "error",
          ip,
          "AH01630",
          `client denied by server configuration: ${root}${
            rng.pick([
              "/.htaccess",
              "/.htpasswd",
              "/.git/config",
              "/server-status",
              "/.ht_wsr.txt",
              "/server-info",
            ])
          }`,
        ),
      3,
    ],
    [
      () =>
        apacheError(
          ctx,
          "access_compat",
          "error",
          ip,
          "AH01797",
          `client denied by server configuration: ${root}${
            rng.pick(["/.htaccess", "/.htpasswd", "/server-status"])
          }`,
        ),
      1,
    ],
    [
      () =>
        apacheError(
          ctx,
          "cgi",
          "error",
          ip,
          "AH02811",
          `script not found or unable to stat: /usr/lib/cgi-bin/${
            rng.pick(["test-cgi", "printenv", "php", "luci", "test.cgi", "status", "admin.cgi"])
          }`,
        ),
      2,
    ],
    [
      () =>
        apacheError(
          ctx,
          "core",
          "error",
          ip,
          null,
          `File does not exist: ${root}${probe.split("?")[0]}`,
        ),
      1,
    ],
    [
      () =>
        nginxError(
          ctx,
          "error",
          `access forbidden by rule`,
          ip,
          `GET ${
            rng.pick([
              "/.git/config",
              "/.env",
              "/.htaccess",
              "/.git/HEAD",
              "/.svn/entries",
              "/.DS_Store",
            ])
          } HTTP/1.1`,
        ),
      3,
    ],
    [
      () =>
        nginxError(
          ctx,
          "error",
          `open() "${root}${probe.split("?")[0]}" failed (2: No such file or directory)`,
          ip,
          `GET ${probe} HTTP/1.1`,
        ),
      3,
    ],
    [
      () =>
        nginxError(
          ctx,
          "error",
          `"${root}${dir}index.php" is not found (2: No such file or directory)`,
          ip,
          `GET ${dir} HTTP/1.1`,
        ),
      1,
    ],
    [
      () =>
        nginxError(
          ctx,
          "error",
          `directory index of "${root}${dir}" is forbidden`,
          ip,
          `GET ${dir} HTTP/1.1`,
        ),
      1,
    ],
    [
      () =>
        apacheError(
          ctx,
          "security2",
          "error",
          ip,
          null,
          `ModSecurity: Warning. Matched phrase "${
            rng.pick(["nikto", "sqlmap", "nmap", "dirbuster", "gobuster", "wpscan", "nuclei"])
          }" at REQUEST_HEADERS:User-Agent. [file "/usr/share/modsecurity-crs/rules/REQUEST-913-SCANNER-DETECTION.conf"] [line "${
            rng.pick([33, 56])
          }"] [id "913100"] [msg "Found User-Agent associated with security scanner"] [severity "CRITICAL"] [ver "OWASP_CRS/${
            rng.pick(["3.3.2", "3.3.4", "3.2.0"])
          }"] [tag "application-multi"] [tag "attack-reputation-scanner"] [hostname "${ctx.sc.publicDomain}"] [uri "${dir}"] [unique_id "${
            rng.alnum(27)
          }"]`,
        ),
      2,
    ],
  ])();
}

/** Scan error-log templates. */
export const SCAN_ERR: Template[] = [
  { family: "web_error", label: "web_scan", weight: 4, make: scanErrors },
];
