/**
 * The explainer's bound: one model run at a time, and past MAX_WAITING waiting explanations new
 * ones are refused with ExplainBusy (the API answers 503), so requests cannot queue unbounded work.
 *
 * @module
 */
import assert from "node:assert/strict";
import { K, timeId } from "../core/kv_keys.ts";
import type { Detection } from "../core/schemas.ts";
import type { Classifier } from "./classifier.ts";
import { ExplainBusy, Explainer, MAX_WAITING } from "./explanations.ts";

Deno.test("Explainer - past MAX_WAITING explanations waiting for the model, new ones are refused", async () => {
  const kv = await Deno.openKv(":memory:");
  const ids: string[] = [];
  for (let i = 0; i <= MAX_WAITING; i++) {
    const d = {
      id: `${timeId()}-000${i % 10}`,
      line: `GET /?id=${i}' OR 1=1-- HTTP/1.1`,
      label: "web_exploit",
    } as Detection;
    await kv.set(K.detection(d.id), d);
    ids.push(d.id);
  }
  let release!: () => void;
  const gate = new Promise<void>((r) => release = r);
  // A model that never answers until released: every explanation waits its turn.
  const explainer = new Explainer(kv, {
    retentionMs: 60_000,
    classifier: () => gate.then(() => Promise.reject(new Error("released"))) as Promise<Classifier>,
  });
  const waiting = ids.slice(0, MAX_WAITING).map((id) => explainer.explain(id).catch((e) => e));
  await assert.rejects(explainer.explain(ids[MAX_WAITING]), ExplainBusy);
  release();
  for (const r of await Promise.all(waiting)) assert.match(String(r), /released/);
  kv.close();
});
