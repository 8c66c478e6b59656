/**
 * Benign application logs on hosts: container runtimes, kubelet, databases, structured JSON app
 * logs and Java stack traces.
 *
 * @module
 */
import type { Ctx, Template } from "../types.ts";
import { isoTime } from "../format.ts";
import { anyHost, hostLanIp } from "./host_common.ts";
import { sys } from "./host_sys.ts";

const API = [
  "/api/v1/orders",
  "/api/v1/users/me",
  "/api/v2/items",
  "/healthz",
  "/api/login",
  "/api/v1/reports/daily",
  "/metrics",
  "/graphql",
  "/api/v1/cart/items",
  "/readyz",
];
const MSGS = [
  "request completed",
  "request finished",
  "handled request",
  "incoming request",
  "served",
];
const SVCS = [
  "orders-api",
  "billing",
  "auth-service",
  "gateway",
  "inventory",
  "notifier",
  "frontend-bff",
  "scheduler",
];

function dur(ctx: Ctx): number {
  return ctx.rng.weighted([[ctx.rng.int(1, 40), 6], [ctx.rng.int(40, 900), 3], [
    ctx.rng.int(900, 8000),
    1,
  ]]);
}

function appJson(ctx: Ctx): string {
  const { rng } = ctx;
  const method = rng.weighted([["GET", 6], ["POST", 2], ["PUT", 1], ["DELETE", 1]]);
  const path = rng.pick(API),
    status = rng.weighted([[200, 10], [201, 2], [204, 1], [304, 1], [400, 1], [401, 1], [404, 1], [
      500,
      1,
    ]]);
  const ms = dur(ctx), ip = rng.chance(0.6) ? hostLanIp(ctx) : rng.publicIp();
  const lvl = status >= 500 ? "error" : status >= 400 ? "warn" : "info";
  const epoch = ctx.now.getTime() / 1000;
  return rng.weighted<() => string>([
    [
      () =>
        JSON.stringify({
          level: lvl,
          ts: epoch,
          caller: `http/server.go:${rng.int(40, 300)}`,
          msg: rng.pick(MSGS),
          method,
          path,
          status,
          duration_ms: ms,
          remote_ip: ip,
        }),
      3,
    ],
    [() =>
      JSON.stringify({
        level: rng.pick([30, 30, 40, 50]),
        time: ctx.now.getTime(),
        pid: rng.int(10, 9000),
        hostname: anyHost(ctx),
        req: { id: rng.int(1, 99999), method, url: path, remoteAddress: ip },
        res: { statusCode: status },
        responseTime: ms,
        msg: "request completed",
      }), 3],
    [() =>
      JSON.stringify({
        timestamp: ctx.now.toISOString(),
        level: lvl.toUpperCase(),
        logger: `${rng.pick(SVCS)}.access`,
        message: `${method} ${path} ${status}`,
        request_id: `${rng.hex(8)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(12)}`,
        duration: ms / 1000,
        user_id: rng.int(1, 90000),
      }), 2],
    [() =>
      JSON.stringify({
        time: isoTime(ctx.now, ctx.sc.tz, true),
        level: lvl.toUpperCase(),
        msg: rng.pick([
          "connected to database",
          "cache warmed",
          "job finished",
          "config reloaded",
          "worker started",
        ]),
        service: rng.pick(SVCS),
        version: `1.${rng.int(0, 30)}.${rng.int(0, 9)}`,
        elapsed: `${ms}ms`,
      }), 2],
    [() =>
      JSON.stringify({
        "@timestamp": ctx.now.toISOString(),
        "log.level": lvl,
        message: `Completed ${status} in ${ms}ms`,
        "service.name": rng.pick(SVCS),
        "http.request.method": method,
        "url.path": path,
        "http.response.status_code": status,
        "ecs.version": "1.6.0",
      }), 2],
    [
      () =>
        `${ctx.now.toISOString()} ${lvl.toUpperCase()} ${rng.int(1, 99999)} --- [nio-8080-exec-${
          rng.int(1, 20)
        }] o.s.web.servlet.DispatcherServlet        : Completed initialization in ${
          rng.int(1, 30)
        } ms`,
      1,
    ],
    [
      () =>
        `${ctx.now.toISOString().replace("T", " ").slice(0, 23)} INFO [${
          rng.pick(SVCS)
        }] ${method} ${path} -> ${status} (${ms} ms)`,
      1,
    ],
  ])();
}

const JAVA_EX = [
  'java.lang.NullPointerException: Cannot invoke "String.length()" because "s" is null',
  "java.net.SocketTimeoutException: Read timed out",
  "java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available, request timed out after 30000ms.",
  "org.springframework.dao.DataIntegrityViolationException: could not execute statement",
  "java.io.IOException: Broken pipe",
  "java.lang.IllegalStateException: Request processing failed",
  "java.util.concurrent.TimeoutException",
];
const FRAMES = [
  "at com.acme.orders.OrderService.create(OrderService.java:142)",
  "at org.apache.catalina.core.ApplicationFilterChain.doFilter(ApplicationFilterChain.java:166)",
  "at java.base/java.lang.Thread.run(Thread.java:840)",
  "at com.zaxxer.hikari.pool.HikariPool.getConnection(HikariPool.java:181)",
  "at org.springframework.web.servlet.FrameworkServlet.processRequest(FrameworkServlet.java:1014)",
  "at sun.nio.ch.SocketDispatcher.write0(Native Method)",
];

const dockerTpls: Template[] = [
  sys("dockerd", 2, "dockerd", "daemon", true, (c) => {
    const { rng } = c;
    const t = isoTime(c.now, "+0000", true).replace("+00:00", "Z").replace(
      /(\.\d{6})/,
      `$1${rng.int(100, 999)}`,
    );
    return `time="${t}" level=${rng.pick(["info", "info", "info", "warning"])} msg=${
      rng.pick([
        '"ignoring event"',
        '"Loading containers: done."',
        '"Daemon has completed initialization"',
        '"API listen on /run/docker.sock"',
        '"Container failed to exit within 10s of signal 15 - using the force"',
        '"cleaning up dead shim"',
        `"Processing signal 'terminated'"`,
        `"Docker daemon" commit=${rng.hex(7)} graphdriver=overlay2 version=${rng.int(20, 27)}.${
          rng.int(0, 1)
        }.${rng.int(0, 9)}`,
      ])
    }${
      rng.chance(0.4)
        ? ` container=${
          rng.hex(64)
        } module=libcontainerd namespace=moby topic=/tasks/delete type="*events.TaskDelete"`
        : ""
    }`;
  }),
  sys("containerd", 2, "containerd", "daemon", true, (c) => {
    const { rng } = c;
    const t = isoTime(c.now, "+0000", true).replace("+00:00", "Z");
    return `time="${t}" level=info msg=${
      rng.pick([
        '"loading plugin \\"io.containerd.runtime.v2.task\\"..." type=io.containerd.runtime.v2',
        '"shim disconnected"',
        '"cleaning up after shim disconnected"',
        '"starting signal loop"',
        '"serving..." address=/run/containerd/containerd.sock',
        `"containerd successfully booted in 0.0${rng.int(10, 99)}s"`,
        `"StopPodSandbox for \\"${rng.hex(64)}\\" returns successfully"`,
        `"PullImage \\"registry.k8s.io/pause:3.9\\" returns image reference"`,
      ])
    }${rng.chance(0.5) ? ` id=${rng.hex(64)} namespace=${rng.pick(["moby", "k8s.io"])}` : ""}`;
  }),
  sys("kubelet", 2, "kubelet", "daemon", true, (c) => {
    const { rng } = c;
    const pod = `${rng.pick(SVCS)}-${rng.hex(9)}-${rng.alnum(5).toLowerCase()}`;
    const ts = `I${String(c.now.getUTCMonth() + 1).padStart(2, "0")}${
      String(c.now.getUTCDate()).padStart(2, "0")
    } ${c.now.toISOString().slice(11, 23)}000`;
    return `${ts} ${rng.int(500, 9000)} ${
      rng.pick([
        `kubelet.go:${rng.int(1000, 2900)}] "SyncLoop UPDATE" source="api" pods=["default/${pod}"]`,
        `pod_startup_latency_tracker.go:102] "Observed pod startup duration" pod="default/${pod}" podStartSLOduration=${
          rng.int(1, 60)
        }.${rng.int(100, 999)}`,
        `reconciler_common.go:${
          rng.int(150, 300)
        }] "operationExecutor.MountVolume started for volume \\"kube-api-access-${
          rng.alnum(5).toLowerCase()
        }\\"" pod="default/${pod}"`,
        `kuberuntime_container.go:${
          rng.int(700, 800)
        }] "Killing container with a grace period" pod="default/${pod}" containerName="app" gracePeriod=30`,
        `prober.go:107] "Probe failed" probeType="Readiness" pod="default/${pod}" podUID="${
          rng.hex(8)
        }-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(4)}-${
          rng.hex(12)
        }" containerName="app" probeResult="failure" output="Get \\"http://${
          hostLanIp(c)
        }:8080/readyz\\": dial tcp ${hostLanIp(c)}:8080: connect: connection refused"`,
      ])
    }`;
  }),
];

const dbTpls: Template[] = [
  {
    family: "postgresql",
    label: "benign",
    weight: 2,
    make: (c) => {
      const { rng } = c;
      const t = `${c.now.toISOString().replace("T", " ").slice(0, 23)} ${
        rng.pick(["UTC", "CET", "EST"])
      }`;
      const u = rng.pick(["app", "postgres", "grafana", "keycloak", "nextcloud"]);
      return `${t} [${rng.int(300, 90000)}] ${
        rng.pick([
          "LOG:  database system is ready to accept connections",
          "LOG:  checkpoint starting: time",
          `LOG:  checkpoint complete: wrote ${rng.int(1, 9000)} buffers (${rng.int(0, 30)}.${
            rng.int(0, 9)
          }%); 0 WAL file(s) added, 0 removed, ${rng.int(0, 3)} recycled; write=${
            rng.int(1, 270)
          }.${rng.int(100, 999)} s, sync=0.0${rng.int(10, 99)} s, total=${rng.int(1, 270)}.${
            rng.int(100, 999)
          } s`,
          `${u}@${u} LOG:  connection authorized: user=${u} database=${u} application_name=psql`,
          `LOG:  starting PostgreSQL 15.${rng.int(2, 8)} (Debian 15.${
            rng.int(2, 8)
          }-0+deb12u1) on x86_64-pc-linux-gnu, compiled by gcc (Debian 12.2.0-14) 12.2.0, 64-bit`,
          `LOG:  listening on IPv4 address "0.0.0.0", port 5432`,
          `LOG:  automatic vacuum of table "${u}.public.sessions": index scans: 1`,
          `${u}@${u} ERROR:  duplicate key value violates unique constraint "users_email_key"`,
          `LOG:  received fast shutdown request`,
        ])
      }`;
    },
  },
  {
    family: "mysql",
    label: "benign",
    weight: 1,
    make: (c) => {
      const { rng } = c;
      return `${c.now.toISOString().replace("Z", "")}${rng.int(100, 999)}Z ${rng.int(0, 90)} ${
        rng.pick([
          "[System] [MY-010931] [Server] /usr/sbin/mysqld: ready for connections. Version: '8.0.36'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  MySQL Community Server - GPL.",
          "[System] [MY-013172] [Server] Received SHUTDOWN from user <via user signal>. Shutting down mysqld (Version: 8.0.36).",
          "[Warning] [MY-010068] [Server] CA certificate ca.pem is self signed.",
          "[Note] [MY-010051] [Server] Event Scheduler: scheduler thread started with id 5",
          `[Warning] [MY-010055] [Server] IP address '${
            hostLanIp(c)
          }' could not be resolved: Name or service not known`,
          "[System] [MY-010116] [Server] /usr/sbin/mysqld (mysqld 8.0.36) starting as process 1",
        ])
      }`;
    },
  },
  sys("mariadb", 1, "mariadbd", "daemon", true, (c) =>
    c.rng.pick([
      "[Note] InnoDB: Buffer pool(s) load completed at " +
      c.now.toISOString().slice(2, 19).replace("T", " ").replaceAll("-", ""),
      "[Note] /usr/sbin/mariadbd: ready for connections.",
      "[Note] InnoDB: Starting shutdown...",
      "[Note] Server socket created on IP: '127.0.0.1'.",
      `[Warning] Aborted connection ${
        c.rng.int(10, 99999)
      } to db: 'wordpress' user: 'wp' host: 'localhost' (Got timeout reading communication packets)`,
    ])),
];

const appTpls: Template[] = [
  { family: "app_json", label: "benign", weight: 5, make: appJson },
  {
    family: "java",
    label: "benign",
    weight: 2,
    make: (c) => {
      const { rng } = c;
      return rng.weighted<() => string>([
        [
          () =>
            `${c.now.toISOString().replace("T", " ").slice(0, 23)} ERROR ${rng.int(1, 9999)} --- [${
              rng.pick(["main", "http-nio-8080-exec-3", "scheduling-1", "HikariPool-1 housekeeper"])
            }] ${
              rng.pick([
                "o.a.c.c.C.[.[.[/].[dispatcherServlet]",
                "c.a.o.OrderService",
                "o.h.engine.jdbc.spi.SqlExceptionHelper",
              ])
            } : ${rng.pick(JAVA_EX)}`,
          3,
        ],
        [
          () =>
            `Exception in thread "${rng.pick(["main", "pool-1-thread-2", "Timer-0"])}" ${
              rng.pick(JAVA_EX)
            }`,
          2,
        ],
        [() => `\t${rng.pick(FRAMES)}`, 2],
        [() => `Caused by: ${rng.pick(JAVA_EX)}`, 1],
      ])();
    },
  },
];

/** Benign application templates on hosts. */
export const APP_TEMPLATES: Template[] = [...dockerTpls, ...dbTpls, ...appTpls];
