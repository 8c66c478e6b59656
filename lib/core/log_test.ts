/**
 * Named events count exactly and log at most once per second per name; README lists them all.
 *
 * @module
 */
import assert from "node:assert/strict";
import { counts, event, EVENTS } from "./log.ts";

Deno.test("Events - every event is counted, logging is rate-limited per name", () => {
  const logged: string[] = [];
  const original = console.error;
  console.error = (line: string) => logged.push(line);
  try {
    const before = counts().get("syslog_refused") ?? 0;
    for (let i = 0; i < 100; i++) event("syslog_refused", { peer: `p${i}` }, 1_000_000 + i);
    event("syslog_refused", { peer: "late" }, 1_002_000);
    assert.equal(counts().get("syslog_refused"), before + 101);
    const mine = logged.map((l) => JSON.parse(l)).filter((l) => l.event === "syslog_refused");
    assert.deepEqual(mine.map((l) => l.peer), ["p0", "late"]);
    assert.equal(mine[1].suppressed, 99);
  } finally {
    console.error = original;
  }
});

Deno.test("Events - README's table lists every event name", async () => {
  const readme = await Deno.readTextFile(new URL("../../README.md", import.meta.url));
  for (const name of Object.keys(EVENTS)) assert.ok(readme.includes(`| \`${name}\``), name);
});
