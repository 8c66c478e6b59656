/**
 * @module Service part of `deno task bench`: UDP loss at set rates, HTTP lines/s accepted,
 * end-to-end classified lines/s on a realistic mix, and receive-to-detection latency at
 * 1,000 lines/s. Starts the real service on free ports with a temp KV file.
 */
import { generate } from "../models/gen/corpus.ts";
import { ALL_TEMPLATES } from "../models/gen/families/mod.ts";
import { type Service, startService } from "./service_harness.ts";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const fmt = (x: number) => Math.round(x).toLocaleString("en-US");

async function settle(svc: Service, key: string, ms = 60_000): Promise<number> {
  let last = -1, same = 0;
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const t = await svc.totals();
    const v = t[key] ?? 0;
    if (v === last && t.classified === (t["received:udp"] ?? 0) + (t["received:http"] ?? 0)) {
      if (++same >= 3) return v;
    } else same = 0;
    last = v;
    await sleep(300);
  }
  return last;
}

/** Sends `rate` datagrams/s for `seconds`; returns [sent, received]. */
async function udpLoss(svc: Service, rate: number, seconds: number): Promise<[number, number]> {
  const before = (await svc.totals())["received:udp"] ?? 0;
  const sock = Deno.listenDatagram({ transport: "udp", hostname: "127.0.0.1", port: 0 });
  const to = { transport: "udp" as const, hostname: "127.0.0.1", port: svc.udpPort };
  const enc = new TextEncoder();
  const t0 = performance.now();
  let sent = 0;
  while (sent < rate * seconds) {
    const due = Math.floor(((performance.now() - t0) / 1000) * rate);
    while (sent < due) {
      await sock.send(
        enc.encode(
          `<38>Mar  7 04:05:06 web sshd[${sent}]: Accepted publickey for u${
            sent % 50
          } from 10.0.0.${sent % 250} port ${sent % 60000} ssh2`,
        ),
        to,
      );
      sent++;
    }
    await sleep(1);
  }
  sock.close();
  const after = await settle(svc, "received:udp");
  return [sent, after - before];
}

/** TCP lines/s framed and committed: `n` newline-framed lines on one connection. */
async function tcpRate(svc: Service, n: number): Promise<number> {
  const before = (await svc.totals())["received:tcp"] ?? 0;
  const chunk = new TextEncoder().encode(
    Array.from({ length: 1000 }, (_, i) => `<38>Mar  7 04:05:06 web app[1]: tcp line ${i}`).join(
      "\n",
    ) + "\n",
  );
  const t0 = performance.now();
  const conn = await Deno.connect({ hostname: "127.0.0.1", port: svc.tcpPort });
  for (let i = 0; i < n; i += 1000) {
    let off = 0;
    while (off < chunk.length) off += await conn.write(chunk.subarray(off));
  }
  conn.close();
  while (((await svc.totals())["received:tcp"] ?? 0) - before < n) await sleep(20);
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

/** Lines of a realistic mix: half repeats of 200 common lines, half distinct generated lines. */
function mix(n: number): string[] {
  const distinct = [...generate({ n: n, seed: 777, templates: ALL_TEMPLATES })].map((s) => s.line);
  const common = distinct.slice(0, 200);
  return Array.from(
    { length: n },
    (_, i) => i % 2 ? common[i % 200] : distinct[200 + (i >> 1) % (distinct.length - 200)],
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

console.log("\n# INSyT service bench (real service, temp KV file, loopback)\n");
const svc = await startService(["--workers", "2", "--max-backlog", "100000"]);
try {
  console.log(
    "config: 2 classify workers, batches of <= 200 lines / 56 KiB / 100 ms, KV file on local disk\n",
  );
  console.log("| UDP rate (dgram/s, 2 s) | sent | received | loss |");
  console.log("|---|---|---|---|");
  for (const rate of [10_000, 20_000, 40_000]) {
    const [sent, got] = await udpLoss(svc, rate, 2);
    console.log(
      `| ${fmt(rate)} | ${fmt(sent)} | ${fmt(got)} | ${(100 * (1 - got / sent)).toFixed(2)} % |`,
    );
  }
  console.log(
    `\nTCP framed and committed to KV (200,000 newline-framed lines, one connection): ${
      fmt(await tcpRate(svc, 200_000))
    } lines/s`,
  );
  console.log(
    `HTTP accepted (1,000-line text bodies, 4 clients, committed to KV before 202): ${
      fmt(await httpRate(svc, 3))
    } lines/s`,
  );
  await settle(svc, "classified", 180_000);
  const lines = mix(20_000);
  console.log(
    `end-to-end classified, 20,000-line mix (half repeats of 200 lines, half distinct): ${
      fmt(await endToEnd(svc, lines))
    } lines/s`,
  );
  const lat = await latency(svc, 1000, 10);
  console.log(
    `receive -> stored detection at 1,000 lines/s for 10 s: ${lat.length} detections, p50 ${
      fmt(pct(lat, 0.5))
    } ms, p99 ${fmt(pct(lat, 0.99))} ms (target < 2,000 ms)`,
  );
} finally {
  await svc.stop();
}
