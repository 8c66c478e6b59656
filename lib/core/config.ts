/**
 * @module Service configuration: command-line flags and environment, validated by zod.
 * Loopback by default; binding HTTP elsewhere requires INSYT_TOKEN, binding syslog
 * elsewhere requires an allow-list of source CIDRs.
 */
import { parseArgs } from "node:util";
import { z } from "zod";
import { SeveritySchema } from "./schemas.ts";

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

export const ConfigSchema = z.object({
  kv: z.string().min(1),
  httpHost: z.string(),
  httpPort: z.number().int().min(0).max(65535),
  syslogHost: z.string(),
  /** UDP and TCP share the port; 0 picks a free one (tests). */
  syslogPort: z.number().int().min(0).max(65535),
  syslogAllow: z.array(z.string()),
  /** Receive buffer asked for on the syslog UDP socket (bytes; 0 keeps the system default). */
  udpBufferBytes: z.number().int().min(0).max(1 << 30),
  token: z.string().min(16).optional(),
  watch: z.array(z.string()),
  fromStart: z.boolean(),
  /** false: run the queue handler in-process (no Web Workers: edge-style). */
  workers: z.boolean(),
  workerCount: z.number().int().min(1).max(16),
  /** Nice value of classify worker threads: ingest wins the CPU, the queue absorbs the lag. */
  workerNice: z.number().int().min(0).max(19),
  retentionDays: z.number().positive(),
  /** Queue backlog (batches) past which ingest pushes back. */
  maxBacklog: z.number().int().positive(),
  contextLines: z.number().int().min(0).max(20),
  /** Largest HTTP body accepted (bytes). */
  maxBodyBytes: z.number().int().positive(),
  /** Most lines in one HTTP request. */
  maxBodyLines: z.number().int().positive(),
  /** Ollama server asked for incident advice ("host:port" or a URL, as Ollama's own OLLAMA_HOST). */
  ollamaHost: z.string().min(1),
  /** Model asked for advice; absent from the server, advice comes from the playbooks. */
  llmModel: z.string().min(1),
  /** Longest one advice call may take, streaming included (ms). */
  llmTimeoutMs: z.number().int().positive(),
  /** Advice calls to Ollama per hour; past it, playbooks until the hour frees up. */
  llmMaxPerHour: z.number().int().min(0),
  /** Endpoints told of new incidents and severity step-ups (http/https). */
  webhooks: z.array(z.url({ protocol: /^https?$/ })),
  /** Shared secret of the `X-INSyT-Signature` HMAC; required for the json format. */
  webhookSecret: z.string().min(16).optional(),
  /** Incidents below this severity are not announced. */
  webhookMinSeverity: SeveritySchema,
  webhookFormat: z.enum(["json", "slack"]),
  /** Deliveries per endpoint per minute; more wait their turn. */
  webhookPerMinute: z.number().int().positive(),
}).superRefine((c, ctx) => {
  if (c.webhooks.length > 0 && c.webhookFormat === "json" && !c.webhookSecret) {
    ctx.addIssue({
      code: "custom",
      message: "json webhooks are signed: set INSYT_WEBHOOK_SECRET (16+ chars)",
    });
  }
  if (!LOOPBACK.test(c.httpHost) && !c.token) {
    ctx.addIssue({
      code: "custom",
      message: `binding HTTP to ${c.httpHost} requires INSYT_TOKEN (16+ chars)`,
    });
  }
  if (!LOOPBACK.test(c.syslogHost) && c.syslogAllow.length === 0) {
    ctx.addIssue({
      code: "custom",
      message: `binding syslog to ${c.syslogHost} requires --syslog-allow CIDR,...`,
    });
  }
});
export type Config = z.infer<typeof ConfigSchema>;

/** Every flag `deno task start` takes (README lists them). */
export const FLAGS = {
  kv: { type: "string", default: "./data/insyt.kv" },
  host: { type: "string", default: "127.0.0.1" },
  port: { type: "string", default: "5656" },
  "syslog-host": { type: "string", default: "127.0.0.1" },
  "syslog-port": { type: "string", default: "5514" },
  "syslog-allow": { type: "string", default: "" },
  "udp-buffer-mb": { type: "string", default: "4" },
  watch: { type: "string", multiple: true, default: [] as string[] },
  "from-start": { type: "boolean", default: false },
  "no-workers": { type: "boolean", default: false },
  workers: { type: "string", default: "1" },
  "worker-nice": { type: "string", default: "10" },
  "retention-days": { type: "string", default: "7" },
  "max-backlog": { type: "string", default: "2000" },
  "context-lines": { type: "string", default: "3" },
  "max-body-mb": { type: "string", default: "10" },
  "max-body-lines": { type: "string", default: "100000" },
  "llm-timeout-s": { type: "string", default: "120" },
  "llm-max-per-hour": { type: "string", default: "60" },
  webhook: { type: "string", multiple: true, default: [] as string[] },
  "webhook-secret": { type: "string" },
  "webhook-min-severity": { type: "string", default: "high" },
  "webhook-format": { type: "string", default: "json" },
  "webhook-per-minute": { type: "string", default: "20" },
} as const;

/**
 * Parses flags and environment into a validated config; throws with every problem listed.
 * @example const config = loadConfig(Deno.args, (k) => Deno.env.get(k));
 */
export function loadConfig(args: string[], env: (k: string) => string | undefined): Config {
  const { values: v } = parseArgs({ args, options: FLAGS, allowPositionals: false });
  const parsed = ConfigSchema.safeParse({
    kv: v.kv,
    httpHost: v.host,
    httpPort: Number(v.port),
    syslogHost: v["syslog-host"],
    syslogPort: Number(v["syslog-port"]),
    syslogAllow: v["syslog-allow"].split(",").map((s) => s.trim()).filter(Boolean),
    udpBufferBytes: Math.round(Number(v["udp-buffer-mb"]) * 1024 * 1024),
    token: env("INSYT_TOKEN") || undefined,
    watch: v.watch,
    fromStart: v["from-start"],
    workers: !v["no-workers"],
    workerCount: Number(v.workers),
    workerNice: Number(v["worker-nice"]),
    retentionDays: Number(v["retention-days"]),
    maxBacklog: Number(v["max-backlog"]),
    contextLines: Number(v["context-lines"]),
    maxBodyBytes: Number(v["max-body-mb"]) * 1024 * 1024,
    maxBodyLines: Number(v["max-body-lines"]),
    ollamaHost: env("OLLAMA_HOST") || "http://127.0.0.1:11434",
    llmModel: env("INSYT_LLM_MODEL") || "gemma3:4b",
    llmTimeoutMs: Number(v["llm-timeout-s"]) * 1000,
    llmMaxPerHour: Number(v["llm-max-per-hour"]),
    webhooks: v.webhook,
    webhookSecret: v["webhook-secret"] || env("INSYT_WEBHOOK_SECRET") || undefined,
    webhookMinSeverity: v["webhook-min-severity"],
    webhookFormat: v["webhook-format"],
    webhookPerMinute: Number(v["webhook-per-minute"]),
  });
  if (!parsed.success) {
    throw new Error(
      "invalid configuration:\n" +
        parsed.error.issues.map((i) => `- ${i.path.join(".") || "config"}: ${i.message}`).join(
          "\n",
        ),
    );
  }
  return parsed.data;
}
