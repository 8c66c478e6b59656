/**
 * Baseline for the UDP bench: a bare Deno receiver that only counts datagrams (what the service's
 * receive loop is measured against). Prints its port, then the count on each "count" line read
 * from stdin.
 *
 * @module
 */
const sock = Deno.listenDatagram({ transport: "udp", hostname: "127.0.0.1", port: 0 });
console.log((sock.addr as Deno.NetAddr).port);
let received = 0;
(async () => {
  for (;;) {
    await sock.receive();
    received++;
  }
})();
for await (const _ of Deno.stdin.readable.pipeThrough(new TextDecoderStream())) {
  console.log(received);
}
Deno.exit(0);
