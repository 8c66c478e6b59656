/** @module Table-driven shapes: what a scan varies collapses, what an exploit adds does not. */
import assert from "node:assert/strict";
import { parseFields } from "../formats/fields.ts";
import { lineShape } from "./shape.ts";

const access = (req: string, status = 404, ua = "DirBuster-1.0-RC1") =>
  `192.0.2.9 - - [01/Dec/2026:07:00:00 +0000] "${req} HTTP/1.1" ${status} 196 "-" "${ua}"`;
const shape = (line: string) => lineShape(parseFields(line), line);

const SAME: [string, string, string][] = [
  ["dirb words", access("GET /admin"), access("GET /backup")],
  ["numbered paths", access("GET /img2"), access("GET /old17")],
  [
    "sshd failures",
    "sshd[1]: Failed password for root from 192.0.2.9 port 1 ssh2",
    "sshd[7]: Failed password for invalid user oracle from 192.0.2.9 port 9 ssh2",
  ],
  [
    "firewall ports",
    "[UFW BLOCK] SRC=192.0.2.9 DST=10.0.0.1 PROTO=TCP DPT=22",
    "[UFW BLOCK] SRC=192.0.2.9 DST=10.0.0.1 PROTO=TCP DPT=8080",
  ],
];
for (const [name, a, b] of SAME) {
  Deno.test(`Shape - ${name} share a shape`, () => {
    assert.ok(shape(a));
    assert.equal(shape(a), shape(b));
  });
}

const DIFFERENT: [string, string, string][] = [
  ["another status", access("GET /admin"), access("GET /admin", 200)],
  ["another method", access("GET /admin"), access("POST /admin")],
  ["another path shape", access("GET /admin"), access("GET /wp-content/uploads")],
  ["another agent", access("GET /admin"), access("GET /admin", 404, "sqlmap/1.7")],
];
for (const [name, a, b] of DIFFERENT) {
  Deno.test(`Shape - ${name} is another shape`, () => assert.notEqual(shape(a), shape(b)));
}

const NONE: [string, string][] = [
  ["a query", access("GET /index.php?id=1")],
  ["traversal", access("GET /../../etc/passwd")],
  ["encoded payload", access("GET /%27%20OR%201=1")],
  ["a payload in a user name", "sshd[1]: Invalid user ${jndi:ldap://x} from 192.0.2.9 port 1"],
  ["a successful login", "sshd[1]: Accepted password for bob from 192.0.2.9 port 1 ssh2"],
  ["an unknown daemon", "sudo: bob : COMMAND=/bin/sh"],
];
for (const [name, line] of NONE) {
  Deno.test(`Shape - ${name} has no shape (always classified)`, () => {
    assert.equal(shape(line), undefined);
  });
}
