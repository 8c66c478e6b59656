/**
 * `deno task classify`: the classify command (lib/classify/cli.ts) on a pool of classifier Web
 * Workers (workers/classify_worker.ts). Wiring only: lib/ never names workers/.
 *
 * @module
 */
import { runClassifyCli } from "./lib/classify/cli.ts";

if (import.meta.main) {
  Deno.exitCode = await runClassifyCli(
    Deno.args,
    new URL("./workers/classify_worker.ts", import.meta.url),
  );
}
