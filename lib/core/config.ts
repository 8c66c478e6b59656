/**
 * Service configuration: the one table of `deno task start`'s options (flag, environment,
 * default, unit, schema, doc), from which parsing, validation, `--help` and the README's table
 * are derived. Loopback by default; binding HTTP elsewhere requires INSYT_TOKEN, binding
 * syslog elsewhere requires an allow-list of source CIDRs.
 *
 * @module
 */
import { z } from "zod";
import { option, type OptionValues, parseOptions, UsageError } from "./options.ts";
import { SeveritySchema } from "./schemas.ts";

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;
const MiB = 1024 * 1024;

const port = z.coerce.number().int().min(0).max(65535);
const count = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const seconds = (max: number) =>
  z.coerce.number().positive().max(max).transform((s) => Math.round(s * 1000));
const csv = z.string().transform((s) => s.split(",").map((x) => x.trim()).filter(Boolean));

/** Every option of `deno task start`, in --help and README order. */
export const OPTIONS = {
  kv: option({
    flag: "kv",
    unit: "PATH|URL",
    default: "./data/insyt.kv",
    doc:
      "KV file, or a KV Connect URL (self-hosted denokv, Deno Deploy KV; set DENO_KV_ACCESS_TOKEN)",
    schema: z.string().min(1),
  }),
  httpHost: option({
    flag: "host",
    unit: "ADDR",
    default: "127.0.0.1",
    doc: "HTTP API and board address",
    schema: z.string().min(1),
  }),
  httpPort: option({ flag: "port", unit: "N", default: "5656", doc: "HTTP port", schema: port }),
  allowedHosts: option({
    flag: "allowed-hosts",
    unit: "NAME,...",
    default: "",
    doc:
      "Host header names accepted besides loopback ones and the bind address (DNS-rebinding guard)",
    schema: csv,
  }),
  syslogHost: option({
    flag: "syslog-host",
    unit: "ADDR",
    default: "127.0.0.1",
    doc: "syslog UDP and TCP address",
    schema: z.string().min(1),
  }),
  syslogPort: option({
    flag: "syslog-port",
    unit: "N",
    default: "5514",
    doc: "syslog UDP and TCP port (514 needs root; 0 picks a free one)",
    schema: port,
  }),
  syslogAllow: option({
    flag: "syslog-allow",
    unit: "CIDR,...",
    default: "",
    doc: "syslog source allow-list; required to bind syslog off loopback",
    schema: csv,
  }),
  udpBufferBytes: option({
    flag: "udp-buffer-mb",
    unit: "MB",
    default: "4",
    doc: "receive buffer asked for on the syslog UDP socket; 0 keeps the system default",
    schema: z.coerce.number().min(0).max(1024).transform((mb) => Math.round(mb * MiB)),
  }),
  maxConnections: option({
    flag: "max-connections",
    unit: "N",
    default: "1024",
    doc:
      "open syslog TCP connections, and HTTP requests in flight, past which new ones are refused",
    schema: count(1, 1_000_000),
  }),
  maxConnectionsPerPeer: option({
    flag: "max-connections-per-peer",
    unit: "N",
    default: "256",
    doc: "open syslog TCP connections from one address past which its new ones are refused",
    schema: count(1, 1_000_000),
  }),
  idleTimeoutMs: option({
    flag: "idle-timeout-s",
    unit: "S",
    default: "300",
    doc: "a syslog TCP connection that sends nothing for this long is closed",
    schema: seconds(86_400),
  }),
  slowTimeoutMs: option({
    flag: "slow-timeout-s",
    unit: "S",
    default: "30",
    doc:
      "a TCP frame or HTTP body still incomplete after this long is closed (the received part is kept, flagged)",
    schema: seconds(3_600),
  }),
  watch: option({
    flag: "watch",
    kind: "list",
    unit: "FILE|DIR",
    default: [],
    doc: "follow a file or directory like tail -F; repeatable",
    schema: z.array(z.string().min(1)),
  }),
  fromStart: option({
    flag: "from-start",
    kind: "boolean",
    default: false,
    doc: "read files that exist at the first start from offset 0",
    schema: z.boolean(),
  }),
  workers: option({
    flag: "no-workers",
    kind: "boolean",
    default: false,
    doc: "run the queue handler in-process (no Web Workers: edge-style)",
    schema: z.boolean().transform((no) => !no),
  }),
  workerCount: option({
    flag: "workers",
    unit: "N",
    default: "1",
    doc:
      "model Web Workers (one single-threaded WASM session each), fed by one queue worker that masks, caches, tokenises and groups",
    schema: count(1, 16),
  }),
  workerNice: option({
    flag: "worker-nice",
    unit: "N",
    default: "10",
    doc: "nice value of the queue and model worker threads (0–19): ingest wins the CPU",
    schema: count(0, 19),
  }),
  retentionMs: option({
    flag: "retention-days",
    unit: "D",
    default: "7",
    doc: "life of detections",
    schema: z.coerce.number().positive().max(3650).transform((d) => Math.round(d * 86_400_000)),
  }),
  maxBacklog: option({
    flag: "max-backlog",
    unit: "N",
    default: "2000",
    doc: "queue backlog (batches) past which ingest pushes back",
    schema: count(1, 10_000_000),
  }),
  contextLines: option({
    flag: "context-lines",
    unit: "N",
    default: "3",
    doc: "previous lines kept with a detection",
    schema: count(0, 20),
  }),
  maxBodyBytes: option({
    flag: "max-body-mb",
    unit: "MB",
    default: "10",
    doc: "largest HTTP body accepted",
    schema: z.coerce.number().positive().max(1024).transform((mb) => Math.round(mb * MiB)),
  }),
  maxBodyLines: option({
    flag: "max-body-lines",
    unit: "N",
    default: "100000",
    doc: "most lines in one HTTP request",
    schema: count(1, 10_000_000),
  }),
  incidentWindowMs: option({
    flag: "incident-window-min",
    unit: "MIN",
    default: "15",
    doc: "inactivity after which an incident's next detection opens a new incident",
    schema: z.coerce.number().min(1).max(7 * 1440).transform((m) => Math.round(m * 60_000)),
  }),
  settleAfter: option({
    flag: "settle-after",
    unit: "N",
    default: "3",
    doc:
      "a template (numbers and hex ids masked) whose N distinct lines the model judged clearly benign is answered without the model, until forgotten; 0: off",
    schema: count(0, 1_000),
  }),
  stormSampleEvery: option({
    flag: "storm-sample",
    unit: "N",
    default: "16",
    doc:
      "attack-storm shortcut: an incident's further lines of a shape already judged skip the model (counted, not stored), one in N classified; 0: off",
    schema: count(0, 100_000),
  }),
  ollamaHost: option({
    env: "OLLAMA_HOST",
    default: "http://127.0.0.1:11434",
    doc: "Ollama server asked for incident advice (host:port or a URL, as Ollama's own variable)",
    schema: z.string().min(1),
  }),
  llmModel: option({
    env: "INSYT_LLM_MODEL",
    default: "gemma3:4b",
    doc:
      "model asked for advice; when the server lacks it, advice comes from the built-in playbooks",
    schema: z.string().min(1),
  }),
  llmTimeoutMs: option({
    flag: "llm-timeout-s",
    unit: "S",
    default: "120",
    doc: "longest one advice call may take, streaming included",
    schema: seconds(3_600),
  }),
  llmMaxPerHour: option({
    flag: "llm-max-per-hour",
    unit: "N",
    default: "60",
    doc: "advice calls to Ollama per hour; past it, playbooks until the hour frees up",
    schema: count(0, 100_000),
  }),
  webhooks: option({
    flag: "webhook",
    kind: "list",
    unit: "URL",
    default: [],
    doc: "endpoint told of new incidents and severity step-ups (http/https); repeatable",
    schema: z.array(z.url({ protocol: /^https?$/ })),
  }),
  webhookSecret: option({
    flag: "webhook-secret",
    env: "INSYT_WEBHOOK_SECRET",
    unit: "SECRET",
    doc: "shared secret of the X-INSyT-Signature HMAC (16+ chars); required for the json format",
    schema: z.string().min(16, "must be at least 16 characters").optional(),
  }),
  webhookMinSeverity: option({
    flag: "webhook-min-severity",
    unit: "low|medium|high|critical",
    default: "high",
    doc: "incidents below this severity are not announced",
    schema: SeveritySchema,
  }),
  webhookFormat: option({
    flag: "webhook-format",
    unit: "json|slack",
    default: "json",
    doc: "webhook payload: signed generic JSON or a Slack-compatible message",
    schema: z.enum(["json", "slack"]),
  }),
  webhookPerMinute: option({
    flag: "webhook-per-minute",
    unit: "N",
    default: "20",
    doc: "deliveries per endpoint per minute; more wait their turn",
    schema: count(1, 10_000),
  }),
  token: option({
    env: "INSYT_TOKEN",
    doc:
      "bearer token (16+ chars); required to bind HTTP off loopback, then every /api/* and /metrics call needs it",
    schema: z.string().min(16, "must be at least 16 characters").optional(),
  }),
  help: option({
    flag: "help",
    kind: "boolean",
    default: false,
    doc: "print this help and exit",
    schema: z.boolean(),
  }),
  version: option({
    flag: "version",
    kind: "boolean",
    default: false,
    doc: "print the version and exit",
    schema: z.boolean(),
  }),
};

/** The validated configuration. */
export type Config = OptionValues<typeof OPTIONS>;

/**
 * Parses flags and environment into a validated config; throws {@link UsageError} with every
 * problem listed by flag name.
 * @example const config = loadConfig(Deno.args, (k) => Deno.env.get(k));
 */
export function loadConfig(args: string[], env: (k: string) => string | undefined): Config {
  const c = parseOptions(OPTIONS, args, env);
  const problems: string[] = [];
  if (!LOOPBACK.test(c.httpHost) && !c.token) {
    problems.push(`--host: binding HTTP to ${c.httpHost} requires INSYT_TOKEN (16+ chars)`);
  }
  if (!LOOPBACK.test(c.syslogHost) && c.syslogAllow.length === 0) {
    problems.push(
      `--syslog-host: binding syslog to ${c.syslogHost} requires --syslog-allow CIDR,...`,
    );
  }
  if (c.webhooks.length > 0 && c.webhookFormat === "json" && !c.webhookSecret) {
    problems.push("--webhook: json webhooks are signed: set INSYT_WEBHOOK_SECRET (16+ chars)");
  }
  if (problems.length) throw new UsageError(problems.join("\n"));
  return c;
}
