/**
 * Pins occlusion explanations on the shipped model: tokens keep their offsets, masked spans stay
 * whole, and the attack tokens of a SQL injection and an sshd failure outweigh the rest.
 *
 * @module
 */
import assert from "node:assert/strict";
import { Classifier } from "./classifier.ts";
import { explainLine, MAX_TOKENS, occlude, ROWS_PER_RUN, samplesFor, tokenize } from "./explain.ts";

const classifier = await Classifier.load();

const SQLI = `203.0.113.9 - - [07/Mar/2024:04:05:06 +0100] ` +
  `"GET /index.php?id=1%27%20UNION%20SELECT%201,2,3-- HTTP/1.1" 200 512 "-" ` +
  `"Mozilla/5.0 (X11; Linux x86_64)"`;
const SSHD =
  "Mar  7 04:05:06 bastion sshd[812]: Failed password for invalid user admin from 203.0.113.7 port 52211 ssh2";

const texts = (line: string) => tokenize(line).map((t) => line.slice(t.start, t.end));
const top = (tokens: { text: string; weight: number }[], n: number) =>
  [...tokens].sort((a, b) => b.weight - a.weight).slice(0, n).map((t) => t.text);

Deno.test("Explain - tokens are word, punctuation and %XX runs; timestamps and addresses stay whole", () => {
  const cases: [string, string[]][] = [
    ["Failed password for x", ["Failed", "password", "for", "x"]],
    ["id=1%27%20UNION", ["id", "=", "1", "%27%20", "UNION"]],
    ["q=<script>alert(1)</script>", [
      "q",
      "=<",
      "script",
      ">",
      "alert",
      "(",
      "1",
      ")</",
      "script",
      ">",
    ]],
    ["from 203.0.113.7 port 22", ["from", "203.0.113.7", "port", "22"]],
    ["[07/Mar/2024:04:05:06 +0100] GET", ["[", "07/Mar/2024:04:05:06 +0100", "]", "GET"]],
    ["Mar  7 04:05:06 web sshd[1]:", ["Mar  7 04:05:06", "web", "sshd", "[", "1", "]:"]],
    ["", []],
  ];
  for (const [line, want] of cases) assert.deepEqual(texts(line), want, line);
  for (const t of tokenize(SQLI)) assert.ok(t.end > t.start && SQLI.slice(t.start, t.end).trim());
});

Deno.test("Explain - a line of more than 64 tokens is grouped evenly into at most 64, covering it all", () => {
  const line = Array.from({ length: 200 }, (_, i) => `w${i}`).join(" ");
  const toks = tokenize(line);
  assert.ok(toks.length <= MAX_TOKENS && toks.length >= MAX_TOKENS / 2, `${toks.length}`);
  assert.equal(toks[0].start, 0);
  assert.equal(toks.at(-1)!.end, line.length);
  assert.equal(line.slice(toks.at(-1)!.start, toks.at(-1)!.end).endsWith("w199"), true);
});

Deno.test("Explain - occluding a token leaves a space, so neighbours never fuse", () => {
  const line = "id=1 UNION";
  const toks = tokenize(line);
  assert.equal(occlude(line, toks, [true, false, true, true]), "id 1 UNION");
  assert.equal(occlude(line, toks, [true, true, true, false]), "id=1  ");
});

Deno.test("Explain - the payload of a SQL injection outweighs the timestamp and the status", async () => {
  const e = await explainLine(classifier, SQLI);
  assert.equal(e.label, "web_exploit");
  const [full] = await classifier.classify([SQLI]);
  assert.equal(e.score, full.scores.web_exploit);
  for (const t of e.tokens) assert.equal(SQLI.slice(t.start, t.end), t.text);
  const best = top(e.tokens, 3);
  assert.ok(best.some((t) => ["%27%20", "UNION", "SELECT"].includes(t)), best.join(" "));
  const top5 = top(e.tokens, 5);
  assert.ok(!top5.includes("200") && !top5.some((t) => t.includes("Mar/2024")), top5.join(" "));
  // The masker deletes the timestamp: the model never reads it.
  assert.equal(e.tokens.find((t) => t.text.includes("Mar/2024"))!.weight, 0);
});

Deno.test("Explain - an sshd failure is explained by Failed / password / invalid", async () => {
  const e = await explainLine(classifier, SSHD);
  assert.equal(e.label, "credential_access");
  const best = top(e.tokens, 3);
  assert.ok(
    best.filter((t) => ["Failed", "password", "invalid"].includes(t)).length >= 2,
    best.join(" "),
  );
  assert.equal(e.tokens.find((t) => t.text === "Mar  7 04:05:06")!.weight, 0);
});

Deno.test("Explain - a given label is explained instead of the predicted one, deterministically", async () => {
  const a = await explainLine(classifier, SSHD, "benign");
  const b = await explainLine(classifier, SSHD, "benign");
  assert.equal(a.label, "benign");
  assert.ok(a.score < 0.2, `P(benign) = ${a.score}`);
  assert.deepEqual(a, b);
  // What pushes towards credential access pushes away from benign.
  const failed = a.tokens.find((t) => t.text === "Failed")!;
  assert.ok(failed.weight < 0, `${failed.weight}`);
});

Deno.test("Explain - model rows grow with the tokens, bounded", () => {
  assert.deepEqual([0, 1, 17, 50, 64].map(samplesFor), [0, 64, 136, 256, 256]);
});

Deno.test("Explain - timers run while an explanation is computed (the model shares the thread)", async () => {
  const line = `${SQLI} ${crypto.randomUUID()}`; // not in the classifier's cache
  let ticks = 0;
  const timer = setInterval(() => ticks++, 1);
  await explainLine(classifier, line);
  clearInterval(timer);
  const runs = Math.ceil((samplesFor(tokenize(line).length) + 1) / ROWS_PER_RUN);
  assert.ok(ticks >= runs / 2, `${ticks} timer ticks over ${runs} model calls`);
});
