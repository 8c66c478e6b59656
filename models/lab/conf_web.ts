/**
 * Web server configuration in the server's private /etc and /var/www: Apache with mod_php and
 * mod_cgi on the server address (the scenario's LogFormat), nginx as the intranet on port
 * 8080, the PHP application and its MariaDB schema.
 *
 * @module
 */
import type { Plan } from "./plan.ts";
import { must } from "./proc.ts";
import { intranetFiles, schemaSql, siteFiles, STATUS_CGI } from "./webapp.ts";

async function writeTree(base: string, files: Record<string, string>): Promise<void> {
  for (const [path, text] of Object.entries(files)) {
    await Deno.mkdir(`${base}/${path}`.replace(/\/[^/]*$/, ""), { recursive: true });
    await Deno.writeTextFile(`${base}/${path}`, text);
  }
}

function vhost(p: Plan): string {
  return [
    `<VirtualHost ${p.srvIp}:80>`,
    `  ServerName www.${p.domain}`,
    `  ServerAlias ${p.srvHost}.${p.domain}`,
    "  DocumentRoot /var/www/html",
    "  ScriptAlias /cgi-bin/ /usr/lib/cgi-bin/",
    "  ErrorLog ${APACHE_LOG_DIR}/error.log",
    `  CustomLog \${APACHE_LOG_DIR}/access.log ${p.scenario.apacheLog}`,
    "</VirtualHost>",
    "",
  ].join("\n");
}

function nginxConf(p: Plan): string {
  return `user www-data;
worker_processes 1;
pid /run/nginx.pid;
error_log /var/log/nginx/error.log;
events { worker_connections 256; }
http {
  include /etc/nginx/mime.types;
  access_log /var/log/nginx/access.log;
  server_tokens on;
  server {
    listen ${p.srvIp}:8080;
    server_name intranet.${p.domain};
    root /var/www/intranet;
    index index.html;
    location = /status { default_type text/plain; return 200 "ok\\n"; }
    location /private/ { deny all; }
  }
}
`;
}

/** Writes Apache, nginx, the site, the CGI script and the database schema. */
export async function writeWeb(root: string, p: Plan): Promise<void> {
  const etc = `${root}/etc`, a = `${etc}/apache2`;
  await Deno.writeTextFile(`${a}/ports.conf`, `Listen ${p.srvIp}:80\n`);
  await Deno.writeTextFile(`${a}/sites-available/000-default.conf`, vhost(p));
  await Deno.writeTextFile(
    `${a}/conf-available/servername.conf`,
    `ServerName ${p.srvHost}.${p.domain}\n`,
  );
  await Deno.symlink("../conf-available/servername.conf", `${a}/conf-enabled/servername.conf`);
  await Deno.remove(`${a}/conf-enabled/other-vhosts-access-log.conf`).catch(() => {});
  for (const m of ["cgi.load"]) {
    await Deno.symlink(`../mods-available/${m}`, `${a}/mods-enabled/${m}`).catch(() => {});
  }
  await Deno.writeTextFile(`${etc}/nginx/nginx.conf`, nginxConf(p));
  // An admin's half-edited test config: `apachectl -t -f` on it fails (a benign error).
  await Deno.writeTextFile(
    `${a}/broken.conf`,
    "ServerRoot /etc/apache2\nListen 80\n<VirtualHost *:80>\n",
  );
  const company = p.domain.split(".")[0].replace(/^./, (c) => c.toUpperCase()) + " GmbH";
  await writeTree(`${root}/www/html`, siteFiles(company));
  await writeTree(`${root}/www/intranet`, intranetFiles(company));
  await must(["chown", "-R", "www-data:www-data", `${root}/www/html/uploads`]);
  await Deno.mkdir(`${root}/cgi-bin`, { recursive: true });
  await Deno.writeTextFile(`${root}/cgi-bin/status.sh`, STATUS_CGI, { mode: 0o755 });
  const dbPass = `db-${p.seed}-${p.rng.int(1000, 9999)}`;
  await Deno.writeTextFile(`${etc}/lab/dbpass`, dbPass + "\n", { mode: 0o644 });
  await Deno.writeTextFile(
    `${etc}/lab/schema.sql`,
    schemaSql(dbPass, p.accounts),
  );
}
