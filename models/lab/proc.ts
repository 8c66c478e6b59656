/**
 * Runs lab commands: every one bounded by `timeout`, every long-lived one recorded by PID so
 * teardown can end it by PID (never by name).
 *
 * @module
 */

/** The result of a finished bounded command. */
export interface Done {
  code: number;
  stdout: string;
  stderr: string;
}

const dec = new TextDecoder();

/** PIDs of the long-lived processes this run started, in start order. */
const live = new Map<number, Deno.ChildProcess>();
/** PIDs of bounded commands still running. */
const running = new Set<number>();

let commandLog: string | undefined;

/** Appends every bounded command's argv, exit code and stderr tail to `path` from now on. */
export function logCommandsTo(path: string): void {
  commandLog = path;
}

/**
 * Runs `argv` under `timeout -k 2 SECONDS` (in `cwd`, where tools drop files such as
 * hydra.restore) and waits for it; never throws on a non-zero exit.
 */
export async function run(
  argv: string[],
  timeoutS: number,
  stdin?: string,
  cwd?: string,
): Promise<Done> {
  const cmd = new Deno.Command("timeout", {
    args: ["-k", "2", String(timeoutS), ...argv],
    cwd,
    stdin: stdin === undefined ? "null" : "piped",
    stdout: "piped",
    stderr: "piped",
  });
  const child = cmd.spawn();
  running.add(child.pid);
  if (stdin !== undefined) {
    const w = child.stdin.getWriter();
    await w.write(new TextEncoder().encode(stdin)).catch(() => {});
    await w.close().catch(() => {});
  }
  const out = await child.output();
  running.delete(child.pid);
  const done = { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
  if (commandLog) {
    const entry = `${new Date().toISOString()} rc=${done.code} ${argv.join(" ").slice(0, 400)}\n` +
      (done.code ? done.stderr.slice(-600) + done.stdout.slice(-300) + "\n" : "");
    await Deno.writeTextFile(commandLog, entry, { append: true }).catch(() => {});
  }
  return done;
}

/** Like {@link run} but throws with the command's stderr when it exits non-zero. */
export async function must(argv: string[], timeoutS = 30, stdin?: string): Promise<string> {
  const r = await run(argv, timeoutS, stdin);
  if (r.code !== 0) throw new Error(`${argv.join(" ")} exited ${r.code}: ${r.stderr.trim()}`);
  return r.stdout;
}

/** Starts a long-lived process (bounded by `timeout` too) with its stdio sent to `logFile`. */
export function spawnLive(argv: string[], timeoutS: number, logFile: string, cwd?: string): number {
  const f = Deno.openSync(logFile, { write: true, create: true, append: true });
  const child = new Deno.Command("timeout", {
    args: ["-k", "2", String(timeoutS), ...argv],
    cwd,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const sink = async (s: ReadableStream<Uint8Array>) => {
    for await (const b of s) f.writeSync(b);
  };
  Promise.all([sink(child.stdout), sink(child.stderr)]).catch(() => {}).finally(() => f.close());
  live.set(child.pid, child);
  child.status.then(() => live.delete(child.pid));
  return child.pid;
}

/** The PIDs this run still has alive: long-lived and bounded ones. */
export function livePids(): number[] {
  return [...live.keys(), ...running];
}

function signal(pid: number, sig: Deno.Signal): void {
  try {
    Deno.kill(pid, sig);
  } catch { /* already gone */ }
}

/** Ends every process this run started, by PID: SIGTERM, then SIGKILL after `graceMs`. */
export async function killAll(graceMs = 3000): Promise<void> {
  const all = livePids().reverse();
  for (const pid of all) signal(pid, "SIGTERM");
  const until = Date.now() + graceMs;
  while (live.size + running.size > 0 && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 100));
  }
  for (const pid of livePids()) signal(pid, "SIGKILL");
  await Promise.all([...live.values()].map((c) => c.status.catch(() => {})));
}

/** True when a process with this PID exists. */
export function alive(pid: number): boolean {
  try {
    Deno.statSync(`/proc/${pid}`);
    return true;
  } catch {
    return false;
  }
}
