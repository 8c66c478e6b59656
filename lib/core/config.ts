/**
 * @module Service configuration: command-line flags and environment, validated by zod.
 * Loopback by default; binding HTTP elsewhere requires INSYT_TOKEN, binding syslog
 * elsewhere requires an allow-list of source CIDRs.
 */
import { parseArgs } from "node:util";
import { z } from "zod";

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
  /** Inactivity after which an incident's next detection opens a new incident (ms). */
  incidentWindowMs: z.number().int().min(60_000).max(7 * 86_400_000),
  /**
   * Attack-storm shortcut: 0 classifies every line; N counts lines an open incident already
   * explains into it without the model (not stored as detections), classifying one in N.
   */
  stormSampleEvery: z.number().int().min(0).max(100_000),
}).superRefine((c, ctx) => {
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
  "incident-window-min": { type: "string", default: "15" },
  "storm-sample": { type: "string", default: "0" },
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
    incidentWindowMs: Number(v["incident-window-min"]) * 60_000,
    stormSampleEvery: Number(v["storm-sample"]),
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
