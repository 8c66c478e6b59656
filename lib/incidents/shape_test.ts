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
    "a scanner's misses in an nginx error log",
    '2026/12/01 09:04:12 [error] 73#73: *57 open() "/var/www/site/randomfile1" failed (2: No such file or directory), client: 192.0.2.9, server: a, request: "GET /randomfile1 HTTP/1.1"',
    '2026/12/01 09:04:13 [error] 73#73: *58 open() "/var/www/site/frand2" failed (2: No such file or directory), client: 192.0.2.9, server: a, request: "GET /frand2 HTTP/1.1"',
  ],
  [
    "connections to sshd",
    'sshd[995]: Connection from 192.0.2.9 port 59978 on 10.0.0.1 port 22 rdomain ""',
    'sshd[996]: Connection from 192.0.2.9 port 40001 on 10.0.0.1 port 22 rdomain ""',
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
  [
    "another error",
    'open() "/var/www/a" failed (2: No such file or directory), client: 192.0.2.9, server: a',
    'open() "/var/www/a" failed (13: Permission denied), client: 192.0.2.9, server: a',
  ],
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
  [
    "a payload in an error log",
    "[client 192.0.2.9:5000] PHP Fatal error: Uncaught mysqli_sql_exception: near '1' OR 1=1",
  ],
  ["a line naming no address", "postfix/qmgr[1]: 4F1A2B: removed"],
];
for (const [name, line] of NONE) {
  Deno.test(`Shape - ${name} has no shape (always classified)`, () => {
    assert.equal(shape(line), undefined);
  });
}
