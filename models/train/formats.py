"""Daemons' own log messages, read from their Debian packages: real wording of software neither
the generator nor the lab runs (issue 11: most false positives on real logs are benign error
and warning lines of software the model barely knows).

`harvest` fetches the .deb files of PACKAGES with `apt-get download` (Debian's archive is
reachable; nothing is installed), and keeps from their ELF files the printable strings that are
printf-style log messages ("Bad packet size %u", "rejected RCPT %s: %s"). `records` fills each
message's conversions with plausible values and frames it as its daemon would log it (syslog,
or the Apache, nginx and Exim log formats). Labels follow what the line shows, as the lab's:
a failed login is credential_access (AUTH_FAILURE of real.py, FAILED_LOGIN), a message with
security wording (credentials, privileges, commands, scans, floods, bans) is left out of the
labelled lines, and every other message is benign. All of them are pretraining text.

The cache (data/formats/messages.jsonl, git-ignored) is rebuilt when missing. Nothing of it is
copied into the repository.
  /usr/bin/python3 models/train/formats.py --harvest data/formats/
"""
import argparse
import glob
import json
import os
import random
import re
import subprocess
import sys
import tempfile

from real import AUTH_FAILURE, with_text

# Debian package -> log family. The lab's families keep their names, so that leave-one-family-
# out drops a family's messages with its captures; the others are named after the package.
PACKAGES = {
    "openssh-server": "sshd", "apache2-bin": "apache_error", "nginx-core": "nginx_error",
    "dnsmasq-base": "dnsmasq", "vsftpd": "vsftpd", "postfix": "postfix", "dovecot-core": "dovecot",
    "dovecot-imapd": "dovecot", "dovecot-pop3d": "dovecot", "bind9": "named", "sudo": "sudo",
    "login": "su", "cron": "cron", "squid": "squid_cache", "mariadb-server-core": "mariadb",
    "rsyslog": "rsyslog",
    **{p: p for p in (
        "exim4-daemon-light", "opensmtpd", "cyrus-imapd", "sendmail-bin", "courier-imap",
        "opendkim", "dropbear-bin", "opendoas", "libpam-modules", "nslcd", "openvpn",
        "strongswan-charon", "strongswan-libcharon", "proftpd-core", "pure-ftpd", "tftpd-hpa",
        "lighttpd", "haproxy", "libapache2-mod-security2", "varnish", "php8.2-fpm", "unbound",
        "nsd", "knot", "pdns-server", "postgresql-15", "redis-tools", "memcached", "auditd",
        "chrony", "ntpsec", "isc-dhcp-server", "kea-dhcp4-server", "slapd", "freeradius",
        "samba", "nfs-kernel-server", "rpcbind", "avahi-daemon", "cups-daemon", "snmpd",
        "xinetd", "nut-server", "monit", "clamav-daemon", "ulogd2", "nagios-nrpe-server",
        "stunnel4", "ppp")},
}

# One printf conversion (glibc's, with %m = strerror(errno)).
SPEC = re.compile(r"%(?:\d+\$)?[-+ #0']*(?:\*|\d+)?(?:\.(?:\*|\d+))?"
                  r"(?:hh|h|ll|l|L|q|j|z|t)?([diouxXeEfgGcspm%])")
PRINTABLE = re.compile(rb"[\x20-\x7e]{16,200}")
WORD3 = re.compile(r"[A-Za-z]{3,}")
NOT_A_MESSAGE = re.compile(r"^[^A-Za-z]|  |\t|usage|(^|\s)--?[a-zA-Z]|</?[a-z]+>|\\[nt]|"
                           r"%s%s|^[A-Z_]+=|\.(?:c|h|cc|cpp):", re.I)
# Wording that says "security event" without saying which; such lines are not labelled here.
SENSITIVE = re.compile(r"passw|authenticat|\bauth|login|logon|credential|\buser\b.*\b(invalid|"
                       r"unknown|illegal|nonexist)|brute|attack|exploit|intru|scan|inject|"
                       r"overflow|malicious|suspicious|virus|malware|trojan|privilege|\broot\b|"
                       r"sudo|doas|\bsu\b|shell|exec|command|upload|tunnel|exfil|beacon|\bban|"
                       r"block|unauthori|not allowed|blacklist|flood|too many|possible", re.I)
# Failed-login wordings of daemons the lab does not run, beside the lab's (AUTH_FAILURE).
FAILED_LOGIN = re.compile(r"(bad|wrong|incorrect|invalid) password|password (incorrect|failed)|"
                          r"failed password|(invalid|illegal|nonexistent) user\b", re.I)
# A failed login names a failure, not a broken setup.
SETUP = re.compile(r"file|conf|load|module|librar|memory|alloc|init|socket|certificate|"
                   r"\bkey\b|database|backend|plugin|cannot|can't|unable|option|setting|"
                   r"driver|flag|\bline\b|parsing|reply|input|hash|editor|attribute|sync|"
                   r"message|field|passdb|offered|internal|set_password|mechanism|method|"
                   r"challenge|sst_|pending|temporary", re.I)
FRAME = {"apache2-bin": "apache", "libapache2-mod-security2": "apache", "php8.2-fpm": "apache",
         "nginx-core": "nginx", "exim4-daemon-light": "exim"}


def messages(blob):
    """The printf-style log messages among the printable strings of a binary."""
    out = []
    for raw in PRINTABLE.findall(blob):
        s = raw.decode("ascii").strip()
        specs = [m.group(1) for m in SPEC.finditer(s) if m.group(1) != "%"]
        if not 1 <= len(specs) <= 6 or NOT_A_MESSAGE.search(s):
            continue
        rest = SPEC.sub("", s)
        if len(WORD3.findall(rest)) >= 2 and sum(c.isalpha() for c in rest) >= 0.5 * len(rest):
            out.append(s)
    return out


def _elf_files(root):
    for path in glob.glob(os.path.join(root, "**"), recursive=True):
        if os.path.isfile(path) and not os.path.islink(path):
            with open(path, "rb") as f:
                if f.read(4) == b"\x7fELF":
                    yield path


def _program(elf, elfs, pkg):
    """The name a message is logged under: its executable's, or for a library the package's
    first daemon or command."""
    if re.search(r"/s?bin/[^/]+$", elf):
        return os.path.basename(elf)
    progs = [e for e in elfs if re.search(r"/sbin/[^/]+$", e)] + \
        [e for e in elfs if re.search(r"/bin/[^/]+$", e)]
    return os.path.basename(progs[0]) if progs else pkg.split("-")[0]


def harvest(out_dir, packages=PACKAGES):
    """Downloads `packages` into a temporary directory and writes out_dir/messages.jsonl
    ({"message", "program", "package", "family"}, distinct per package). Returns its path."""
    os.makedirs(out_dir, exist_ok=True)
    path = os.path.join(out_dir, "messages.jsonl")
    with tempfile.TemporaryDirectory() as tmp:
        got = subprocess.run(["apt-get", "download", *packages], cwd=tmp, capture_output=True,
                             text=True)
        debs = sorted(glob.glob(os.path.join(tmp, "*.deb")))
        if not debs:
            raise RuntimeError(f"apt-get download fetched nothing: {got.stderr.strip()[-400:]}")
        rows = []
        for deb in debs:
            pkg = os.path.basename(deb).split("_")[0]
            root = os.path.join(tmp, pkg)
            subprocess.run(["dpkg-deb", "-x", deb, root], check=True)
            seen, elfs = set(), sorted(_elf_files(root))
            for elf in elfs:
                with open(elf, "rb") as f:
                    blob = f.read()
                prog = _program(elf, elfs, pkg)
                for m in messages(blob):
                    if m not in seen:
                        seen.add(m)
                        rows.append({"message": m, "program": prog, "package": pkg,
                                     "family": packages.get(pkg, pkg)})
            print(f"formats: {pkg}: {len(seen)} messages", file=sys.stderr)
    with open(path, "w") as f:
        f.writelines(json.dumps(r) + "\n" for r in rows)
    return path


WORDS = ("default", "main", "backup", "local", "eth0", "inbox", "worker", "primary", "session",
         "cache", "public", "internal", "www", "archive", "relay", "zone", "pool", "client")
ERRNO = ("No such file or directory", "Connection reset by peer", "Broken pipe",
         "Connection timed out", "Resource temporarily unavailable", "Address already in use",
         "Network is unreachable", "Invalid argument", "Interrupted system call")
HOSTS = ("mail", "web01", "gw", "ns1", "db2", "files", "proxy", "vpn", "app3", "backup")


def _host(rng):
    return f"{rng.choice((10, 192, 172))}.{rng.randint(0, 255)}.{rng.randint(0, 255)}." \
           f"{rng.randint(1, 254)}"


def _string(before, rng):
    """A value for %s, picked by the word before it."""
    word = before.lower()
    if re.search(r"(from|host|address|client|peer|server|addr|ip|to|rhost)\W*$", word):
        return _host(rng) if rng.random() < 0.7 else \
            f"{rng.choice(HOSTS)}.{rng.choice(('example.org', 'corp.local', 'lan'))}"
    if re.search(r"(file|path|directory|dir|open|read|write|stat|load)\W*$", word):
        parts = ("etc", "var", "lib", "run", "spool", "log", "tmp", "srv", "data", "conf.d")
        return "/" + "/".join(rng.choice(parts) for _ in range(rng.randint(2, 4)))
    if re.search(r"(user|for|account|name|uid)\W*$", word):
        return rng.choice(("alice", "bob", "mwagner", "backup", "www-data", "postgres", "jsmith",
                           "deploy", "nobody", "mail"))
    return rng.choice(WORDS + tuple(ERRNO[:3]) + ("ok", "none", "unknown", "timeout", "v2"))


def fill(message, rng):
    """`message` with each conversion replaced by a plausible value."""
    out, pos = [], 0
    for m in SPEC.finditer(message):
        out.append(message[pos:m.start()])
        kind, before = m.group(1), message[max(0, m.start() - 24):m.start()]
        if kind == "%":
            out.append("%")
        elif kind in "diu":
            out.append(str(rng.choice((0, 1, 2, 3, 5, 8, 25, 53, 110, 143, 443, 993,
                                       rng.randint(0, 65535)))))
        elif kind in "xX":
            out.append(f"{rng.getrandbits(rng.choice((8, 16, 32))):x}")
        elif kind == "p":
            out.append(f"0x{rng.getrandbits(44):x}")
        elif kind in "eEfgG":
            out.append(f"{rng.uniform(0, 100):.2f}")
        elif kind == "c":
            out.append(rng.choice("abcxyz"))
        elif kind == "m":
            out.append(rng.choice(ERRNO))
        else:
            out.append(_string(before, rng))
        pos = m.end()
    return "".join(out) + message[pos:]


def frame(row, text, rng):
    """The line its daemon would write: Apache's or nginx's error log, Exim's main log, syslog."""
    kind, pid = FRAME.get(row["package"], "syslog"), rng.randint(100, 65000)
    day, clock = rng.randint(1, 28), f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:" \
                                     f"{rng.randint(0, 59):02d}"
    if kind == "apache":
        level = rng.choice(("error", "warn", "notice", "info"))
        return f"[Tue Nov {day:02d} {clock}.{rng.randint(0, 999999):06d} 2026] " \
               f"[{row['program']}:{level}] [pid {pid}] {text}"
    if kind == "nginx":
        return f"2026/11/{day:02d} {clock} [{rng.choice(('error', 'warn', 'crit'))}] " \
               f"{pid}#{pid}: *{rng.randint(1, 9999)} {text}"
    if kind == "exim":
        return f"2026-11-{day:02d} {clock} {text}"
    host = rng.choice(HOSTS)
    return f"Nov {day:2d} {clock} {host} {row['program']}[{pid}]: {text}"


def label(message):
    """credential_access, benign, or None (security wording this rule cannot judge)."""
    if (AUTH_FAILURE.search(message) or FAILED_LOGIN.search(message)) and \
            not SETUP.search(message):
        return "credential_access"
    return None if SENSITIVE.search(message) else "benign"


def records(rows, per_package, seed=5):
    """Training records with model text: every failed-login message and a seeded sample of at
    most `per_package` other messages of each package, each filled once; those that `label`
    cannot judge come with label None (pretraining text only)."""
    rng = random.Random(seed)
    by_pkg, picked = {}, []
    for r in rows:
        if label(r["message"]) == "credential_access":
            picked.append(r)
        else:
            by_pkg.setdefault(r["package"], []).append(r)
    picked += [r for pkg in sorted(by_pkg) for r in
               rng.sample(by_pkg[pkg], min(per_package, len(by_pkg[pkg])))]
    out = [{"line": frame(r, fill(r["message"], rng), rng), "label": label(r["message"]),
            "family": r["family"], "scenario": "formats", "source": "formats", "split": "train"}
           for r in picked]
    return [r for r in with_text(out) if r["text"]]


def load(dir_, per_package, seed=5):
    """Records from dir_/messages.jsonl (harvested first if missing); [] if it cannot be built
    or `per_package` is 0."""
    if per_package <= 0:
        return []
    path = os.path.join(dir_, "messages.jsonl")
    if not os.path.exists(path):
        try:
            harvest(dir_)
        except (RuntimeError, OSError, subprocess.CalledProcessError) as e:
            print(f"formats: no daemon messages ({e}); training without them", file=sys.stderr)
            return []
    with open(path) as f:
        rows = [json.loads(l) for l in f if l.strip()]
    return records(rows, per_package, seed)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--harvest", required=True, help="directory for messages.jsonl")
    path = harvest(ap.parse_args().harvest)
    with open(path) as f:
        rows = [json.loads(l) for l in f]
    counts = {}
    for r in rows:
        counts[label(r["message"])] = counts.get(label(r["message"]), 0) + 1
    print(f"formats: {len(rows)} messages -> {path}; labels {counts}", file=sys.stderr)


if __name__ == "__main__":
    main()
