/**
 * `deno task classify`: the classify command (lib/classify/cli.ts) on a pool of classifier Web
 * Workers hosted by classify_worker.ts beside it. Wiring only: lib/ never names workers/.
 *
 * @module
 */
import { runClassifyCli } from "../lib/classify/cli.ts";

if (import.meta.main) {
  // Exits at once: after a worker failed, a read of stdin may still be pending.
  Deno.exit(await runClassifyCli(Deno.args, new URL("./classify_worker.ts", import.meta.url)));
}
