/**
 * A line's shape for the attack-storm shortcut: lines of one shape from one entity differ
 * only in what a scanner varies (the word it tries, the port, the user name), so once the
 * model has judged that shape for an entity's open incident, further lines of it can be
 * counted into the incident without the model. Only shapes where that holds get one: plain
 * access-log requests without a query or payload characters (method, status, path made of
 * character classes, user agent template), sshd failures, firewall drops, and other daemons'
 * lines that name the remote address (their masked template, paths as character classes: a
 * scanner's misses in an error log, its connections to sshd or postfix). Anything else, and any
 * line carrying payload characters, has no shape and is always classified.
 *
 * @module
 */
import type { LineFields } from "../formats/fields.ts";
import { lineTemplate } from "../formats/template.ts";

/** Characters and words of exploits: a line holding them is always classified. */
const PAYLOAD =
  /['"<>;|`$\\{}()]|\.\.|%[0-9a-f]{2}|\b(?:select|union|script|exec|eval|base64|wget|curl|jndi)\b/i;

/** The same, for lines whose quotes and parentheses are the daemon's own (error logs). */
const PAYLOAD_IN_TEXT =
  /['<>;|`$\\{}]|\.\.|%[0-9a-f]{2}|\b(?:select|union|script|exec|eval|base64|wget|curl|jndi)\b/i;
/** A path in a daemon's message: after a space, quote or parenthesis. */
const PATH_TOKEN = /(?<=[\s"(])\/[^\s"()]*/g;

function pathShape(path: string): string {
  return path.split("/").map((seg) => seg.replace(/[a-z]+/gi, "a").replace(/\d+/g, "#")).join(
    "/",
  ).slice(0, 200);
}

/** The shape of a line, or undefined when it must always go to the model. */
export function lineShape(fields: LineFields, line: string): string | undefined {
  if (fields.kind === "access" && fields.path !== undefined) {
    const plain = line.includes(`"${fields.method} ${fields.path} HTTP/`);
    if (!plain || PAYLOAD.test(fields.path)) return undefined;
    const ua = line.match(/"([^"]*)"\s*$/)?.[1] ?? "";
    return `access|${fields.method}|${fields.status}|${pathShape(fields.path)}|${
      lineTemplate(ua).slice(0, 120)
    }`;
  }
  if (!fields.kind && fields.ip) {
    if (PAYLOAD_IN_TEXT.test(line)) return undefined;
    return `line|${lineTemplate(line.replace(PATH_TOKEN, pathShape)).slice(0, 300)}`;
  }
  if (PAYLOAD.test(line)) return undefined;
  if (fields.kind === "sshd" && fields.auth === "failure") return "sshd|failure";
  if (fields.kind === "firewall" && fields.verdict === "drop") return "firewall|drop";
  return undefined;
}
