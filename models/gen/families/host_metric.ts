/**
 * Metricbeat JSON events: benign system metrics and busy benign processes, and password crackers
 * pinning the CPU.
 *
 * @module
 */
import type { Ctx, Label, Template } from "../types.ts";
import { anyHost } from "./host_common.ts";

const r2 = (x: number) => Math.round(x * 10000) / 10000;

function envelope(ctx: Ctx, host: string, dataset: string, body: Record<string, unknown>): string {
  const { rng } = ctx;
  const v = rng.pick(["7.17.9", "7.17.18", "8.11.3", "8.13.4", "7.10.2"]);
  const ev: Record<string, unknown> = {
    "@timestamp": ctx.now.toISOString(),
    "@metadata": { beat: "metricbeat", type: "_doc", version: v },
    event: { dataset: `system.${dataset}`, module: "system", duration: rng.int(100000, 90000000) },
    metricset: { name: dataset, period: rng.pick([10000, 10000, 30000, 60000]) },
    service: { type: "system" },
    ...body,
    ecs: { version: v.startsWith("8") ? "8.0.0" : "1.12.0" },
    host: rng.chance(0.5) ? { name: host } : {
      name: host,
      hostname: host,
      architecture: "x86_64",
      os: {
        family: "debian",
        name: "Ubuntu",
        version: "22.04.3 LTS (Jammy Jellyfish)",
        kernel: "5.15.0-91-generic",
      },
    },
    agent: {
      type: "metricbeat",
      version: v,
      hostname: host,
      ephemeral_id: `${rng.hex(8)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(12)}`,
    },
  };
  if (rng.chance(0.4)) delete ev["@metadata"];
  return JSON.stringify(ev);
}

function cpuEvent(ctx: Ctx, host: string, busy: number, userShare: number): string {
  const { rng } = ctx;
  const cores = rng.pick([1, 2, 2, 4, 4, 8]);
  const user = busy * userShare;
  const system = Math.max(0, busy - user);
  const idle = Math.max(0, 1 - busy - 0.005);
  const pct = (x: number) => ({ pct: r2(x * cores), norm: { pct: r2(x) } });
  return envelope(ctx, host, "cpu", {
    system: {
      cpu: {
        cores,
        user: pct(user),
        system: pct(system),
        idle: pct(idle),
        iowait: pct(rng.next() * 0.01),
        nice: pct(0),
        irq: pct(0),
        softirq: pct(rng.next() * 0.004),
        steal: pct(0),
        total: pct(busy),
      },
    },
  });
}

function procEvent(
  ctx: Ctx,
  host: string,
  p: { name: string; exe: string; args: string[]; user: string; cpu: number },
): string {
  const { rng } = ctx;
  const cores = rng.pick([1, 2, 2, 4]);
  const pid = rng.int(300, 99999);
  const rss = rng.int(5_000_000, 900_000_000);
  return envelope(ctx, host, "process", {
    process: {
      name: p.name,
      pid,
      ppid: rng.int(1, pid),
      pgid: pid,
      executable: p.exe,
      args: p.args,
      command_line: p.args.join(" "),
      working_directory: rng.pick(["/", "/tmp", p.user === "root" ? "/root" : `/home/${p.user}`]),
      state: "running",
    },
    user: { name: p.user },
    system: {
      process: {
        cpu: {
          total: {
            value: rng.int(1000, 90_000_000),
            pct: r2(p.cpu * cores),
            norm: { pct: r2(p.cpu) },
          },
          start_time: new Date(ctx.now.getTime() - rng.int(10, 900_000) * 1000).toISOString(),
        },
        memory: {
          size: rss * 3,
          rss: { bytes: rss, pct: r2(rng.next() * 0.3) },
          share: rng.int(1_000_000, 20_000_000),
        },
        state: "running",
        cmdline: p.args.join(" "),
      },
    },
  });
}

const BUSY_OK: readonly {
  name: string;
  exe: string;
  args: (c: Ctx) => string[];
  cpu: [number, number];
}[] = [
  {
    name: "nginx",
    exe: "/usr/sbin/nginx",
    args: () => ["nginx: worker process"],
    cpu: [0.001, 0.15],
  },
  { name: "mysqld", exe: "/usr/sbin/mysqld", args: () => ["/usr/sbin/mysqld"], cpu: [0.01, 0.4] },
  {
    name: "php-fpm8.2",
    exe: "/usr/sbin/php-fpm8.2",
    args: () => ["php-fpm: pool www"],
    cpu: [0.01, 0.35],
  },
  {
    name: "java",
    exe: "/usr/lib/jvm/java-17-openjdk-amd64/bin/java",
    args: () => ["java", "-Xmx2g", "-jar", "/opt/app/app.jar"],
    cpu: [0.02, 0.6],
  },
  {
    name: "node",
    exe: "/usr/bin/node",
    args: () => ["node", "/srv/app/server.js"],
    cpu: [0.01, 0.3],
  },
  {
    name: "postgres",
    exe: "/usr/lib/postgresql/15/bin/postgres",
    args: () => ["postgres: autovacuum worker"],
    cpu: [0.01, 0.3],
  },
  {
    name: "metricbeat",
    exe: "/usr/share/metricbeat/bin/metricbeat",
    args: () => ["metricbeat", "-c", "/etc/metricbeat/metricbeat.yml"],
    cpu: [0.001, 0.03],
  },
  {
    name: "sshd",
    exe: "/usr/sbin/sshd",
    args: () => ["sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups"],
    cpu: [0, 0.01],
  },
  {
    name: "ffmpeg",
    exe: "/usr/bin/ffmpeg",
    args: (
      c,
    ) => [
      "ffmpeg",
      "-i",
      `/srv/media/upload_${c.rng.int(1, 9999)}.mov`,
      "-c:v",
      "libx264",
      "-preset",
      "slow",
      `/srv/media/out_${c.rng.int(1, 9999)}.mp4`,
    ],
    cpu: [0.85, 0.99],
  },
  {
    name: "cc1plus",
    exe: "/usr/lib/gcc/x86_64-linux-gnu/12/cc1plus",
    args: () => ["/usr/lib/gcc/x86_64-linux-gnu/12/cc1plus", "-quiet", "-O2", "src/engine.cpp"],
    cpu: [0.8, 0.99],
  },
  { name: "gzip", exe: "/usr/bin/gzip", args: () => ["gzip", "-9"], cpu: [0.6, 0.99] },
  {
    name: "xz",
    exe: "/usr/bin/xz",
    args: () => ["xz", "-T0", "-9", "/var/backups/db.sql"],
    cpu: [0.7, 0.99],
  },
  {
    name: "clamscan",
    exe: "/usr/bin/clamscan",
    args: () => ["clamscan", "-r", "/home"],
    cpu: [0.5, 0.99],
  },
  {
    name: "updatedb.plocate",
    exe: "/usr/sbin/updatedb.plocate",
    args: () => ["/usr/sbin/updatedb.plocate"],
    cpu: [0.2, 0.8],
  },
];

const CRACK: readonly { name: string; exe: string; args: (c: Ctx) => string[] }[] = [
  {
    name: "john",
    exe: "/usr/sbin/john",
    args: (
      c,
    ) => [
      "john",
      `--wordlist=${
        c.rng.pick(["/usr/share/wordlists/rockyou.txt", "rockyou.txt", "/tmp/pw.lst"])
      }`,
      c.rng.pick(["hashes.txt", "/tmp/unshadowed", "shadow.txt", "hash"]),
    ],
  },
  {
    name: "john",
    exe: "/usr/bin/john",
    args: (
      c,
    ) => [
      "john",
      c.rng.pick(["--format=sha512crypt", "--incremental", "--single"]),
      c.rng.pick(["/tmp/h", "passwd.db", "unshadowed.txt"]),
    ],
  },
  {
    name: "hashcat",
    exe: "/usr/bin/hashcat",
    args: (
      c,
    ) => [
      "hashcat",
      "-m",
      c.rng.pick(["1800", "500", "0", "1000", "3200", "13100"]),
      "-a",
      "0",
      "hashes.txt",
      "/usr/share/wordlists/rockyou.txt",
    ],
  },
  {
    name: "hashcat.bin",
    exe: "/opt/hashcat/hashcat.bin",
    args: () => ["./hashcat.bin", "-m", "1800", "-a", "3", "h.txt", "?a?a?a?a?a?a"],
  },
];

const mt = (label: Label, weight: number, make: (c: Ctx) => string): Template => ({
  family: "metricbeat",
  label,
  weight,
  make,
});

/** Metricbeat templates: benign metrics and processes, and cracking runs (credential_access). */
export const METRIC_TEMPLATES: Template[] = [
  mt(
    "benign",
    3,
    (c) =>
      cpuEvent(
        c,
        anyHost(c),
        c.rng.weighted([[c.rng.next() * 0.08, 6], [0.08 + c.rng.next() * 0.5, 3], [
          0.6 + c.rng.next() * 0.3,
          1,
        ]]),
        0.5 + c.rng.next() * 0.4,
      ),
  ),
  mt("benign", 2, (c) => {
    const { rng } = c;
    const total = rng.pick([2, 4, 8, 16, 32]) * 1073741824,
      used = Math.floor(total * (0.2 + rng.next() * 0.7));
    return envelope(c, anyHost(c), "memory", {
      system: {
        memory: {
          total,
          used: { bytes: used, pct: r2(used / total) },
          free: total - used,
          actual: {
            free: total - used + rng.int(0, 900_000_000),
            used: { bytes: used, pct: r2(used / total) },
          },
          swap: {
            total: 1023406080,
            used: { bytes: rng.int(0, 90_000_000), pct: r2(rng.next() * 0.1) },
          },
        },
      },
    });
  }),
  mt("benign", 2, (c) => {
    const { rng } = c;
    return envelope(c, anyHost(c), "network", {
      system: {
        network: {
          name: rng.pick(["eth0", "ens18", "lo", "docker0"]),
          in: {
            bytes: rng.int(1e6, 9e11),
            packets: rng.int(1e4, 9e8),
            errors: 0,
            dropped: rng.int(0, 40),
          },
          out: { bytes: rng.int(1e6, 9e11), packets: rng.int(1e4, 9e8), errors: 0, dropped: 0 },
        },
      },
    });
  }),
  mt("benign", 1, (c) => {
    const { rng } = c;
    const total = rng.int(20, 900) * 1073741824, used = Math.floor(total * rng.next());
    return envelope(c, anyHost(c), "filesystem", {
      system: {
        filesystem: {
          device_name: rng.pick(["/dev/sda1", "/dev/vda1", "/dev/mapper/vg0-root"]),
          mount_point: rng.pick(["/", "/var", "/home", "/srv"]),
          type: rng.pick(["ext4", "xfs"]),
          total,
          used: { bytes: used, pct: r2(used / total) },
          free: total - used,
          available: total - used,
          files: rng.int(1e6, 9e7),
          free_files: rng.int(1e5, 9e6),
        },
      },
    });
  }),
  mt("benign", 1, (c) => {
    const { rng } = c;
    return envelope(c, anyHost(c), "socket_summary", {
      system: {
        socket: {
          summary: {
            all: { count: rng.int(20, 900), listening: rng.int(5, 40) },
            tcp: {
              all: {
                count: rng.int(10, 800),
                established: rng.int(2, 400),
                time_wait: rng.int(0, 300),
                listening: rng.int(3, 30),
                close_wait: rng.int(0, 5),
              },
              memory: rng.int(4096, 900000),
            },
            udp: { all: { count: rng.int(2, 30) }, memory: rng.int(0, 40000) },
          },
        },
      },
    });
  }),
  mt("benign", 4, (c) => {
    const p = c.rng.pick(BUSY_OK);
    const user = p.name === "gzip" || p.name === "xz"
      ? "backup"
      : c.rng.pick(["root", "www-data", "mysql", "app", c.rng.pick(c.sc.users)]);
    return procEvent(c, anyHost(c), {
      name: p.name,
      exe: p.exe,
      args: p.args(c),
      user,
      cpu: p.cpu[0] + c.rng.next() * (p.cpu[1] - p.cpu[0]),
    });
  }),
  mt("credential_access", 4, (c) => {
    const p = c.rng.pick(CRACK);
    const user = c.rng.pick(["www-data", "root", "kali", c.rng.pick(c.sc.users), "ubuntu"]);
    return procEvent(c, anyHost(c), {
      name: p.name,
      exe: p.exe,
      args: p.args(c),
      user,
      cpu: 0.93 + c.rng.next() * 0.07,
    });
  }),
  mt(
    "credential_access",
    1,
    (c) => cpuEvent(c, anyHost(c), 0.96 + c.rng.next() * 0.039, 0.95 + c.rng.next() * 0.04),
  ),
];
