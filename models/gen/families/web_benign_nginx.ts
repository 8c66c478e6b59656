/**
 * Benign nginx error-log lines: upstream trouble, closed connections, missing benign files,
 * lifecycle notices.
 *
 * @module
 */
import { FILE_NAMES } from "../pools.ts";
import type { Ctx, Template } from "../types.ts";
import { phpMsg } from "./web_benign_err.ts";
import { clientIp, docRoot, nginxError, vhostName } from "./web_pools.ts";

function nginxBenign(ctx: Ctx): string {
  const { rng } = ctx;
  const ip = clientIp(ctx);
  const api = rng.pick([
    "/api/reports/export",
    "/api/v1/search",
    "/index.php",
    "/wp-admin/admin-ajax.php",
    "/graphql",
  ]);
  const up = rng.pick([
    "http://127.0.0.1:8080",
    "http://127.0.0.1:3000",
    "http://unix:/run/gunicorn.sock:",
    "fastcgi://unix:/run/php/php8.1-fpm.sock:",
  ]);
  return rng.weighted<() => string>([
    [
      () =>
        nginxError(
          ctx,
          "error",
          "upstream timed out (110: Connection timed out) while reading response header from upstream",
          ip,
          `GET ${api} HTTP/1.1`,
          `, upstream: "${up}${api}"`,
        ),
      3,
    ],
    [
      () =>
        nginxError(
          ctx,
          "info",
          "client closed connection while waiting for request",
          null,
          null,
          `, client: ${ip}, server: 0.0.0.0:${rng.pick([80, 443])}`,
        ),
      2,
    ],
    [
      () =>
        nginxError(
          ctx,
          "info",
          "client prematurely closed connection while sending response to client",
          ip,
          `GET /downloads/${rng.pick(FILE_NAMES)} HTTP/1.1`,
        ),
      1,
    ],
    [
      () =>
        nginxError(
          ctx,
          "error",
          `open() "${docRoot(ctx)}/${
            rng.pick([
              "favicon.ico",
              "apple-touch-icon.png",
              "apple-touch-icon-precomposed.png",
              "ads.txt",
              "images/banner-2019.jpg",
            ])
          }" failed (2: No such file or directory)`,
          ip,
          "GET /favicon.ico HTTP/1.1",
          rng.chance(0.5) ? `, referrer: "https://${vhostName(ctx)}/"` : "",
        ),
      3,
    ],
    [
      () =>
        nginxError(
          ctx,
          "error",
          "connect() failed (111: Connection refused) while connecting to upstream",
          ip,
          `GET ${api} HTTP/1.1`,
          `, upstream: "${up}${api}"`,
        ),
      2,
    ],
    [
      () =>
        nginxError(
          ctx,
          "warn",
          `an upstream response is buffered to a temporary file /var/cache/nginx/proxy_temp/${
            rng.int(1, 9)
          }/0${rng.int(0, 9)}/00000${rng.int(10000, 99999)} while reading upstream`,
          ip,
          `GET ${api} HTTP/1.1`,
          `, upstream: "${up}${api}"`,
        ),
      1,
    ],
    [
      () =>
        nginxError(
          ctx,
          "error",
          `FastCGI sent in stderr: "PHP message: ${
            phpMsg(ctx)
          }" while reading response header from upstream`,
          ip,
          `GET /index.php HTTP/1.1`,
          `, upstream: "fastcgi://unix:/run/php/php${rng.pick(["7.4", "8.1", "8.2"])}-fpm.sock:"`,
        ),
      2,
    ],
    [
      () =>
        nginxError(
          ctx,
          "notice",
          rng.pick([
            "signal process started",
            'using the "epoll" event method',
            `start worker process ${rng.int(20, 9000)}`,
            `nginx/${rng.pick(["1.18.0", "1.22.1", "1.24.0", "1.25.3"])}`,
            "gracefully shutting down",
            "exiting",
            "signal 1 (SIGHUP) received from 1, reconfiguring",
            "reconfiguring",
          ]),
          null,
          null,
        ),
      2,
    ],
    [
      () =>
        nginxError(
          ctx,
          "warn",
          `conflicting server name "${vhostName(ctx)}" on 0.0.0.0:80, ignored`,
          null,
          null,
        ),
      0.5,
    ],
    [
      () =>
        nginxError(
          ctx,
          "info",
          "SSL_do_handshake() failed (SSL: error:0A000126:SSL routines::unexpected eof while reading) while SSL handshaking",
          null,
          null,
          `, client: ${ip}, server: 0.0.0.0:443`,
        ),
      1,
    ],
    [
      () =>
        nginxError(
          ctx,
          "warn",
          `a client request body is buffered to a temporary file /var/lib/nginx/body/00000000${
            rng.int(10, 99)
          }`,
          ip,
          `POST /remote.php/dav/uploads/${rng.pick(ctx.sc.users)}/${
            rng.int(1000, 9999)
          }/00000 HTTP/1.1`,
        ),
      1,
    ],
  ])();
}

/** Benign nginx error-log templates. */
export const BENIGN_NGINX: Template[] = [
  { family: "nginx_error", label: "benign", weight: 3, make: nginxBenign },
];
