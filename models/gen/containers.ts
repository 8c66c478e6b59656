/**
 * Log shippers wrap lines: Docker's json-file driver, journald's JSON export, Filebeat/ECS
 * documents, GELF, the Kubernetes CRI prefix, a relaying syslog daemon. The corpus wraps a share
 * of every class this way, so the model learns to read inside them.
 *
 * @module
 */
import { bsdTime, isoTime } from "./format.ts";
import type { Ctx } from "./types.ts";

const PATHS = [
  "/var/log/syslog",
  "/var/log/auth.log",
  "/var/log/nginx/access.log",
  "/var/log/messages",
  "/var/log/apache2/access.log",
  "/var/log/secure",
];

/** Wraps `line` as one of the shippers would write it (chosen at random). */
export function wrapInContainer(ctx: Ctx, line: string): string {
  const { rng, sc, now } = ctx;
  const esc = JSON.stringify(line);
  const host = rng.pick(Object.values(sc.hosts));
  const us = String(now.getTime()) + String(rng.int(0, 999)).padStart(3, "0");
  switch (rng.int(0, 5)) {
    case 0:
      return `{"log":${JSON.stringify(line + "\n")},"stream":"${
        rng.pick(["stdout", "stderr"])
      }","time":"${isoTime(now, "+0000", true)}"}`;
    case 1:
      return `{"__REALTIME_TIMESTAMP":"${us}","_HOSTNAME":"${host}","PRIORITY":"${
        rng.int(3, 6)
      }","_TRANSPORT":"${rng.pick(["syslog", "stdout", "journal"])}","MESSAGE":${esc}}`;
    case 2:
      return `{"@timestamp":"${now.toISOString()}","message":${esc},"host":{"name":"${host}"},"log":{"file":{"path":"${
        rng.pick(PATHS)
      }"}},"agent":{"type":"filebeat"}}`;
    case 3:
      return `{"version":"1.1","host":"${host}","short_message":${esc},"timestamp":${
        (now.getTime() / 1000).toFixed(3)
      },"level":${rng.int(3, 6)}}`;
    case 4:
      return `${
        now.toISOString().replace("Z", String(rng.int(0, 999999)).padStart(6, "0") + "Z")
      } ${rng.pick(["stdout", "stderr"])} F ${line}`;
    default:
      return `${bsdTime(now)} ${
        rng.pick(["relay01", "loghost", "syslog-fwd", "collector"])
      } ${line}`;
  }
}
