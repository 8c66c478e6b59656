/**
 * The small PHP web application the lab's Apache serves: a product page with a real
 * (injectable) SQL query against MariaDB, a search that echoes its input, a page viewer that
 * reads files by name, a login that logs failures, an unrestricted upload form and a CGI
 * status script; plus static pages and the nginx intranet's pages.
 *
 * @module
 */

/** The database schema and the web application's account. */
export function schemaSql(dbPassword: string, users: { name: string; password: string }[]): string {
  return [
    "CREATE DATABASE IF NOT EXISTS shop;",
    `CREATE USER IF NOT EXISTS 'webapp'@'localhost' IDENTIFIED BY '${dbPassword}';`,
    "GRANT SELECT, INSERT ON shop.* TO 'webapp'@'localhost';",
    "USE shop;",
    "CREATE TABLE products (id INT PRIMARY KEY, name VARCHAR(64), price DECIMAL(8,2), descr TEXT);",
    "INSERT INTO products VALUES (1,'Desk lamp',24.90,'LED, warm white'),(2,'Office chair',189.00,'mesh back')," +
    "(3,'Monitor arm',59.50,'for 27 inch'),(4,'Notebook stand',32.00,'aluminium');",
    "CREATE TABLE accounts (name VARCHAR(32) PRIMARY KEY, pass VARCHAR(64));",
    `INSERT INTO accounts VALUES ${
      users.map((u) => `('${u.name}', SHA2('${u.password}', 256))`).join(",")
    };`,
    "",
  ].join("\n");
}

const HEAD =
  '<?php $db = new mysqli("localhost", "webapp", trim(file_get_contents("/etc/lab/dbpass")), "shop"); ?>';

/** PHP and static files of the Apache site: path under /var/www/html → content. */
export function siteFiles(company: string): Record<string, string> {
  const page = (title: string, body: string) =>
    `<!doctype html><html><head><title>${title} - ${company}</title>` +
    `<link rel="stylesheet" href="/css/site.css"></head><body><h1>${title}</h1>${body}</body></html>\n`;
  return {
    "index.php": `${HEAD}\n<?php $r = $db->query("SELECT id, name FROM products ORDER BY id");
echo "<h1>${company}</h1><ul>"; while ($p = $r->fetch_assoc()) {
  echo "<li><a href='/products.php?id={$p['id']}'>" . htmlspecialchars($p['name']) . "</a></li>"; }
echo "</ul>"; ?>\n`,
    "products.php": `${HEAD}\n<?php $id = $_GET['id'] ?? '1';
$r = $db->query("SELECT id, name, price, descr FROM products WHERE id = " . $id);
while ($p = $r->fetch_assoc()) { echo "<h2>{$p['name']}</h2><p>{$p['price']} EUR: {$p['descr']}</p>"; } ?>\n`,
    "search.php": `${HEAD}\n<?php $q = $_GET['q'] ?? ''; echo "<p>Results for " . $q . "</p>";
$s = $db->prepare("SELECT name FROM products WHERE name LIKE ?"); $like = "%$q%";
$s->bind_param("s", $like); $s->execute(); foreach ($s->get_result() as $p) echo "<li>{$p['name']}</li>"; ?>\n`,
    "view.php": `<?php $page = $_GET['page'] ?? 'about.html';
$c = @file_get_contents(__DIR__ . "/pages/" . $page);
if ($c === false) { http_response_code(404); error_log("view.php: no such page " . $page); } else echo $c; ?>\n`,
    "login.php": `${HEAD}\n<?php if ($_SERVER['REQUEST_METHOD'] === 'POST') {
  $s = $db->prepare("SELECT 1 FROM accounts WHERE name = ? AND pass = SHA2(?, 256)");
  $s->bind_param("ss", $_POST['user'], $_POST['pass']); $s->execute();
  if ($s->get_result()->num_rows) { echo "welcome"; } else { error_log("login failed for user " . $_POST['user']); http_response_code(401); }
} else { echo '<form method=post><input name=user><input name=pass type=password></form>'; } ?>\n`,
    "upload.php": `<?php if (!empty($_FILES['file'])) {
  $dst = __DIR__ . "/uploads/" . basename($_FILES['file']['name']);
  move_uploaded_file($_FILES['file']['tmp_name'], $dst); echo "stored " . basename($dst);
} else { echo '<form method=post enctype=multipart/form-data><input type=file name=file></form>'; } ?>\n`,
    "about.html": page("About us", "<p>We sell office furniture since 1998.</p>"),
    "contact.html": page("Contact", "<p>Write to info@ our domain.</p>"),
    "pages/about.html": page("About", "<p>Company history.</p>"),
    "pages/faq.html": page("FAQ", "<p>Shipping takes 3 days.</p>"),
    "css/site.css": "body { font-family: sans-serif; margin: 2em; }\n",
    "js/app.js": "document.addEventListener('DOMContentLoaded', () => console.log('ready'));\n",
    "img/logo.png": "PNG placeholder\n",
    "robots.txt": "User-agent: *\nDisallow: /uploads/\n",
    "downloads/handbook.pdf": "%PDF-1.4 placeholder\n",
    "uploads/.keep": "",
  };
}

/** The CGI status script (bash: the target shellshock probes aim at). */
export const STATUS_CGI = '#!/bin/bash\necho "Content-Type: text/plain"\necho\nuptime\n';

/** The nginx intranet's static pages. */
export function intranetFiles(company: string): Record<string, string> {
  const page = (t: string) =>
    `<!doctype html><title>${t}</title><h1>${company} intranet: ${t}</h1>\n`;
  return {
    "index.html": page("Start"),
    "docs/index.html": page("Documents"),
    "docs/onboarding.html": page("Onboarding"),
    "docs/vpn.html": page("VPN"),
    "wiki/Start": page("Wiki"),
  };
}
