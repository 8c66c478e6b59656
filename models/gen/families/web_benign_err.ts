/**
 * Benign Apache error-log lines: lifecycle notices, benign missing files, PHP notices.
 *
 * @module
 */
import type { Ctx, Template } from "../types.ts";
import { apacheError, clientIp, docRoot, vhostName, words } from "./web_pools.ts";

const APACHE_VERSIONS = words(`
  Apache/2.4.41_(Ubuntu) Apache/2.4.52_(Ubuntu) Apache/2.4.57_(Debian) Apache/2.4.62_(Debian)
  Apache/2.4.6_(CentOS)_OpenSSL/1.0.2k-fips Apache/2.4.37_(Red_Hat_Enterprise_Linux)
  Apache/2.4.58_(Unix)_OpenSSL/3.0.11`).map((v) => v.replaceAll("_", " "));

const PHP_FILES = words(`
  wp-content/plugins/woocommerce/includes/class-wc-cart.php wp-includes/functions.php
  wp-content/themes/flavor/functions.php wp-content/plugins/jetpack/class.jetpack.php
  lib/private/Files/View.php apps/files_sharing/lib/Controller/ShareController.php
  horde/lib/Horde/Registry.php vendor/laravel/framework/src/Illuminate/Support/Arr.php
  includes/db.inc.php modules/custom/report/report.module`);

const PHP_MSGS = [
  "PHP Notice:  Undefined index: KEY in",
  "PHP Notice:  Trying to access array offset on value of type null in",
  'PHP Warning:  Undefined array key "KEY" in',
  "PHP Warning:  Undefined variable $post_id in",
  "PHP Warning:  count(): Parameter must be an array or an object that implements Countable in",
  "PHP Deprecated:  Creation of dynamic property WP_Block_Type::$skip_inner_blocks is deprecated in",
  "PHP Deprecated:  strpos(): Passing null to parameter #1 ($haystack) of type string is deprecated in",
  "PHP Deprecated:  Function create_function() is deprecated in",
  "PHP Warning:  Cannot modify header information - headers already sent by (output started at /var/www/html/wp-config.php:1) in",
  "PHP Warning:  session_start(): Session cannot be started after headers have already been sent in",
];

/** A benign PHP notice/warning/deprecation with its file and line. */
export function phpMsg(ctx: Ctx): string {
  const { rng } = ctx;
  const key = rng.pick(["page", "lang", "sort", "ref", "utm_source", "HTTP_REFERER"]);
  return `${rng.pick(PHP_MSGS).replace("KEY", key)} ${docRoot(ctx)}/${
    rng.pick(PHP_FILES)
  } on line ${rng.int(12, 4800)}`;
}

function apacheBenign(ctx: Ctx): string {
  const { rng } = ctx;
  const v = rng.pick(APACHE_VERSIONS);
  const site = vhostName(ctx);
  const mpm = rng.weighted([["mpm_event", 3], ["mpm_prefork", 2], ["mpm_worker", 1]]);
  const resumeCode = mpm === "mpm_prefork" ? "AH00163" : "AH00489";
  const ref = rng.chance(0.5) ? `, referer: https://${site}/` : "";
  return rng.weighted<() => string>([
    [
      () =>
        apacheError(
          ctx,
          mpm,
          "notice",
          null,
          resumeCode,
          `${v} configured -- resuming normal operations`,
        ),
      3,
    ],
    [
      () =>
        apacheError(
          ctx,
          "core",
          "notice",
          null,
          "AH00094",
          `Command line: '/usr/sbin/${
            rng.pick(["apache2", "httpd -D FOREGROUND", "apache2 -k start"])
          }'`,
        ),
      2,
    ],
    [
      () =>
        apacheError(
          ctx,
          mpm,
          "notice",
          null,
          "AH00492",
          "caught SIGWINCH, shutting down gracefully",
        ),
      2,
    ],
    [() => apacheError(ctx, mpm, "notice", null, "AH00491", "caught SIGTERM, shutting down"), 1],
    [
      () =>
        apacheError(
          ctx,
          mpm,
          "notice",
          null,
          "AH00493",
          "SIGUSR1 received.  Doing graceful restart",
        ),
      1,
    ],
    [
      () =>
        apacheError(
          ctx,
          "core",
          "notice",
          null,
          "AH00171",
          "Graceful restart requested, doing restart",
        ),
      1,
    ],
    [
      () =>
        apacheError(
          ctx,
          "core",
          "alert",
          null,
          "AH00558",
          `${
            rng.pick(["apache2", "httpd"])
          }: Could not reliably determine the server's fully qualified domain name, using ${
            rng.pick(["127.0.1.1", "127.0.0.1", "::1", ctx.sc.dmz + rng.int(2, 40)])
          }. Set the 'ServerName' directive globally to suppress this message`,
        ),
      1,
    ],
    [
      () =>
        `AH00558: ${
          rng.pick(["apache2", "httpd"])
        }: Could not reliably determine the server's fully qualified domain name, using 127.0.1.1. Set the 'ServerName' directive globally to suppress this message`,
      1,
    ],
    [
      () =>
        apacheError(
          ctx,
          "ssl",
          "warn",
          null,
          "AH01909",
          `${site}:443:0 server certificate does NOT include an ID which matches the server name`,
        ),
      1,
    ],
    [
      () =>
        apacheError(
          ctx,
          "mpm_prefork",
          "error",
          null,
          "AH00161",
          "server reached MaxRequestWorkers setting, consider raising the MaxRequestWorkers setting",
        ),
      1,
    ],
    [
      () =>
        apacheError(
          ctx,
          "mpm_event",
          "error",
          null,
          "AH03490",
          "scoreboard is full, not at MaxRequestWorkers.Increase ServerLimit.",
        ),
      0.5,
    ],
    [
      () =>
        apacheError(
          ctx,
          "core",
          "info",
          clientIp(ctx),
          "AH00128",
          `File does not exist: ${docRoot(ctx)}/${
            rng.pick([
              "favicon.ico",
              "apple-touch-icon.png",
              "apple-touch-icon-precomposed.png",
              "robots.txt",
              "images/logo-old.png",
            ])
          }${ref}`,
        ),
      3,
    ],
    [
      () =>
        apacheError(
          ctx,
          "core",
          "error",
          clientIp(ctx),
          null,
          `File does not exist: ${docRoot(ctx)}/favicon.ico`,
        ),
      1,
    ],
    [
      () =>
        apacheError(
          ctx,
          rng.pick(["php7", "php", "php8"]),
          rng.pick(["notice", "warn"]),
          clientIp(ctx),
          null,
          phpMsg(ctx) + ref,
        ),
      3,
    ],
    [
      () =>
        apacheError(
          ctx,
          "proxy_fcgi",
          "error",
          clientIp(ctx),
          "AH01071",
          `Got error 'PHP message: ${phpMsg(ctx)}'${ref}`,
        ),
      2,
    ],
    [
      () =>
        apacheError(
          ctx,
          "reqtimeout",
          "info",
          clientIp(ctx),
          "AH01382",
          `Request header read timeout`,
        ),
      1,
    ],
    [
      () =>
        apacheError(
          ctx,
          "ssl",
          "info",
          clientIp(ctx),
          "AH01964",
          `Connection to child ${rng.int(0, 300)} established (server ${site}:443)`,
        ),
      1,
    ],
    [
      () =>
        apacheError(
          ctx,
          "proxy",
          "error",
          null,
          "AH00940",
          `HTTP: disabled connection for (127.0.0.1:${rng.pick([8080, 3000, 9000])})`,
        ),
      0.5,
    ],
  ])();
}

/** Benign Apache error-log templates. */
export const BENIGN_APACHE: Template[] = [
  { family: "apache_error", label: "benign", weight: 4, make: apacheBenign },
];
