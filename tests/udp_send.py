"""Paced UDP syslog sender for `deno task bench` (lighter than a Deno sender, which needs
most of a core at 60k datagrams/s and would compete with the receiver it measures).

Usage: /usr/bin/python3 tests/udp_send.py PORT RATE SECONDS
Sends RATE datagrams/s (RFC 3164, each with its sequence number) to 127.0.0.1:PORT in 1 ms
ticks and prints {"sent": N, "seconds": S}.
"""
import json
import socket
import sys
import time


def main():
    port, rate, seconds = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    to = ("127.0.0.1", port)
    total = int(rate * seconds)
    sent = 0
    t0 = time.perf_counter()
    while sent < total:
        due = min(total, int((time.perf_counter() - t0) * rate))
        while sent < due:
            msg = (f"<38>Mar  7 04:05:06 web sshd[{sent}]: Accepted publickey for u{sent % 50} "
                   f"from 10.0.{sent // 250 % 250}.{sent % 250} port {40000 + sent % 100} ssh2")
            sock.sendto(msg.encode(), to)
            sent += 1
        time.sleep(0.001)
    print(json.dumps({"sent": sent, "seconds": time.perf_counter() - t0}))


if __name__ == "__main__":
    main()
