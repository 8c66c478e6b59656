/**
 * Benign host system noise: cron, systemd, kernel, package managers, network and time daemons.
 *
 * @module
 */
import type { Ctx, Template } from "../types.ts";
import { syslog } from "../format.ts";
import { anyHost, hostLanIp } from "./host_common.ts";
import {
  CRON_CMDS,
  CRON_USERS,
  DISKS,
  IFACES,
  TARGETS,
  UNIT_DESC,
  UNITS,
} from "./host_sys_data.ts";
export { CRON_CMDS, IFACES, UNITS } from "./host_sys_data.ts";

type Msg = (ctx: Ctx) => string;

/** A benign syslog-framed template: `app[pid]: msg` from one of the site's hosts. */
export function sys(
  family: string,
  weight: number,
  app: string,
  fac: string,
  pid: boolean,
  msg: Msg,
): Template {
  return {
    family,
    label: "benign",
    weight,
    make: (ctx) =>
      syslog(ctx, anyHost(ctx), app, pid ? ctx.rng.int(200, 99999) : null, msg(ctx), fac),
  };
}

const cronTpls: Template[] = [
  sys(
    "cron",
    6,
    "CRON",
    "cron",
    true,
    (c) => `(${c.rng.pick(CRON_USERS)}) CMD (${c.rng.pick(CRON_CMDS)})`,
  ),
  sys(
    "cron",
    2,
    "crond",
    "cron",
    true,
    (c) => `(${c.rng.pick(CRON_USERS)}) CMD (${c.rng.pick(CRON_CMDS)})`,
  ),
  sys("cron", 5, "CRON", "authpriv", true, (c) => {
    const u = c.rng.pick(CRON_USERS);
    const uid = u === "root" ? 0 : c.rng.int(33, 120);
    return c.rng.pick([
      `pam_unix(cron:session): session opened for user ${u}(uid=${uid}) by (uid=0)`,
      `pam_unix(cron:session): session opened for user ${u} by (uid=0)`,
      `pam_unix(cron:session): session closed for user ${u}`,
    ]);
  }),
  sys("cron", 1, "anacron", "cron", true, (c) => {
    const j = c.rng.pick(["cron.daily", "cron.weekly", "cron.monthly"]);
    return c.rng.pick([
      `Job \`${j}' started`,
      `Job \`${j}' terminated`,
      `Normal exit (${c.rng.int(0, 3)} jobs run)`,
      `Anacron 2.3 started on ${c.now.toISOString().slice(0, 10)}`,
      `Will run job \`${j}' in ${c.rng.int(5, 45)} min.`,
      `Jobs will be executed sequentially`,
    ]);
  }),
  sys(
    "cron",
    1,
    "run-parts(/etc/cron.hourly)",
    "cron",
    true,
    (c) =>
      `${c.rng.pick(["starting", "finished"])} ${
        c.rng.pick(["0anacron", "logrotate", "man-db", "mlocate"])
      }`,
  ),
  sys("cron", 1, "cron", "cron", true, (c) =>
    c.rng.pick([
      "(CRON) INFO (pidfile fd = 3)",
      "(CRON) INFO (Running @reboot jobs)",
      `(CRON) INFO (Skipping @reboot jobs -- not system startup)`,
      `(*system*${c.rng.pick(["", "php", "sysstat"])}) RELOAD (/etc/cron.d/${
        c.rng.pick(["php", "sysstat", "certbot", "e2scrub_all"])
      })`,
    ])),
];

const sdTpls: Template[] = [
  sys("systemd", 8, "systemd", "daemon", true, (c) => {
    const { rng } = c;
    const d = rng.pick(UNIT_DESC), u = rng.pick(UNITS);
    return rng.weighted<string>([
      [`Starting ${d}...`, 3],
      [`Started ${d}.`, 3],
      [`Finished ${d}.`, 2],
      [`Stopped ${d}.`, 1],
      [`Stopping ${d}...`, 1],
      [`${u}: Succeeded.`, 2],
      [`${u}: Deactivated successfully.`, 3],
      [`${u}: Consumed ${rng.int(0, 40)}.${rng.int(100, 999)}s CPU time.`, 2],
      [
        `${u}: Consumed ${rng.int(1, 900)}ms CPU time, ${rng.int(1, 300)}.${
          rng.int(0, 9)
        }M memory peak, ${rng.int(0, 40)}.${rng.int(0, 9)}M read from disk.`,
        1,
      ],
      [`Reached target ${rng.pick(TARGETS)}.`, 2],
      [`Stopped target ${rng.pick(TARGETS)}.`, 1],
      [`Started Session ${rng.int(1, 9000)} of User ${rng.pick([...c.sc.users, "root"])}.`, 3],
      [
        `Started session-${rng.int(1, 9000)}.scope - Session ${rng.int(1, 9000)} of User ${
          rng.pick(c.sc.users)
        }.`,
        1,
      ],
      [`Created slice User Slice of UID ${rng.int(1000, 1050)}.`, 1],
      [`Removed slice User Slice of UID ${rng.int(1000, 1050)}.`, 1],
      [`Starting User Manager for UID ${rng.int(0, 1050)}...`, 1],
      [
        `${rng.pick(UNITS).replace(".service", ".timer")}: Adding ${rng.int(1, 59)}min ${
          rng.int(1, 59)
        }.${rng.int(100, 999)}s random time.`,
        1,
      ],
      [`Reloading.`, 1],
      [
        `Listening on ${
          rng.pick([
            "D-Bus User Message Bus Socket",
            "GnuPG cryptographic agent and passphrase cache",
            "Docker Socket for the API",
          ])
        }.`,
        1,
      ],
      [
        `Startup finished in ${rng.int(1, 9)}.${rng.int(100, 999)}s (kernel) + ${rng.int(2, 40)}.${
          rng.int(100, 999)
        }s (userspace) = ${rng.int(4, 50)}.${rng.int(100, 999)}s.`,
        1,
      ],
      [`${u}: Main process exited, code=exited, status=0/SUCCESS`, 1],
    ]);
  }),
];

const kernTpls: Template[] = [
  sys("kernel", 6, "kernel", "kern", false, (c) => {
    const { rng } = c;
    const t = `[${String(rng.int(1, 9_000_000)).padStart(5, " ")}.${
      String(rng.int(0, 999999)).padStart(6, "0")
    }] `;
    const ts = rng.chance(0.6) ? t : "";
    const ifc = rng.pick(IFACES), dk = rng.pick(DISKS);
    return ts + rng.weighted<string>([
      [
        `${ifc}: Link is Up - ${rng.pick(["1Gbps", "10Gbps", "100Mbps"])}/Full - flow control ${
          rng.pick(["rx/tx", "off"])
        }`,
        2,
      ],
      [`e1000e: ${ifc} NIC Link is Up 1000 Mbps Full Duplex, Flow Control: Rx/Tx`, 1],
      [`${ifc}: Link is Down`, 1],
      [`IPv6: ADDRCONF(NETDEV_CHANGE): ${ifc}: link becomes ready`, 1],
      [
        `EXT4-fs (${dk}): mounted filesystem ${rng.hex(8)}-${rng.hex(4)}-${rng.hex(4)}-${
          rng.hex(4)
        }-${rng.hex(12)} r/w with ordered data mode. Quota mode: none.`,
        2,
      ],
      [`EXT4-fs (${dk}): re-mounted. Opts: errors=remount-ro`, 1],
      [`EXT4-fs (${dk}): mounted filesystem with ordered data mode. Opts: (null)`, 1],
      [
        `usb ${rng.int(1, 4)}-${rng.int(1, 6)}: new high-speed USB device number ${
          rng.int(2, 20)
        } using xhci_hcd`,
        1,
      ],
      [
        `usb ${rng.int(1, 4)}-${rng.int(1, 6)}: New USB device found, idVendor=${
          rng.hex(4)
        }, idProduct=${rng.hex(4)}, bcdDevice= 1.00`,
        1,
      ],
      [`usb-storage ${rng.int(1, 4)}-${rng.int(1, 6)}:1.0: USB Mass Storage device detected`, 1],
      [
        `Linux version ${
          rng.pick([
            "5.15.0-91-generic",
            "6.1.0-17-amd64",
            "5.10.0-27-amd64",
            "6.8.0-45-generic",
            "4.18.0-513.el8.x86_64",
          ])
        } (buildd@lcy02-amd64-${
          rng.int(10, 99)
        }) (gcc (Ubuntu 11.4.0-1ubuntu1~22.04) 11.4.0, GNU ld (GNU Binutils for Ubuntu) 2.38) #${
          rng.int(1, 120)
        }-Ubuntu SMP`,
        1,
      ],
      [
        `Command line: BOOT_IMAGE=/boot/vmlinuz-${
          rng.pick(["5.15.0-91-generic", "6.1.0-17-amd64"])
        } root=UUID=${rng.hex(8)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(4)}-${
          rng.hex(12)
        } ro quiet splash`,
        1,
      ],
      [
        `Memory: ${rng.int(1000, 64000)}K/${rng.int(1000, 64000)}K available (${
          rng.int(10000, 20000)
        }K kernel code, ${rng.int(1000, 9000)}K rwdata)`,
        1,
      ],
      [
        `TCP: request_sock_TCP: Possible SYN flooding on port ${
          rng.pick([80, 443, 8080, 25])
        }. Sending cookies.  Check SNMP counters.`,
        1,
      ],
      [
        `Out of memory: Killed process ${rng.int(300, 90000)} (${
          rng.pick(["java", "mysqld", "node", "php-fpm8.2", "chrome", "python3"])
        }) total-vm:${rng.int(100000, 9000000)}kB, anon-rss:${
          rng.int(100000, 4000000)
        }kB, file-rss:0kB, shmem-rss:0kB, UID:${rng.pick([0, 33, 113, 1000])} pgtables:${
          rng.int(1000, 9000)
        }kB oom_score_adj:0`,
        1,
      ],
      [
        `${
          rng.pick(["java", "mysqld", "node", "php-fpm8.2"])
        } invoked oom-killer: gfp_mask=0x140cca(GFP_HIGHUSER_MOVABLE|__GFP_COMP), order=0, oom_score_adj=0`,
        1,
      ],
      [`audit: backlog limit exceeded`, 1],
      [`audit: audit_backlog=${rng.int(8193, 9000)} > audit_backlog_limit=8192`, 1],
      [`audit: kauditd hold queue overflow`, 1],
      [
        `[UFW BLOCK] IN=${ifc} OUT= MAC=ff:ff:ff:ff:ff:ff:${rng.hex(2)}:${rng.hex(2)}:${
          rng.hex(2)
        }:${rng.hex(2)}:${rng.hex(2)}:${rng.hex(2)}:08:00 SRC=${
          hostLanIp(c)
        } DST=${c.sc.lan}255 LEN=${rng.int(60, 300)} TOS=0x00 PREC=0x00 TTL=64 ID=${
          rng.int(1, 65000)
        } DF PROTO=UDP SPT=${rng.pick([137, 138, 5353, 1900])} DPT=${
          rng.pick([137, 138, 5353, 1900])
        } LEN=${rng.int(40, 280)}`,
        1,
      ],
      [
        `perf: interrupt took too long (${rng.int(2500, 9000)} > ${
          rng.int(2500, 9000)
        }), lowering kernel.perf_event_max_sample_rate to ${rng.int(20000, 80000)}`,
        1,
      ],
      [`device veth${rng.hex(7)} entered promiscuous mode`, 1],
      [`docker0: port ${rng.int(1, 9)}(veth${rng.hex(7)}) entered forwarding state`, 1],
      [
        `nf_conntrack: default automatic helper assignment has been turned off for security reasons`,
        1,
      ],
      [`sd ${rng.int(0, 3)}:0:0:0: [sda] Attached SCSI disk`, 1],
      [`random: crng init done`, 1],
      [
        `${rng.pick(["php-fpm8.2", "node", "python3", "chrome", "gsd-xsettings", "Xorg"])}[${
          rng.int(300, 99999)
        }]: segfault at ${rng.hex(6)} ip ${rng.hex(12)} sp ${rng.hex(12)} error 4 in ${
          rng.pick(["libc.so.6", "libphp.so", "libglib-2.0.so.0.7200.4", "node"])
        }[${rng.hex(12)}+${rng.hex(5)}]`,
        1,
      ],
    ]);
  }),
];

/** Benign system-noise templates: cron, systemd and kernel. */
export const SYS_TEMPLATES: Template[] = [...cronTpls, ...sdTpls, ...kernTpls];
