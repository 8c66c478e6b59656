/**
 * Benign path builders for the web access templates: static assets, WordPress, Nextcloud, Horde,
 * shops, APIs.
 *
 * @module
 */
import { FILE_NAMES } from "../pools.ts";
import { urlEncodeQuery } from "../rng.ts";
import type { Ctx } from "../types.ts";
import { vhostName, words } from "./web_pools.ts";

/** Static asset paths of the usual web apps. */
export const STATIC = words(`
  /wp-content/themes/astra/assets/js/minified/frontend.min.js?ver=4.6.3
  /wp-content/plugins/elementor/assets/css/frontend.min.css?ver=3.18.3
  /wp-includes/css/dist/block-library/style.min.css?ver=6.4.2 /wp-includes/js/wp-emoji-release.min.js?ver=6.4.2
  /wp-content/plugins/contact-form-7/includes/js/index.js?ver=5.8.4 /static/js/main.8f3c2a91.chunk.js
  /assets/application-5d2c1e9f0b7a.css /_next/static/chunks/pages/_app-4b9e0f6c1d2a3e5f.js
  /core/img/logo/logo.svg?v=1 /apps/theming/css/default.css?v=9c2f1e7a-0 /dist/core-main.js?v=3f1a9c0d-0
  /horde/themes/default/graphics/horde-logo.png /horde/js/prototype.js?v=3b1e2d /img/products/thumb/8842.webp
  /images/hero@2x.jpg /css/bootstrap.min.css /js/jquery-3.6.0.min.js /fonts/fa-solid-900.woff2
  /skins/elastic/styles/styles.min.css?s=1700000000 /static/admin/css/base.css /favicon-32x32.png
  /media/catalog/product/cache/1/small_image/240x300/9df78eab33525d08d6e5fb8d27136e95/s/h/shoe.jpg`);

/** Benign search terms (some share words with SQL or shell syntax). */
export const SEARCHES = [
  "holiday schedule 2024",
  "union station parking",
  "select committee report",
  "how to reset my password",
  "C++ developer jobs",
  "o'reilly books",
  "drop shipping",
  "script writing workshop",
  "table & chairs",
  '"annual report" pdf',
  "sleep apnea clinic",
  "order by date",
  "50% off",
  "café münchen",
  "passwd change help",
  "admin assistant vacancy",
  "null pointer exception",
  "where is my order",
  "echo dot",
];

/** A WordPress page, REST or admin path. */
export function wpPath(ctx: Ctx): string {
  const { rng } = ctx;
  return rng.pick([
    `/${rng.int(2015, 2025)}/${String(rng.int(1, 12)).padStart(2, "0")}/${
      rng.pick(words("welcome-to-our-new-site quarterly-update team-offsite product-launch hiring"))
    }/`,
    `/?p=${rng.int(1, 9000)}`,
    `/?page_id=${rng.int(1, 900)}`,
    `/wp-json/wp/v2/pages?per_page=${rng.int(5, 100)}&_fields=id,title,link`,
    `/wp-json/wp/v2/media/${rng.int(10, 9999)}`,
    `/wp-json/oembed/1.0/embed?url=https%3A%2F%2F${vhostName(ctx)}%2Fabout%2F`,
    "/wp-admin/edit.php?post_type=page",
    `/wp-admin/post.php?post=${rng.int(1, 9000)}&action=edit`,
    "/wp-admin/upload.php",
    `/wp-content/uploads/${rng.int(2016, 2025)}/${String(rng.int(1, 12)).padStart(2, "0")}/${
      rng.pick(FILE_NAMES)
    }`,
    "/xmlrpc.php?rsd",
    "/feed/",
    "/comments/feed/",
  ]);
}

/** A path of Nextcloud, Horde, Roundcube, shops, JSON APIs, CI and mail apps. */
export function appPath(ctx: Ctx): string {
  const { rng, sc } = ctx;
  const u = rng.pick(sc.users);
  return rng.pick([
    `/index.php/apps/files/?dir=/${
      rng.pick(["Documents", "Photos", "Shared", "Projects"])
    }&fileid=${rng.int(100, 99999)}`,
    `/ocs/v2.php/apps/files_sharing/api/v1/shares?format=json&path=%2F${rng.pick(FILE_NAMES)}`,
    `/remote.php/dav/files/${u}/${rng.pick(FILE_NAMES)}`,
    "/status.php",
    `/index.php/core/preview?fileId=${rng.int(100, 99999)}&x=250&y=250&a=true`,
    `/horde/imp/view.php?actionID=view_attach&id=2&muid=${rng.int(1, 900)}INBOX&view_token=${
      rng.alnum(22)
    }`,
    "/horde/services/ajax.php/imp/viewPort",
    "/horde/services/portal/",
    `/horde/kronolith/?date=${rng.int(2019, 2025)}0${rng.int(1, 9)}${rng.int(10, 28)}`,
    `/roundcube/?_task=mail&_action=show&_uid=${rng.int(1, 9999)}&_mbox=INBOX`,
    `/product/${
      rng.pick(words("blue-t-shirt running-shoes coffee-mug laptop-stand desk-lamp"))
    }/?utm_source=${rng.pick(words("newsletter facebook google instagram"))}&utm_medium=${
      rng.pick(words("email cpc social"))
    }&utm_campaign=${rng.pick(words("spring_sale bf2023 launch retarget"))}`,
    `/?gclid=${rng.alnum(60)}`,
    `/shop/?fbclid=IwAR${rng.alnum(40)}`,
    `/cart/?add-to-cart=${rng.int(10, 9999)}&quantity=${rng.int(1, 4)}`,
    `/checkout/order-received/${rng.int(1000, 99999)}/?key=wc_order_${rng.alnum(13)}`,
    `/api/v2/orders?filter=${
      urlEncodeQuery(JSON.stringify({ status: "open", page: rng.int(1, 9) }))
    }`,
    `/api/search?query=${urlEncodeQuery(JSON.stringify({ term: rng.pick(SEARCHES), limit: 20 }))}`,
    `/graphql?operationName=GetUser&variables=%7B%22id%22%3A${rng.int(1, 9999)}%7D`,
    `/api/v1/reports/${rng.hex(8)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(12)}`,
    `/jenkins/job/${rng.pick(words("deploy build nightly"))}/${rng.int(1, 900)}/console`,
    `/grafana/d/${rng.alnum(9)}/node-exporter?orgId=1&refresh=30s`,
    `/owa/service.svc?action=GetItem&app=Mail&n=${rng.int(1, 99)}`,
    `/Microsoft-Server-ActiveSync?Cmd=Sync&User=${u}&DeviceId=${
      rng.hex(32).toUpperCase()
    }&DeviceType=iPhone`,
  ]);
}
