/**
 * `deno task start`: reads the config, opens KV, starts the queue and model workers (or the
 * in-process consumer with --no-workers), the syslog listeners, the file watchers and the HTTP
 * server; prints one JSON line with the bound addresses once ready. Shuts down once on
 * SIGINT/SIGTERM (a terminal's Ctrl-C reaches both `deno task` and this process): stop
 * accepting, drain what was already sent, commit every received line, let workers finish;
 * a second signal waits, a third forces the exit. Usage errors exit 2 with one line.
 *
 * @module
 */
import type { Hono } from "hono";
import denoJson from "./deno.json" with { type: "json" };
import { assertCidrs } from "./lib/core/cidr.ts";
import { Classifier } from "./lib/classify/classifier.ts";
import { type Config, loadConfig, OPTIONS } from "./lib/core/config.ts";
import { consumeQueue } from "./lib/classify/consumer.ts";
import { Explainer } from "./lib/classify/explanations.ts";
import { event } from "./lib/core/log.ts";
import { helpText, UsageError } from "./lib/core/options.ts";
import { startWorker } from "./lib/core/worker.ts";
import { superviseWorker } from "./lib/core/supervise.ts";
import { pruneCounters } from "./lib/store/detections.ts";
import { watchFiles } from "./lib/ingest/file/ingest.ts";
import { Batcher } from "./lib/queue/batcher.ts";
import { BacklogGauge } from "./lib/queue/queue.ts";
import { bindError, startSyslog } from "./lib/ingest/syslog/server.ts";
import type { AdviceEvent } from "./lib/advice/advise.ts";
import { readAdviceStatus } from "./lib/advice/kv_store.ts";
import { startAdvice } from "./lib/advice/service.ts";
import { EventPublisher } from "./lib/events/log.ts";
import { incidentExtension } from "./lib/incidents/extension.ts";
import { notifyFromEvents } from "./lib/notify/follow.ts";
import { deadLetterCount, Notifier } from "./lib/notify/notifier.ts";
import { incidentShortcut } from "./lib/incidents/shortcut.ts";
import { createApi } from "./routes/api.ts";
import { createBoard } from "./routes/board.ts";
import { storeBoardData } from "./routes/board/store_data.ts";

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
  /** The in-process classifier, which explanations then share (workers keep theirs). */
  classifier?: Classifier;
}

async function startWorkers(config: Config): Promise<Consumers> {
  const url = new URL("./workers/classify.ts", import.meta.url);
  url.searchParams.set("kv", config.kv);
  url.searchParams.set("retentionMs", String(config.retentionMs));
  url.searchParams.set("contextLines", String(config.contextLines));
  url.searchParams.set("nice", String(config.workerNice));
  url.searchParams.set("incidentWindowMs", String(config.incidentWindowMs));
  url.searchParams.set("stormSampleEvery", String(config.stormSampleEvery));
  url.searchParams.set("settleAfter", String(config.settleAfter));
  url.searchParams.set("modelWorkers", String(config.workerCount));
  // One queue worker, which starts the model workers: one cache and one grouping lane for all
  // lines (README, Speed: faster end to end, at less CPU, than a queue worker per model). When
  // it fails (a model worker's failure fails it too) it is started again (lib/core/supervise.ts).
  const workers = [await superviseWorker(url, { name: "classify" })];
  return {
    status: () => ({
      mode: "workers",
      workers: workers.map((w, i) => ({
        id: i,
        alive: w.alive(),
        error: w.error(),
        restarts: w.restarts(),
      })),
      modelWorkers: config.workerCount,
      modelLoaded: true,
    }),
    stop: async () => void await Promise.all(workers.map((w) => w.stop(10_000))),
  };
}

/** Incident advice (a worker, or in-process) and webhook notifications. */
interface Responders {
  status(): Promise<Record<string, unknown>>;
  stop(): Promise<void>;
}

async function startResponders(kv: Deno.Kv, config: Config): Promise<Responders> {
  const opts = {
    host: config.ollamaHost,
    model: config.llmModel,
    timeoutMs: config.llmTimeoutMs,
    maxPerHour: config.llmMaxPerHour,
  };
  // Advice events reach SSE clients through the event log (deltas stay in the advice store),
  // appended in bursts: 250 new incidents' playbooks are one commit, not 250.
  const events = new EventPublisher(kv);
  events.onError = (err) => event("advice_error", { error: err.message });
  const publish = (e: AdviceEvent) =>
    e.type === "advice.updated" &&
    events.publish({ at: Date.now(), type: "advice.updated", data: { ...e } });
  let stopAdvice: () => Promise<void>;
  if (config.workers) {
    const url = new URL("./workers/advice.ts", import.meta.url);
    url.searchParams.set("kv", config.kv);
    for (const [k, v] of Object.entries(opts)) url.searchParams.set(k, String(v));
    const w = await startWorker(url, {
      name: "advice",
      onMessage: (d) =>
        (d as { event?: AdviceEvent }).event && publish((d as { event: AdviceEvent }).event),
    });
    stopAdvice = () => w.stop(10_000);
  } else {
    const advice = startAdvice(kv, { ...opts, publish });
    stopAdvice = () => advice.stop();
  }
  const notifier = new Notifier(kv, {
    endpoints: config.webhooks,
    format: config.webhookFormat,
    secret: config.webhookSecret,
    minSeverity: config.webhookMinSeverity,
    perMinute: config.webhookPerMinute,
  });
  const stopFollowing = new AbortController();
  const following = config.webhooks.length
    ? notifyFromEvents(kv, notifier, stopFollowing.signal)
    : Promise.resolve(); // no endpoint: nothing to read incidents back for
  return {
    status: async () => ({
      advice: await readAdviceStatus(kv),
      notify: { ...notifier.status(), deadLettersTotal: await deadLetterCount(kv) },
    }),
    async stop() {
      stopFollowing.abort();
      await following;
      await Promise.all([stopAdvice(), notifier.stop()]);
      await events.flush();
    },
  };
}

async function startInProcess(kv: Deno.Kv, config: Config): Promise<Consumers> {
  const classifier = await Classifier.load(undefined, { settleAfter: config.settleAfter });
  const consumer = consumeQueue(kv, (lines) => classifier.classify(lines), {
    retentionMs: config.retentionMs,
    contextLines: config.contextLines,
    extend: incidentExtension(kv, {
      windowMs: config.incidentWindowMs,
      retentionMs: config.retentionMs,
    }),
    ...(config.stormSampleEvery
      ? {
        shortcut: incidentShortcut(kv, {
          windowMs: config.incidentWindowMs,
          sampleEvery: config.stormSampleEvery,
        }),
      }
      : {}),
  });
  return {
    status: () => ({ mode: "in-process", handled: consumer.handled(), modelLoaded: true }),
    stop: () => consumer.drain(),
    classifier,
  };
}

/** Every --watch target must exist at start (a typo would otherwise watch nothing, silently). */
async function checkWatchTargets(targets: string[]) {
  for (const t of targets) {
    try {
      await Deno.stat(t);
    } catch (e) {
      throw new UsageError(
        `--watch ${t}: ${
          (e as Error).name === "NotFound" ? "no such file or directory" : (e as Error).message
        }`,
      );
    }
  }
}

function serveHttp(config: Config, signal: AbortSignal, app: Hono): Deno.HttpServer<Deno.NetAddr> {
  try {
    return Deno.serve({
      hostname: config.httpHost,
      port: config.httpPort,
      signal,
      onListen: () => {},
      onError: (e) => {
        event("internal_error", { where: "http", error: (e as Error).message });
        return new Response("internal error", { status: 500 });
      },
    }, app.fetch);
  } catch (e) {
    throw new Error(`HTTP ${config.httpHost}:${config.httpPort} (--host/--port): ${bindError(e)}`);
  }
}

async function main(config: Config, stopping: Stopping) {
  assertCidrs(config.syslogAllow);
  await checkWatchTargets(config.watch);
  const kv = await openKv(config.kv);
  const consumers = config.workers ? await startWorkers(config) : await startInProcess(kv, config);
  const responders = await startResponders(kv, config);
  const gauge = await BacklogGauge.start(kv);
  const paused = () => gauge.backlog >= config.maxBacklog;
  const janitor = setInterval(
    () =>
      pruneCounters(kv, Date.now() - config.retentionMs).catch((e) =>
        event("internal_error", { where: "janitor", error: (e as Error).message })
      ),
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
    maxConnections: config.maxConnections,
    maxConnectionsPerPeer: config.maxConnectionsPerPeer,
    idleTimeoutMs: config.idleTimeoutMs,
    slowTimeoutMs: config.slowTimeoutMs,
    paused: () => paused() || batcher.pending > TCP_PAUSE_LINES,
    onSegment: (segment) => {
      if (segment.source.transport === "udp" && batcher.pending > MAX_BUFFERED) {
        dropped += segment.lines.length;
      } else batcher.add(segment);
    },
  });
  const watching = config.watch.length
    ? watchFiles(kv, config.watch, { fromStart: config.fromStart, signal: stop.signal, paused })
    : Promise.resolve();

  const inProcess = consumers.classifier;
  const explainer = new Explainer(kv, {
    retentionMs: config.retentionMs,
    ...(inProcess ? { classifier: () => Promise.resolve(inProcess) } : {}),
  });
  const api = createApi({
    kv,
    explainer,
    token: config.token,
    httpHost: config.httpHost,
    allowedHosts: config.allowedHosts,
    maxBodyBytes: config.maxBodyBytes,
    maxBodyLines: config.maxBodyLines,
    maxInFlight: config.maxConnections,
    slowTimeoutMs: config.slowTimeoutMs,
    backlog: () => gauge.backlog,
    maxBacklog: config.maxBacklog,
    retentionMs: config.retentionMs,
    status: async () => ({
      ...consumers.status(),
      ...(await responders.status()),
      syslogDropped: dropped,
      syslogUdp: syslog.udpStatus(),
      syslogTcpConnections: syslog.tcpOpen(),
      backlogBound: config.maxBacklog,
    }),
    udpDrops: () => ({ kernel: syslog.udpStatus().kernelDrops ?? 0, backlog: dropped }),
  });
  const app = api.route(
    "/",
    createBoard({
      data: storeBoardData(kv, { retentionMs: config.retentionMs, explainer }),
      kv,
      token: config.token,
      signal: stop.signal,
    }),
  );
  let server: Deno.HttpServer<Deno.NetAddr>;
  try {
    server = serveHttp(config, stop.signal, app);
  } catch (e) {
    await syslog.close();
    throw e;
  }
  console.log(JSON.stringify({
    http: `${config.httpHost}:${server.addr.port}`,
    syslogUdp: `${config.syslogHost}:${syslog.udpPort}`,
    syslogTcp: `${config.syslogHost}:${syslog.tcpPort}`,
    kv: config.kv,
    mode: config.workers ? `${config.workerCount} worker(s)` : "in-process",
  }));
  event("started", { http: server.addr.port, syslog: syslog.udpPort });

  stopping.run(async () => {
    await syslog.close(); // drains TCP connections, posts UDP's last chunk
    stop.abort(); // HTTP: in-flight requests finish (their lines are committed before 202)
    await watching;
    await server.finished;
    await batcher.flush();
    await consumers.stop();
    await responders.stop();
    gauge.stop();
    clearInterval(janitor);
    kv.close();
  });
}

/**
 * One shutdown, however many signals: a terminal's Ctrl-C signals `deno task` and the service
 * together, and `deno task` passes it on, so 2–3 SIGINTs arrive within milliseconds; signals
 * within SAME_PRESS_MS of the last one count as the same press. The second press waits for the
 * shutdown under way, the third forces the exit. Listening starts before anything else, so a
 * signal during start-up stops the service as soon as it is up.
 */
interface Stopping {
  /** Sets the shutdown to run on a signal (runs it now if one already came). */
  run(shutdown: () => Promise<void>): void;
}

const SAME_PRESS_MS = 1000;

function onSignals(): Stopping {
  let presses = 0, last = -Infinity;
  let shutdown: (() => Promise<void>) | undefined;
  let done: Promise<void> | undefined;
  const start = () => {
    done ??= shutdown!().then(() => Deno.exit(0), (e) => {
      console.error(`insyt: shutdown failed: ${(e as Error).message}`);
      Deno.exit(1);
    });
  };
  const onSignal = (signal: Deno.Signal) => {
    const now = performance.now();
    if (now - last < SAME_PRESS_MS) return void (last = now);
    last = now;
    presses++;
    event("shutdown", { signal, press: presses });
    if (presses >= 3) {
      console.error("insyt: third signal, exiting now; lines not yet committed are lost");
      Deno.exit(130);
    }
    if (presses === 2) {
      console.error("insyt: shutting down, waiting for it (signal again to force)");
    }
    if (shutdown) start();
  };
  Deno.addSignalListener("SIGINT", () => onSignal("SIGINT"));
  Deno.addSignalListener("SIGTERM", () => onSignal("SIGTERM"));
  return {
    run(s) {
      shutdown = s;
      if (presses) start();
    },
  };
}

if (import.meta.main) {
  // A background failure nobody awaited (a KV write refused under load, a dropped socket) is
  // counted and logged; it never ends the service.
  globalThis.addEventListener("unhandledrejection", (e) => {
    e.preventDefault();
    event("internal_error", { where: "unhandled", error: String(e.reason?.message ?? e.reason) });
  });
  let config: Config;
  try {
    config = loadConfig(Deno.args, (k) => Deno.env.get(k));
  } catch (e) {
    console.error(`insyt: ${(e as Error).message.replaceAll("\n", "\ninsyt: ")}`);
    console.error("insyt: see `deno task start -- --help`");
    Deno.exit(2);
  }
  if (config.help) {
    console.log(helpText(OPTIONS, "usage: deno task start [-- OPTIONS]\n\nOptions:"));
    Deno.exit(0);
  }
  if (config.version) {
    console.log(`insyt ${denoJson.version}`);
    Deno.exit(0);
  }
  try {
    await main(config, onSignals());
  } catch (e) {
    console.error(`insyt: ${(e as Error).message}`);
    Deno.exit(e instanceof UsageError ? 2 : 1);
  }
}
