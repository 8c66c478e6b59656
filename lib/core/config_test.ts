/** @module Pins the configuration rules: loopback by default, token and allow-list off loopback. */
import assert from "node:assert/strict";
import { loadConfig } from "./config.ts";

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
  assert.throws(() => loadConfig(["--udp-buffer-mb=-1"], noEnv), /udpBufferBytes/);
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
  assert.throws(() => loadConfig(["--port", "99999"], noEnv), /invalid configuration/);
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
  assert.throws(() => loadConfig(["--webhook", "file:///etc/passwd"], env), /webhooks/);
  assert.throws(() => loadConfig(["--webhook-min-severity", "huge"], env), /webhookMinSeverity/);
});
