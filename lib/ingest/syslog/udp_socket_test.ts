import assert from "node:assert/strict";
import { kernelDrops, tuneUdpSocket } from "./udp_socket.ts";

const listen = () => Deno.listenDatagram({ transport: "udp", hostname: "127.0.0.1", port: 0 });
const portOf = (c: Deno.DatagramConn) => (c.addr as Deno.NetAddr).port;

async function flood(to: Deno.DatagramConn, from: Deno.DatagramConn, n: number) {
  const data = new Uint8Array(200).fill(0x41);
  for (let i = 0; i < n; i++) await from.send(data, to.addr);
}

Deno.test("a raised receive buffer holds a burst a small one drops, and the kernel counts the drops", async () => {
  const plain = listen(), tuned = listen(), sender = listen();
  try {
    const before = tuneUdpSocket(portOf(plain), 0);
    const set = tuneUdpSocket(portOf(tuned), 2 << 20);
    const plainFd = before.fd!, tunedFd = set.fd!;
    assert.ok(plainFd > 2 && tunedFd > 2 && plainFd !== tunedFd);
    assert.equal(set.note, undefined);
    assert.equal(set.bytes, 4 << 20, "the kernel doubles the request for its bookkeeping");
    assert.equal(before.bytes, Number(Deno.readTextFileSync("/proc/sys/net/core/rmem_default")));
    // The other socket gets 128 KiB, like many hosts' default, whatever this one's is.
    assert.equal(tuneUdpSocket(portOf(plain), 64 << 10).bytes, 128 << 10);
    assert.equal(kernelDrops(plainFd), 0);

    // Nobody reads while 3,000 datagrams arrive (about 3 MB of kernel memory).
    await flood(plain, sender, 3000);
    await flood(tuned, sender, 3000);
    assert.ok(kernelDrops(plainFd)! > 2000, `small buffer drops: ${kernelDrops(plainFd)}`);
    assert.equal(kernelDrops(tunedFd), 0);
    const buf = new Uint8Array(512);
    for (let i = 0; i < 3000; i++) await tuned.receive(buf);
  } finally {
    for (const c of [plain, tuned, sender]) c.close();
  }
});

Deno.test("an unknown socket is reported, not thrown", () => {
  assert.match(tuneUdpSocket(1, 1 << 20).note!, /no UDP socket of this process on port 1/);
  assert.equal(kernelDrops(0), undefined, "stdin is no socket");
});
