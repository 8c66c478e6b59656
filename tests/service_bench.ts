/**
 * Service part of `deno task bench`: UDP loss at set rates, HTTP lines/s accepted, end-to-end
 * classified lines/s on a realistic mix, receive-to-detection latency at 1,000 lines/s, and
 * end to end on two lab replays (tests/lab_replays.ts) with and without the settled-template
 * cache and the attack-storm shortcut, plus grouping's cost on the production-like one (`--replays-only`: those alone).
 * Starts the real service on free ports with a temp KV file.
 *
 * @module
 */
import { generate } from "../models/gen/corpus.ts";
import { ALL_TEMPLATES } from "../models/gen/families/mod.ts";
import { type Service, startService } from "./service_harness.ts";
import { attackHeavy, labRuns, productionLike } from "./lab_replays.ts";
import { lineTemplate } from "../lib/formats/template.ts";
import { modelText } from "../lib/classify/line_text.ts";
import { Classifier } from "../lib/classify/classifier.ts";
import { handleBatch, type HandlerOptions } from "../lib/classify/handler.ts";
import { incidentExtension } from "../lib/incidents/extension.ts";
import { cpuSummary, threadCpu } from "./thread_cpu.ts";

// The services' KV files (tens of MB each) go to one scratch directory, removed at the end,
// as `deno task test` does (tests/run_tests.sh): the started services inherit TMPDIR.
const scratch = await Deno.makeTempDir({ prefix: "insyt-bench-" });
Deno.env.set("TMPDIR", scratch);
globalThis.addEventListener("unload", () => Deno.removeSync(scratch, { recursive: true }));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const fmt = (x: number) => Math.round(x).toLocaleString("en-US");

/** Waits (up to `ms`) until `key` stops changing and every received line is classified. */
async function settle(svc: Service, key: string, ms = 60_000): Promise<number> {
  let last = -1, same = 0;
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const t = await svc.totals();
    const v = t[key] ?? 0;
    const received = Object.entries(t).filter(([k]) => k.startsWith("received:"))
      .reduce((sum, [, n]) => sum + n, 0);
    if (v === last && t.classified === received) {
      if (++same >= 3) return v;
    } else same = 0;
    last = v;
    await sleep(300);
  }
  return last;
}

const ROOT = new URL("../", import.meta.url).pathname;

/** Sends `rate` datagrams/s for `seconds` to `port` (tests/udp_send.py); returns the count sent and the rate reached. */
async function sendUdp(port: number, rate: number, seconds: number): Promise<[number, number]> {
  const out = await new Deno.Command("/usr/bin/python3", {
    args: [`${ROOT}tests/udp_send.py`, String(port), String(rate), String(seconds)],
    stderr: "inherit",
  }).output();
  if (!out.success) throw new Error("udp_send.py failed");
  const r = JSON.parse(new TextDecoder().decode(out.stdout));
  return [r.sent, r.sent / r.seconds];
}

/** The baseline: a bare Deno receiver in its own process that only counts datagrams. */
async function bareReceiver() {
  const child = new Deno.Command("deno", {
    args: ["run", "--quiet", "--allow-net", `${ROOT}tests/udp_bare_receiver.ts`],
    stdin: "piped",
    stdout: "piped",
  }).spawn();
  const lines = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  const w = child.stdin.getWriter();
  const next = async () => Number((await lines.read()).value);
  const port = await next();
  return {
    port,
    async count() {
      await w.write(new TextEncoder().encode("count\n"));
      return await next();
    },
    async close() {
      await w.close();
      await lines.cancel();
      await child.status;
    },
  };
}

/** Loss of a receiver at `rate` for `seconds`: `count` reads its running total. */
async function udpLoss(
  port: number,
  count: () => Promise<number>,
  rate: number,
  seconds: number,
): Promise<{ sent: number; got: number; rate: number }> {
  const before = await count();
  const [sent, reached] = await sendUdp(port, rate, seconds);
  let got = await count(), same = 0;
  while (same < 3) {
    await sleep(200);
    const now = await count();
    same = now === got ? same + 1 : 0;
    got = now;
  }
  return { sent, got: got - before, rate: reached };
}

/** TCP lines/s framed and committed: `n` newline-framed lines on one connection. */
async function tcpRate(svc: Service, n: number): Promise<number> {
  const before = (await svc.totals())["received:tcp"] ?? 0;
  const block = Array.from(
    { length: 1000 },
    (_, i) => `<38>Mar  7 04:05:06 web app[1]: tcp line ${i}`,
  );
  const t0 = performance.now();
  await svc.sendTcp(block, n);
  while (((await svc.totals())["received:tcp"] ?? 0) - before < n) {
    if (performance.now() - t0 > 120_000) throw new Error("TCP lines missing after 2 min");
    await sleep(20);
  }
  return n / ((performance.now() - t0) / 1000);
}

/** HTTP lines/s accepted with 1,000-line bodies and 4 clients for `seconds`. */
async function httpRate(svc: Service, seconds: number): Promise<number> {
  const body = Array.from({ length: 1000 }, (_, i) => `Mar  7 04:05:06 web app[1]: request ${i} ok`)
    .join("\n");
  let lines = 0;
  const end = performance.now() + seconds * 1000;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: 4 }, async () => {
    while (performance.now() < end) {
      const res = await svc.api("/api/logs", {
        method: "POST",
        headers: { "content-type": "text/plain" },
        body,
      });
      if (res.status === 202) lines += (await res.json()).accepted;
      else await res.body?.cancel();
    }
  }));
  return lines / ((performance.now() - t0) / 1000);
}

/** True when line `i` is one of a `share` spread evenly: the running count steps up. */
const stepsUp = (i: number, share: number) => Math.floor((i + 1) * share) > Math.floor(i * share);

/**
 * A mix of `n` lines: a `repeated` share are repeats of 200 common lines, the rest distinct.
 * `attacks` is the share of attack lines; without it, the corpus's (63 %).
 */
function mix(n: number, repeated: number, seed: number, attacks?: number): string[] {
  let lines = [
    ...generate({ n: attacks === undefined ? n : 3 * n, seed, templates: ALL_TEMPLATES }),
  ]
    .map((s) => ({ line: s.line, attack: s.label !== "benign" }));
  if (attacks !== undefined) {
    const benign = lines.filter((s) => !s.attack), attack = lines.filter((s) => s.attack);
    let b = 0, a = 0;
    lines = Array.from({ length: n }, (_, i) => stepsUp(i, attacks) ? attack[a++] : benign[b++]);
  }
  const distinct = lines.map((s) => s.line);
  const common = distinct.slice(0, 200);
  let next = 200;
  return Array.from(
    { length: n },
    (_, i) => stepsUp(i, repeated) ? common[i % 200] : distinct[next++],
  );
}

/** Posts the mix and times until every line is classified. */
async function endToEnd(svc: Service, lines: string[]): Promise<number> {
  const before = (await svc.totals()).classified ?? 0;
  const t0 = performance.now();
  for (let i = 0; i < lines.length; i += 1000) {
    const res = await svc.api("/api/logs", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ lines: lines.slice(i, i + 1000) }),
    });
    await res.body?.cancel();
  }
  while (((await svc.totals()).classified ?? 0) - before < lines.length) await sleep(100);
  return lines.length / ((performance.now() - t0) / 1000);
}

/**
 * Lines/s of the queue handler alone on `lines` (200-line batches, a fresh classifier and KV
 * file each pass) without and with incident grouping, passes alternating, best of two each.
 */
async function groupingCost(lines: string[]): Promise<[number, number]> {
  const best = [0, 0];
  for (const grouped of [0, 1, 0, 1]) {
    const dir = await Deno.makeTempDir({ prefix: "insyt-bench-" });
    const kv = await Deno.openKv(`${dir}/kv`);
    const classifier = await Classifier.load();
    const opts: HandlerOptions = {
      retentionMs: 3_600_000,
      contextLines: 3,
      ...(grouped
        ? { extend: incidentExtension(kv, { windowMs: 900_000, retentionMs: 3_600_000 }) }
        : {}),
    };
    const t0 = performance.now();
    for (let i = 0; i < lines.length; i += 200) {
      await handleBatch(kv, (l) => classifier.classify(l), {
        kind: "batch",
        id: `b${i}`,
        segments: [{
          lines: lines.slice(i, i + 200),
          receivedAt: Date.now(),
          source: { transport: "http", host: "web" },
        }],
      }, opts);
    }
    best[grouped] = Math.max(best[grouped], lines.length / ((performance.now() - t0) / 1000));
    kv.close();
    await Deno.remove(dir, { recursive: true });
  }
  return [best[0], best[1]];
}

/** Sends attack lines at `rate`/s for `seconds`; returns receive-to-detection latencies (ms). */
async function latency(svc: Service, rate: number, seconds: number): Promise<number[]> {
  const sinceMs = Date.now();
  const tag = crypto.randomUUID().slice(0, 8);
  for (let s = 0; s < seconds * 10; s++) {
    const t = performance.now();
    const lines = Array.from(
      { length: rate / 10 },
      (_, i) =>
        `Mar  7 04:05:06 web sshd[9]: Failed password for invalid user ${tag}${s}x${i} from 203.0.113.9 port ${i} ssh2`,
    );
    const res = await svc.api("/api/logs", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ lines }),
    });
    await res.body?.cancel();
    await sleep(Math.max(0, 100 - (performance.now() - t)));
  }
  await sleep(3000);
  const lat: number[] = [];
  let cursor: string | null = null;
  do {
    const q: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : "";
    const page: {
      items: { line: string; receivedAt: number; classifiedAt: number }[];
      cursor: string | null;
    } = await (await svc.api(`/api/detections?limit=500&since=${sinceMs}${q}`)).json();
    for (const d of page.items) if (d.line.includes(tag)) lat.push(d.classifiedAt - d.receivedAt);
    cursor = page.cursor;
  } while (cursor);
  return lat.sort((a, b) => a - b);
}

const pct = (xs: number[], p: number) =>
  xs[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? NaN;

/**
 * UDP loss at each rate: a bare receiver and the service with the system's socket buffer,
 * and the service with its own (the default, `--udp-buffer-mb 4`), in one run.
 */
async function udpTable() {
  const rmem = Deno.readTextFileSync("/proc/sys/net/core/rmem_default").trim();
  const args = ["--workers", "2", "--max-backlog", "100000"];
  const plain = await startService([...args, "--udp-buffer-mb", "0"]);
  const tuned = await startService(args);
  const bare = await bareReceiver();
  const received = (svc: Service) => async () => (await svc.totals())["received:udp"] ?? 0;
  const health = async (svc: Service) => (await (await svc.api("/api/health")).json()).syslogUdp;
  try {
    const buffer = (await health(tuned)).receiveBufferBytes;
    console.log(
      `\nUDP loss, 2 s per rate; system buffer net.core.rmem_default = ${fmt(Number(rmem))} B; ` +
        `the service's own buffer as the kernel reports it: ${fmt(buffer)} B\n`,
    );
    console.log(
      "| rate (dgram/s) | bare Deno receiver, system buffer (baseline) | INSyT, system buffer " +
        "(`--udp-buffer-mb 0`) | INSyT, default (own 4 MiB buffer) | kernel-counted drops, " +
        "default | rate the sender reached, default |",
    );
    console.log("|---|---|---|---|---|---|");
    const loss = (r: { sent: number; got: number }) =>
      `${(100 * (1 - r.got / r.sent)).toFixed(2)} %`;
    for (const rate of [10_000, 20_000, 40_000, 60_000, 100_000]) {
      const b = await udpLoss(bare.port, bare.count, rate, 2);
      const p = await udpLoss(plain.udpPort, received(plain), rate, 2);
      const dropsBefore = (await health(tuned)).kernelDrops;
      const t = await udpLoss(tuned.udpPort, received(tuned), rate, 2);
      const drops = (await health(tuned)).kernelDrops - dropsBefore;
      console.log(
        `| ${fmt(rate)} | ${loss(b)} | ${loss(p)} | ${loss(t)} | ${fmt(drops)} | ${fmt(t.rate)} |`,
      );
    }
  } finally {
    await bare.close();
    await plain.stop();
    await tuned.stop();
  }
}

// `--replays-only` measures the lab replays alone.
if (!Deno.args.includes("--replays-only")) await ingestAndMixes();

async function ingestAndMixes() {
  console.log("\n# INSyT service bench (real service, temp KV file, loopback)\n");
  console.log(
    "config: --workers 2 (one queue worker, 2 model workers; nice 10), UDP received in its own Web Worker, batches of <= 200 " +
      "lines / 56 KiB / 100 ms, KV file on local disk; tests/udp_send.py paces the datagrams",
  );
  await udpTable();

  const svc = await startService(["--workers", "2", "--max-backlog", "100000"]);
  let halfMix = NaN;
  try {
    // Each ingest rate is measured once the workers have caught up, so it is the ingest path's
    // own; the first TCP lines warm up the JIT.
    await tcpRate(svc, 100_000);
    const tcp: number[] = [];
    for (let i = 0; i < 3; i++) {
      await settle(svc, "classified", 180_000);
      tcp.push(await tcpRate(svc, 300_000));
    }
    console.log(
      `\nTCP framed and committed to KV (300,000 newline-framed lines on one connection, after a ` +
        `100,000-line warm-up; three runs): ${tcp.map(fmt).join(", ")} lines/s`,
    );
    await settle(svc, "classified", 180_000);
    console.log(
      `HTTP accepted (1,000-line text bodies, 4 clients, committed to KV before 202): ${
        fmt(await httpRate(svc, 3))
      } lines/s`,
    );
    await settle(svc, "classified", 180_000);
    // The corpus's class shares (63 % attacks) and a host's (5 % attacks), each with half and
    // with 90 % of the lines repeating (same text after masking times, PIDs and addresses).
    for (const attacks of [undefined, 0.05]) {
      for (const [repeated, seed] of [[0.5, 777], [0.9, 778]]) {
        const rate = await endToEnd(svc, mix(20_000, repeated, seed, attacks));
        if (attacks === undefined && repeated === 0.5) halfMix = rate;
        console.log(
          `end-to-end classified, 20,000-line mix, ${
            attacks === undefined ? "63 % attacks (corpus shares)" : `${attacks * 100} % attacks`
          }, ${repeated * 100} % repeats of 200 lines, the rest distinct: ${fmt(rate)} lines/s`,
        );
      }
    }
    const lat = await latency(svc, 1000, 10);
    console.log(
      `receive -> stored detection at 1,000 lines/s for 10 s: ${lat.length} detections, p50 ${
        fmt(pct(lat, 0.5))
      } ms, p99 ${fmt(pct(lat, 0.99))} ms (target < 2,000 ms)`,
    );
  } finally {
    await svc.stop();
  }

  // The same half-repeated mix with one classify worker: how end-to-end scales with workers.
  const one = await startService(["--workers", "1", "--max-backlog", "100000"]);
  try {
    await endToEnd(one, mix(2_000, 0.5, 779));
    const rate = await endToEnd(one, mix(20_000, 0.5, 777));
    console.log(
      `end-to-end classified with 1 classify worker, the 63 % attacks / 50 % repeats mix: ` +
        `${fmt(rate)} lines/s (2 workers: ${fmt(halfMix)}, ${(halfMix / rate).toFixed(2)}x)`,
    );
  } finally {
    await one.stop();
  }
}

// Lab replays (issues "a model that generalises" and "incidents"): tests/lab_replays.ts builds
// them from the captures under data/lab/ (`deno task lab`); without them this part says so and
// measures nothing.
const LAB = Deno.args.find((a) => a.startsWith("--lab="))?.slice(6) ?? `${ROOT}data/lab/`;
const runs = labRuns(LAB);
if (!runs.length) {
  console.log(`\nlab replay: no lab runs under ${LAB} (run \`deno task lab\` first); not measured`);
} else {
  const every = [["0", "0"], ["3", "0"], ["0", "16"], ["3", "16"]];
  // The 5x longer replay draws from the same benign lines: a longer stretch of the same services,
  // as hours of a real stream are, so fewer of its templates are new. Measured with the settled
  // templates on only (off, its rate is the model's on distinct texts, as in the short replay).
  const replays: [string, string[], string[][]][] = [
    [
      "production-like (benign lab lines at volume, 3 attack bursts)",
      productionLike(LAB, runs, 60_000),
      every,
    ],
    [
      "production-like, 5x longer (300,000 benign lab lines, 3 attack bursts)",
      productionLike(LAB, runs, 300_000),
      [["3", "0"], ["3", "16"]],
    ],
    [`attack-heavy (${runs.length} full lab runs)`, attackHeavy(LAB, runs), every],
  ];
  console.log(`\nlab replays from ${runs.join(", ")}, posted as fast as the service takes them:`);
  for (const [name, lines, configs] of replays) {
    const texts = lines.map((l) => modelText(l).text);
    const keys = new Set(texts).size / lines.length;
    const templates = new Set(texts.map(lineTemplate)).size / lines.length;
    console.log(
      `  ${name}: ${fmt(lines.length)} lines, ${(keys * 100).toFixed(0)} % distinct cache keys, ` +
        `${(templates * 100).toFixed(0)} % distinct templates`,
    );
    for (const [after, sample] of configs) {
      const svc = await startService([
        "--workers",
        "2",
        "--max-backlog",
        "100000",
        "--settle-after",
        after,
        "--storm-sample",
        sample,
      ]);
      try {
        const cpu = threadCpu(svc.child.pid);
        const rate = await endToEnd(svc, lines);
        const t = await svc.totals();
        console.log(
          `    --settle-after ${after} --storm-sample ${sample}: ${fmt(rate)} lines/s end to end, ${
            ((t.shortcut ?? 0) / lines.length * 100).toFixed(0)
          } % of lines counted by the storm shortcut; ${
            cpuSummary(cpu, threadCpu(svc.child.pid), lines.length / rate)
          }`,
        );
      } finally {
        await svc.stop();
      }
    }
  }
  const [base, grouped] = await groupingCost(replays[0][1].slice(0, 20_000));
  console.log(
    `  grouping cost, production-like replay (first 20,000 lines, queue handler in-process with ` +
      `the real classifier, 200-line batches, alternating, best of 2): ${fmt(base)} lines/s ` +
      `without incident grouping, ${fmt(grouped)} with (${
        ((base / grouped - 1) * 100).toFixed(1)
      } % slower; target <= 10 %)`,
  );
}
