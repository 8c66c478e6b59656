#!/usr/bin/env bash
# Boots the lab server. Runs as PID 1 of its own PID, mount and UTS namespace (started by the
# runner under `ip netns exec NS unshare --mount --uts --pid --kill-child --mount-proc`):
# private /dev, /run, /tmp and bind mounts of the run's private /etc, /var/log, spool, data
# and home directories, then each daemon with its stdio redirected. Usage: server_boot.sh
# ROOT DAEMON... (ROOT is the run's server directory on the host).
set -u
cd /
mount --make-rprivate /
# The run directory may live under /tmp, which gets its own tmpfs below: reach it via /mnt.
mount --bind "$1" /mnt
R=/mnt
shift
hostname "$(cat "$R/hostname")"
mount -t tmpfs -o mode=755 tmpfs /dev
for n in "null c 1 3" "zero c 1 5" "full c 1 7" "random c 1 8" "urandom c 1 9" "tty c 5 0"; do
  # shellcheck disable=SC2086
  mknod -m 666 /dev/$n
done
mkdir /dev/pts /dev/shm
mount -t devpts -o newinstance,ptmxmode=0666,mode=620 devpts /dev/pts
ln -s pts/ptmx /dev/ptmx
ln -s /proc/self/fd /dev/fd
ln -s /proc/self/fd/0 /dev/stdin
ln -s /proc/self/fd/1 /dev/stdout
ln -s /proc/self/fd/2 /dev/stderr
mount -t tmpfs tmpfs /dev/shm
mount -t tmpfs -o mode=755 tmpfs /run
mount -t tmpfs -o mode=1777 tmpfs /tmp
for d in etc:/etc log:/var/log spool:/var/spool home:/home www:/var/www mysql:/var/lib/mysql \
  postfix:/var/lib/postfix cgi-bin:/usr/lib/cgi-bin; do
  src=$R/${d%%:*}
  [ -d "$src" ] && mount --bind "$src" "${d#*:}"
done
mount -t tmpfs tmpfs /var/lib/php
mkdir -p /var/lib/php/sessions && chmod 1733 /var/lib/php/sessions
mkdir -p /run/sshd /run/mysqld /run/dovecot /run/apache2 /run/lock /run/sudo /var/run/vsftpd/empty
chown mysql:mysql /run/mysqld
exec </dev/null >>"$R/boot.log" 2>&1
export TZ=UTC
start() { # name, command... : runs the command in the background, stdio to its own file
  local name=$1
  shift
  "$@" </dev/null >>"$R/daemon-$name.out" 2>&1 &
}
wait_for() { # path, tries
  for _ in $(seq 1 "$2"); do [ -e "$1" ] && return 0; sleep 0.2; done
  echo "timeout waiting for $1"
  return 1
}
start rsyslog rsyslogd -n -f /etc/rsyslog.conf -i /run/rsyslogd.pid
wait_for /dev/log 50
cp /etc/ld.so.preload.lab /etc/ld.so.preload
for d in "$@"; do
  case $d in
    sshd) start sshd /usr/sbin/sshd -D -f /etc/ssh/sshd_config ;;
    dnsmasq) start dnsmasq dnsmasq -k -C /etc/dnsmasq.lab.conf ;;
    mariadb)
      start mariadb /usr/sbin/mariadbd --user=mysql --datadir=/var/lib/mysql \
        --socket=/run/mysqld/mysqld.sock --log-error=/var/log/mysql/error.log --skip-networking
      wait_for /run/mysqld/mysqld.sock 100 && mariadb </etc/lab/schema.sql ;;
    apache) start apache apachectl -k start ;;
    nginx) start nginx nginx -c /etc/nginx/nginx.conf ;;
    vsftpd) start vsftpd vsftpd /etc/vsftpd.conf ;;
    postfix) start postfix postfix start ;;
    dovecot) start dovecot dovecot -F ;;
    cron) start cron cron -f -L 15 ;;
    squid) start squid squid -N -f /etc/squid/squid.lab.conf ;;
    bind9)
      mkdir -p /run/named && chown bind:bind /run/named
      start named /usr/sbin/named -f -u bind -c /etc/bind/named.lab.conf ;;
  esac
done
echo ready >"$R/ready"
while :; do sleep 5; done
