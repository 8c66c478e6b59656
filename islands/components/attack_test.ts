/**
 * ATT&CK links are rebuilt from validated ids only.
 *
 * @module
 */
import assert from "node:assert/strict";
import { attackUrl, KILL_CHAIN } from "./attack.ts";

Deno.test("ATT&CK - ids become their attack.mitre.org pages, anything else no link", () => {
  const cases: [string, string | null][] = [
    ["TA0006", "https://attack.mitre.org/tactics/TA0006/"],
    ["T1110", "https://attack.mitre.org/techniques/T1110/"],
    ["T1595.002", "https://attack.mitre.org/techniques/T1595/002/"],
    ["T1595.02", null],
    ["javascript:alert(1)", null],
    ["T1110/../../evil", null],
    ["TA0006 ", null],
  ];
  for (const [id, url] of cases) assert.equal(attackUrl(id), url, id);
});

Deno.test("ATT&CK - the kill chain runs from recon to exfiltration without benign", () => {
  assert.equal(KILL_CHAIN[0], "recon_scan");
  assert.equal(KILL_CHAIN.at(-1), "exfiltration");
  assert.equal(KILL_CHAIN.length, 7);
});
