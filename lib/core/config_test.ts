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
