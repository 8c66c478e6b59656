/**
 * Runs an actor's command inside a lab network namespace and a UTS namespace of its own (so
 * the host's hostname never leaks into HELO lines or lookups), bounded by `timeout`.
 *
 * @module
 */
import { type Done, run, spawnLive } from "./proc.ts";

/** One actor: the namespace it lives in and the hostname it shows. */
export interface Actor {
  ns: string;
  host: string;
  /** Working directory of its commands (inside the run directory: tools drop files there). */
  cwd: string;
}

function wrap(a: Actor, argv: string[]): string[] {
  return [
    "ip",
    "netns",
    "exec",
    a.ns,
    "unshare",
    "--uts",
    "sh",
    "-c",
    'hostname "$0" && exec "$@"',
    a.host,
    ...argv,
  ];
}

/** Runs `argv` as actor `a`, bounded by `timeoutS`. */
export function act(a: Actor, argv: string[], timeoutS: number, stdin?: string): Promise<Done> {
  return run(wrap(a, argv), timeoutS, stdin, a.cwd);
}

/** Starts a long-lived process (a listener) as actor `a`; it is ended by PID at teardown. */
export function actLive(a: Actor, argv: string[], timeoutS: number, log: string) {
  return spawnLive(wrap(a, argv), timeoutS, log, a.cwd);
}
