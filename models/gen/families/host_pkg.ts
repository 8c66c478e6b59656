/**
 * Benign host noise from package managers and network, time, logging, disk and snap daemons.
 *
 * @module
 */
import type { Ctx, Template } from "../types.ts";
import { hostLanIp } from "./host_common.ts";
import { IFACES, sys, UNITS } from "./host_sys.ts";

const PKGS = [
  "openssl",
  "libssl3",
  "openssh-server",
  "openssh-client",
  "curl",
  "libcurl4",
  "nginx",
  "nginx-common",
  "apache2",
  "linux-image-6.1.0-18-amd64",
  "tzdata",
  "sudo",
  "bash",
  "libc6",
  "systemd",
  "python3.11",
  "php8.2-fpm",
  "postgresql-15",
  "mariadb-server",
  "git",
  "vim",
  "wget",
  "ca-certificates",
  "libxml2",
  "tar",
  "rsync",
  "docker-ce",
];

function ver(ctx: Ctx): string {
  const { rng } = ctx;
  return rng.pick([
    `${rng.int(1, 9)}.${rng.int(0, 30)}.${rng.int(0, 20)}-${rng.int(1, 9)}`,
    `${rng.int(1, 3)}.${rng.int(0, 9)}.${rng.int(0, 9)}-${rng.int(1, 9)}~deb12u${rng.int(1, 4)}`,
    `${rng.int(1, 9)}.${rng.int(0, 9)}-${rng.int(1, 9)}ubuntu${rng.int(1, 9)}.${rng.int(1, 20)}`,
    `1:${rng.int(7, 9)}.${rng.int(0, 9)}p1-${rng.int(1, 9)}`,
  ]);
}

function dpkgTime(ctx: Ctx): string {
  return ctx.now.toISOString().slice(0, 19).replace("T", " ");
}

const pkgTpls: Template[] = [
  {
    family: "dpkg",
    label: "benign",
    weight: 3,
    make: (c) => {
      const { rng } = c;
      const p = `${rng.pick(PKGS)}:${rng.pick(["amd64", "amd64", "all", "arm64"])}`, v = ver(c);
      return `${dpkgTime(c)} ` + rng.pick([
        `status installed ${p} ${v}`,
        `status unpacked ${p} ${v}`,
        `status half-configured ${p} ${v}`,
        `status half-installed ${p} ${v}`,
        `upgrade ${p} ${ver(c)} ${v}`,
        `install ${p} <none> ${v}`,
        `configure ${p} ${v} <none>`,
        `trigproc man-db:amd64 2.11.2-2 <none>`,
        `startup packages configure`,
        `startup archives unpack`,
        `status triggers-pending man-db:amd64 2.11.2-2`,
        `remove ${p} ${v} <none>`,
      ]);
    },
  },
  {
    family: "apt_history",
    label: "benign",
    weight: 2,
    make: (c) => {
      const { rng } = c;
      const ps = rng.sample(PKGS, rng.int(1, 4));
      return rng.pick([
        `Start-Date: ${dpkgTime(c).replace(" ", "  ")}`,
        `End-Date: ${dpkgTime(c).replace(" ", "  ")}`,
        `Commandline: apt-get install -y ${ps.join(" ")}`,
        `Commandline: apt install ${ps.join(" ")}`,
        `Commandline: /usr/bin/unattended-upgrade`,
        `Commandline: apt-get -y upgrade`,
        `Commandline: apt full-upgrade`,
        `Requested-By: ${rng.pick(c.sc.admins)} (${rng.int(1000, 1020)})`,
        `Upgrade: ${ps.map((p) => `${p}:amd64 (${ver(c)}, ${ver(c)})`).join(", ")}`,
        `Install: ${
          ps.map((p) => `${p}:amd64 (${ver(c)}${rng.chance(0.4) ? ", automatic" : ""})`).join(", ")
        }`,
      ]);
    },
  },
  {
    family: "unattended_upgrades",
    label: "benign",
    weight: 1,
    make: (c) => {
      const { rng } = c;
      const t = `${dpkgTime(c)},${rng.int(100, 999)}`;
      return `${t} INFO ` + rng.pick([
        "Starting unattended upgrades script",
        "Checking if system is running on battery is skipped. Please install powermgmt-base package to check power status and skip installing updates when the system is running on battery.",
        `Allowed origins are: origin=Debian,codename=bookworm,label=Debian, origin=Debian,codename=bookworm,label=Debian-Security, origin=Debian,codename=bookworm-security,label=Debian-Security`,
        "Initial blacklist: ",
        "Initial whitelist (not strict): ",
        "No packages found that can be upgraded unattended and no pending auto-removals",
        `Packages that will be upgraded: ${rng.sample(PKGS, rng.int(1, 5)).join(" ")}`,
        "Writing dpkg log to /var/log/unattended-upgrades/unattended-upgrades-dpkg.log",
        "All upgrades installed",
        "Package installation log:",
      ]);
    },
  },
  sys(
    "packagekit",
    1,
    "PackageKit",
    "daemon",
    false,
    (c) =>
      c.rng.pick([
        `daemon start`,
        `daemon quit`,
        `get-updates transaction /${c.rng.int(1, 900)}_${c.rng.hex(8)} from uid ${
          c.rng.int(1000, 1010)
        } finished with success after ${c.rng.int(10, 9000)}ms`,
        `refresh-cache transaction /${c.rng.int(1, 900)}_${
          c.rng.hex(8)
        } from uid 0 finished with success after ${c.rng.int(500, 9000)}ms`,
      ]),
  ),
];

const netTpls: Template[] = [
  sys("systemd", 2, "systemd-logind", "authpriv", true, (c) => {
    const n = c.rng.int(1, 9000);
    return c.rng.pick([
      `New session ${n} of user ${c.rng.pick(c.sc.users)}.`,
      `Session ${n} logged out. Waiting for processes to exit.`,
      `Removed session ${n}.`,
      `New seat seat0.`,
      `Watching system buttons on /dev/input/event0 (Power Button)`,
    ]);
  }),
  sys("systemd", 1, "systemd-journald", "daemon", true, (c) =>
    c.rng.pick([
      `Journal started`,
      `Runtime Journal (/run/log/journal/${c.rng.hex(32)}) is ${c.rng.int(1, 9)}.${
        c.rng.int(0, 9)
      }M, max ${c.rng.int(30, 200)}.${c.rng.int(0, 9)}M, ${c.rng.int(20, 190)}.${
        c.rng.int(0, 9)
      }M free.`,
      `Data hash table of /var/log/journal/${
        c.rng.hex(32)
      }/system.journal has a fill level at 75.0 (${c.rng.int(5000, 90000)} of ${
        c.rng.int(90000, 120000)
      } items, ${c.rng.int(10, 90)}M file size, ${
        c.rng.int(100, 900)
      } bytes per hash table item), suggesting rotation.`,
      `Suppressed ${c.rng.int(10, 9000)} messages from ${c.rng.pick(UNITS)}`,
      `Time spent on flushing to /var/log/journal/${c.rng.hex(32)} is ${c.rng.int(1, 90)}.${
        c.rng.int(100, 999)
      }ms for ${c.rng.int(100, 2000)} entries.`,
    ])),
  sys("pkexec", 1, "pkexec", "authpriv", true, (c) => {
    const u = c.rng.pick(c.sc.admins);
    return `${u}: Executing command [USER=root] [TTY=unknown] [CWD=/home/${u}] [COMMAND=${
      c.rng.pick([
        "/usr/lib/update-notifier/package-system-locked",
        "/usr/sbin/synaptic",
        "/usr/lib/x86_64-linux-gnu/cinnamon-settings-daemon/csd-backlight-helper --set-brightness 80",
        "/usr/bin/gparted",
      ])
    }]`;
  }),

  sys("networkmanager", 2, "NetworkManager", "daemon", true, (c) => {
    const { rng } = c;
    const ts = `<info>  [${Math.floor(c.now.getTime() / 1000)}.${rng.int(1000, 9999)}] `;
    const i = rng.pick(IFACES);
    return ts + rng.pick([
      `device (${i}): state change: ip-config -> ip-check (reason 'none', sys-iface-state: 'managed')`,
      `device (${i}): state change: activated -> unavailable (reason 'carrier-changed', sys-iface-state: 'managed')`,
      `dhcp4 (${i}): state changed new lease, address=${hostLanIp(c)}`,
      `manager: NetworkManager state is now CONNECTED_GLOBAL`,
      `device (${i}): Activation: successful, device activated.`,
      `dhcp4 (${i}): option dhcp_lease_time      => '${rng.pick([3600, 86400, 43200])}'`,
      `policy: set 'Wired connection 1' (${i}) as default for IPv4 routing and DNS`,
      `manager: startup complete`,
      `connectivity: (${i}) timed out`,
    ]);
  }),
  sys("dhclient", 1, "dhclient", "daemon", true, (c) => {
    const i = c.rng.pick(IFACES), ip = hostLanIp(c), s = c.sc.lan + "1";
    return c.rng.pick([
      `DHCPREQUEST for ${ip} on ${i} to ${s} port 67`,
      `DHCPACK of ${ip} from ${s}`,
      `bound to ${ip} -- renewal in ${c.rng.int(600, 43000)} seconds.`,
      `DHCPDISCOVER on ${i} to 255.255.255.255 port 67 interval ${c.rng.int(3, 20)}`,
      `DHCPOFFER of ${ip} from ${s}`,
    ]);
  }),
  sys("chronyd", 1, "chronyd", "daemon", true, (c) => {
    const { rng } = c;
    const src = rng.pick([
      "169.254.169.123",
      `${rng.int(0, 3)}.debian.pool.ntp.org`,
      "time.cloudflare.com",
      rng.publicIp(),
      c.sc.lan + "1",
    ]);
    return rng.pick([
      `Selected source ${src}`,
      `Source ${src} replaced with ${rng.publicIp()}`,
      `System clock wrong by ${rng.int(1, 9)}.${rng.int(100000, 999999)} seconds`,
      `chronyd version 4.3 starting (+CMDMON +NTP +REFCLOCK +RTC +PRIVDROP +SCFILTER +SIGND +ASYNCDNS +NTS +SECHASH +IPV6 -DEBUG)`,
      `Frequency ${rng.int(-40, 40)}.${rng.int(100, 999)} +/- ${rng.int(0, 9)}.${
        rng.int(100, 999)
      } ppm read from /var/lib/chrony/chrony.drift`,
      `Can't synchronise: no selectable sources`,
      `Source ${src} online`,
      `System clock was stepped by ${rng.int(0, 3)}.${rng.int(1000, 9999)} seconds`,
    ]);
  }),
  sys("ntpd", 1, "ntpd", "daemon", true, (c) =>
    c.rng.pick([
      `Listen normally on ${c.rng.int(2, 6)} ${c.rng.pick(IFACES)} ${hostLanIp(c)}:123`,
      `Soliciting pool server ${c.rng.publicIp()}`,
      `ntpd 4.2.8p15@1.3728-o Wed Feb 16 17:13:02 UTC 2022 (1): Starting`,
      `kernel reports TIME_ERROR: 0x41: Clock Unsynchronized`,
      `${c.rng.publicIp()} local addr ${hostLanIp(c)} -> <null>`,
    ])),
  sys("rsyslogd", 1, "rsyslogd", "daemon", false, (c) =>
    c.rng.pick([
      `[origin software="rsyslogd" swVersion="8.2302.0" x-pid="${
        c.rng.int(300, 9000)
      }" x-info="https://www.rsyslog.com"] start`,
      `[origin software="rsyslogd" swVersion="8.2112.0" x-pid="${
        c.rng.int(300, 9000)
      }" x-info="https://www.rsyslog.com"] rsyslogd was HUPed`,
      `imuxsock: Acquired UNIX socket '/run/systemd/journal/syslog' (fd 3) from systemd.  [v8.2302.0]`,
      `action 'action-${
        c.rng.int(1, 9)
      }-builtin:omfwd' resumed (module 'builtin:omfwd') [v8.2302.0 try https://www.rsyslog.com/e/2359 ]`,
    ])),
  sys("smartd", 1, "smartd", "daemon", true, (c) => {
    const d = c.rng.pick(["/dev/sda", "/dev/sdb", "/dev/nvme0"]);
    return c.rng.pick([
      `Device: ${d} [SAT], SMART Usage Attribute: 194 Temperature_Celsius changed from ${
        c.rng.int(30, 45)
      } to ${c.rng.int(30, 45)}`,
      `Device: ${d}, opened`,
      `Monitoring ${c.rng.int(1, 4)} ATA/SATA, 0 SCSI/SAS and ${c.rng.int(0, 2)} NVMe devices`,
      `Device: ${d} [SAT], state written to /var/lib/smartmontools/smartd.${
        c.rng.hex(8)
      }.ata.state`,
    ]);
  }),
  sys("snapd", 1, "snapd", "daemon", true, (c) =>
    c.rng.pick([
      `storehelpers.go:${
        c.rng.int(100, 900)
      }: cannot refresh: snap has no updates available: "core20", "lxd", "snapd"`,
      `autorefresh.go:${c.rng.int(100, 600)}: auto-refresh: all snaps are up-to-date`,
      `overlord.go:${c.rng.int(200, 600)}: Released state lock file`,
      `daemon.go:${
        c.rng.int(200, 600)
      }: started snapd/2.61.3+22.04 (series 16; classic) ubuntu/22.04 (amd64) linux/5.15.0-91-generic.`,
    ])),
];

/** Benign package-manager and daemon templates. */
export const PKG_TEMPLATES: Template[] = [...pkgTpls, ...netTpls];
