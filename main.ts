/**
 * @module `deno task start`: reads the config, opens KV, starts the classify workers (or
 * the in-process consumer with --no-workers), the syslog listeners, the file watchers and
 * the HTTP server; shuts down gracefully on SIGINT/SIGTERM (stop listeners, flush batches,
 * let workers finish). Prints one JSON line with the bound addresses once ready.
 */
import { Hono } from "hono";
import { Batcher } from "./lib/queue/batcher.ts";
import { assertCidrs } from "./lib/core/cidr.ts";
import { Classifier } from "./lib/classify/classifier.ts";
import { type Config, loadConfig } from "./lib/core/config.ts";
import { consumeQueue } from "./lib/classify/consumer.ts";
import { pruneCounters } from "./lib/store/detections.ts";
import { watchFiles } from "./lib/ingest/file/ingest.ts";
import { queueState } from "./lib/queue/queue.ts";
import { startSyslog } from "./lib/ingest/syslog/server.ts";
import { createApi } from "./routes/api.ts";
import { health } from "./routes/health.ts";
import { createBoard } from "./routes/board.ts";
import { kvBoardData } from "./routes/board/kv_data.ts";

/**
 * Syslog lines buffered on their way to KV: past TCP_PAUSE_LINES, TCP connections stop
 * reading (the senders slow down, nothing is lost); past MAX_BUFFERED, UDP datagrams, which
 * cannot be slowed down, are dropped and counted (memory bound under a flood).
 */
const TCP_PAUSE_LINES = 50_000, MAX_BUFFERED = 200_000;

async function openKv(path: string): Promise<Deno.Kv> {
  if (!/^[a-z]+:\/\//.test(path) && path !== ":memory:") {
    await Deno.mkdir(path.replace(/\/[^/]*$/, "") || ".", { recursive: true });
  }
  return await Deno.openKv(path);
}

interface Consumers {
  status(): Record<string, unknown>;
  stop(): Promise<void>;
}

async function startWorkers(config: Config): Promise<Consumers> {
  const url = new URL("./workers/classify.ts", import.meta.url);
  url.searchParams.set("kv", config.kv);
  url.searchParams.set("retentionMs", String(config.retentionDays * 86_400_000));
  url.searchParams.set("contextLines", String(config.contextLines));
  url.searchParams.set("nice", String(config.workerNice));
  const workers = Array.from(
    { length: config.workerCount },
    () => new Worker(url, { type: "module" }),
  );
  const alive = workers.map(() => true);
  await Promise.all(workers.map((w, i) =>
    new Promise<void>((resolve, reject) => {
      w.onmessage = (e) => e.data?.ready && resolve();
      w.onerror = (e) => {
        alive[i] = false;
        reject(new Error(`classify worker failed: ${e.message}`));
      };
    })
  ));
  return {
    status: () => ({
      mode: "workers",
      workers: alive.map((a, i) => ({ id: i, alive: a })),
      modelLoaded: true,
    }),
    async stop() {
      await Promise.all(workers.map((w) =>
        new Promise<void>((resolve) => {
          const t = setTimeout(resolve, 10_000);
          w.onmessage = (e) => e.data?.stopped && (clearTimeout(t), resolve());
          w.postMessage("stop");
        })
      ));
      for (const w of workers) w.terminate();
    },
  };
}

async function startInProcess(kv: Deno.Kv, config: Config): Promise<Consumers> {
  const classifier = await Classifier.load();
  const consumer = consumeQueue(kv, (lines) => classifier.classify(lines), {
    retentionMs: config.retentionDays * 86_400_000,
    contextLines: config.contextLines,
  });
  return {
    status: () => ({ mode: "in-process", handled: consumer.handled(), modelLoaded: true }),
    stop: () => consumer.drain(),
  };
}

async function main() {
  const config = loadConfig(Deno.args, (k) => Deno.env.get(k));
  assertCidrs(config.syslogAllow);
  const kv = await openKv(config.kv);
  const consumers = config.workers ? await startWorkers(config) : await startInProcess(kv, config);
  let backlog = (await queueState(kv)).backlog;
  const monitor = setInterval(async () => backlog = (await queueState(kv)).backlog, 500);
  const paused = () => backlog > config.maxBacklog;
  const retentionMs = config.retentionDays * 86_400_000;
  const janitor = setInterval(
    () => pruneCounters(kv, Date.now() - retentionMs).catch(console.error),
    3_600_000,
  );
  const stop = new AbortController();

  const batcher = new Batcher(kv);
  let dropped = 0;
  const syslog = await startSyslog({
    udpWorker: config.workers ? new URL("./workers/udp_receiver.ts", import.meta.url) : undefined,
    hostname: config.syslogHost,
    port: config.syslogPort,
    allow: config.syslogAllow,
    udpBufferBytes: config.udpBufferBytes,
    paused: () => paused() || batcher.pending > TCP_PAUSE_LINES,
    onSegment: (segment) => {
      if (segment.source.transport === "udp" && batcher.pending > MAX_BUFFERED) {
        dropped += segment.lines.length;
      } else batcher.add(segment);
    },
    onEvent: (kind, detail) => kind !== "refused" && console.error(`syslog ${kind}: ${detail}`),
  });
  const watching = config.watch.length
    ? watchFiles(kv, config.watch, { fromStart: config.fromStart, signal: stop.signal, paused })
    : Promise.resolve();

  const api = createApi({
    kv,
    token: config.token,
    maxBodyBytes: config.maxBodyBytes,
    maxBodyLines: config.maxBodyLines,
    backlog: () => backlog,
    maxBacklog: config.maxBacklog,
    status: () => ({
      ...consumers.status(),
      syslogDropped: dropped,
      syslogUdp: syslog.udpStatus(),
      backlogBound: config.maxBacklog,
    }),
    udpDrops: () => ({ kernel: syslog.udpStatus().kernelDrops ?? 0, backlog: dropped }),
  });
  const board = createBoard({
    data: kvBoardData(kv),
    kv,
    token: config.token,
    signal: stop.signal,
  });
  const app = new Hono().route("/", health).route("/", api).route("/", board);
  const server = Deno.serve({
    hostname: config.httpHost,
    port: config.httpPort,
    signal: stop.signal,
    onListen: () => {},
  }, app.fetch);
  console.log(JSON.stringify({
    http: `${config.httpHost}:${server.addr.port}`,
    syslogUdp: `${config.syslogHost}:${syslog.udpPort}`,
    syslogTcp: `${config.syslogHost}:${syslog.tcpPort}`,
    kv: config.kv,
    mode: config.workers ? `${config.workerCount} worker(s)` : "in-process",
  }));

  const shutdown = async () => {
    stop.abort();
    await syslog.close();
    await watching;
    await batcher.flush();
    await server.finished;
    await consumers.stop();
    clearInterval(monitor);
    clearInterval(janitor);
    kv.close();
    Deno.exit(0);
  };
  Deno.addSignalListener("SIGINT", shutdown);
  Deno.addSignalListener("SIGTERM", shutdown);
}

if (import.meta.main) {
  try {
    await main();
  } catch (e) {
    console.error(`insyt: ${(e as Error).message}`);
    Deno.exit(1);
  }
}
