/**
 * Pins the configuration rules: loopback by default, token and allow-list off loopback, errors
 * named by flag, and the README table derived from the one options table.
 *
 * @module
 */
import assert from "node:assert/strict";
import { loadConfig, OPTIONS } from "./config.ts";
import { helpText, optionsMarkdown, UsageError } from "./options.ts";

const noEnv = () => undefined;

Deno.test("defaults bind loopback on the documented ports", () => {
  const c = loadConfig([], noEnv);
  assert.equal(c.httpHost, "127.0.0.1");
  assert.equal(c.httpPort, 5656);
  assert.equal(c.syslogPort, 5514);
  assert.equal(c.workers, true);
  assert.deepEqual(c.watch, []);
  assert.equal(c.udpBufferBytes, 4 * 1024 * 1024);
  assert.equal(loadConfig(["--udp-buffer-mb", "0"], noEnv).udpBufferBytes, 0);
  assert.throws(() => loadConfig(["--udp-buffer-mb=-1"], noEnv), /--udp-buffer-mb: /);
});

Deno.test("binding off loopback needs INSYT_TOKEN (HTTP) and --syslog-allow (syslog)", () => {
  assert.throws(() => loadConfig(["--host", "0.0.0.0"], noEnv), /requires INSYT_TOKEN/);
  const token = (k: string) => k === "INSYT_TOKEN" ? "0123456789abcdef" : undefined;
  assert.equal(loadConfig(["--host", "0.0.0.0"], token).token, "0123456789abcdef");
  assert.throws(() => loadConfig(["--syslog-host", "0.0.0.0"], noEnv), /requires --syslog-allow/);
  assert.deepEqual(
    loadConfig(["--syslog-host", "0.0.0.0", "--syslog-allow", "10.0.0.0/8, 192.168.1.0/24"], noEnv)
      .syslogAllow,
    ["10.0.0.0/8", "192.168.1.0/24"],
  );
});

Deno.test("repeated --watch and numeric flags are parsed and validated", () => {
  const c = loadConfig([
    "--watch",
    "/a.log",
    "--watch",
    "/var/log/",
    "--workers",
    "2",
    "--no-workers",
  ], noEnv);
  assert.deepEqual(c.watch, ["/a.log", "/var/log/"]);
  assert.equal(c.workers, false);
  assert.throws(() => loadConfig(["--port", "99999"], noEnv), UsageError);
});

Deno.test("Config - a leading `--` (as deno task passes it) is skipped", () => {
  const c = loadConfig(["--", "--port", "25656", "--watch", "/x.log"], noEnv);
  assert.equal(c.httpPort, 25656);
  assert.deepEqual(c.watch, ["/x.log"]);
});

Deno.test("Config - errors name flags, never internal fields, and are usage errors", () => {
  const cases: [string[], RegExp][] = [
    [["--port", "x"], /^--port: /],
    [["--workers", "99"], /^--workers: /],
    [["--retention-days", "0"], /^--retention-days: /],
    [["--bogus"], /Unknown option '--bogus'/],
    [["--port"], /--port/],
  ];
  for (const [args, re] of cases) {
    assert.throws(() => loadConfig(args, noEnv), (e: Error) => {
      assert.ok(e instanceof UsageError, `${args}: ${e}`);
      assert.match(e.message, re);
      assert.doesNotMatch(e.message, /httpPort|workerCount|retentionMs|udpBufferBytes/);
      return true;
    });
  }
  const short = (k: string) => k === "INSYT_TOKEN" ? "short" : undefined;
  assert.throws(() => loadConfig([], short), /INSYT_TOKEN: must be at least 16/);
});

Deno.test("Config - values come ready-made in the unit the code uses", () => {
  const c = loadConfig(
    ["--retention-days", "2", "--max-body-mb", "1", "--slow-timeout-s", "1.5"],
    noEnv,
  );
  assert.equal(c.retentionMs, 2 * 86_400_000);
  assert.equal(c.maxBodyBytes, 1024 * 1024);
  assert.equal(c.slowTimeoutMs, 1500);
});

Deno.test("Config - --help lists every flag of the table", () => {
  const help = helpText(OPTIONS, "usage");
  for (const o of Object.values(OPTIONS)) assert.ok(help.includes(o.flag ? `--${o.flag}` : o.env!));
});

Deno.test("Config - README's option table is the one derived from the options table", async () => {
  // deno fmt aligns markdown tables: compare cells, not spacing.
  const cells = (md: string) =>
    md.split("\n").filter((l) => l.startsWith("|")).map((l) =>
      l.split(/(?<!\\)\|/).map((c) => c.trim().replace(/^-+$/, "-")).join("|")
    ).join("\n");
  const readme = await Deno.readTextFile(new URL("../../README.md", import.meta.url));
  assert.ok(
    cells(readme).includes(cells(optionsMarkdown(OPTIONS))),
    "README's option table differs from lib/core/config.ts: paste the output of `deno task options`",
  );
});

Deno.test("Config - advice and webhook options from flags and environment", () => {
  const c = loadConfig([], noEnv);
  assert.equal(c.ollamaHost, "http://127.0.0.1:11434");
  assert.equal(c.llmModel, "gemma3:4b");
  assert.equal(c.llmTimeoutMs, 120_000);
  assert.deepEqual(c.webhooks, []);
  assert.equal(c.webhookMinSeverity, "high");
  const env = (k: string) =>
    ({
      OLLAMA_HOST: "10.0.0.5:11434",
      INSYT_LLM_MODEL: "gemma3:1b",
      INSYT_WEBHOOK_SECRET: "0123456789abcdef",
    })[k];
  const w = loadConfig([
    "--webhook",
    "https://hooks.example/a",
    "--webhook",
    "http://127.0.0.1:9/b",
    "--webhook-min-severity",
    "medium",
    "--llm-timeout-s",
    "5",
  ], env);
  assert.equal(w.ollamaHost, "10.0.0.5:11434");
  assert.equal(w.llmModel, "gemma3:1b");
  assert.equal(w.llmTimeoutMs, 5000);
  assert.deepEqual(w.webhooks, ["https://hooks.example/a", "http://127.0.0.1:9/b"]);
  assert.equal(w.webhookSecret, "0123456789abcdef");
  assert.equal(w.webhookMinSeverity, "medium");
  assert.throws(() => loadConfig(["--webhook", "https://h.example/"], noEnv), /are signed/);
  assert.equal(
    loadConfig(["--webhook", "https://h.example/", "--webhook-format", "slack"], noEnv)
      .webhookFormat,
    "slack",
  );
  assert.throws(() => loadConfig(["--webhook", "file:///etc/passwd"], env), /--webhook: /);
  assert.throws(
    () => loadConfig(["--webhook-min-severity", "huge"], env),
    /--webhook-min-severity: /,
  );
});
