/**
 * Bench helper: CPU seconds a process's threads used, by thread name (Linux /proc), so a bench
 * can say where an end-to-end run spent its cores: Deno names each Web Worker's thread
 * `worker-N`, its main thread `deno`, V8's helpers `V8 DefaultWorke`; `sw-*` threads run the
 * blocking work of the runtime's ops (Deno KV's SQLite among them).
 *
 * @module
 */

const TICKS_PER_S = 100; // USER_HZ on Linux

/** CPU seconds (user + system) per thread of `pid`, keyed `tid:name`. */
export function threadCpu(pid: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const e of Deno.readDirSync(`/proc/${pid}/task`)) {
    try {
      const stat = Deno.readTextFileSync(`/proc/${pid}/task/${e.name}/stat`);
      const name = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      out.set(`${e.name}:${name}`, (Number(f[11]) + Number(f[12])) / TICKS_PER_S);
    } catch { /* the thread ended meanwhile */ }
  }
  return out;
}

/** One line: the CPU used between two readings, summed by thread kind, and the cores it kept busy. */
export function cpuSummary(
  before: Map<string, number>,
  after: Map<string, number>,
  seconds: number,
): string {
  const kinds = new Map<string, number>();
  for (const [k, v] of after) {
    const name = k.slice(k.indexOf(":") + 1);
    const kind = name === "deno"
      ? "main thread"
      : /^worker-/.test(name)
      ? "Web Workers"
      : /^sw-/.test(name)
      ? "blocking ops (KV)"
      : /^V8 /.test(name)
      ? "V8 helpers"
      : "other";
    kinds.set(kind, (kinds.get(kind) ?? 0) + v - (before.get(k) ?? 0));
  }
  const total = [...kinds.values()].reduce((a, b) => a + b, 0);
  const parts = [...kinds].filter(([, v]) => v >= 0.05).sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${v.toFixed(1)}`);
  return `service CPU ${total.toFixed(1)} s (${(total / seconds).toFixed(2)} cores): ${
    parts.join(", ")
  } s`;
}
