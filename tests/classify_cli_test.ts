/**
 * The `deno task classify` contract, run as a real subprocess (DESIGN.md, "Classify CLI").
 *
 * @module
 */
import assert from "node:assert/strict";

const ROOT = new URL("../", import.meta.url).pathname;

function classifyProcess(args: string[] = [], env: Record<string, string> = {}) {
  return new Deno.Command("deno", {
    args: ["task", "--quiet", "classify", ...args],
    cwd: ROOT,
    env,
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
}

async function classify(input: Uint8Array | string, args: string[] = []) {
  const child = classifyProcess(args);
  const w = child.stdin.getWriter();
  await w.write(typeof input === "string" ? new TextEncoder().encode(input) : input);
  await w.close();
  const { code, stdout, stderr } = await child.output();
  const text = new TextDecoder().decode(stdout);
  return {
    code,
    stderr: new TextDecoder().decode(stderr),
    lines: text.split("\n").filter(Boolean),
  };
}

Deno.test("classify prints exactly one JSON object per input line, in order", async () => {
  const input = [
    "Mar  7 04:05:06 web sshd[812]: Failed password for root from 203.0.113.7 port 52211 ssh2",
    "",
    '203.0.113.9 - - [07/Mar/2024:04:05:06 +0000] "GET /index.php?id=1%27%20UNION%20SELECT%201,2,3-- HTTP/1.1" 200 512 "-" "sqlmap/1.7.2#stable (https://sqlmap.org)"',
    "Mar  7 04:05:07 web systemd[1]: Started Session 42 of User alice.",
  ].join("\n") + "\n";
  const { code, lines } = await classify(input);
  assert.equal(code, 0);
  assert.equal(lines.length, 4);
  const recs = lines.map((l) => JSON.parse(l));
  assert.deepEqual(recs[1], { label: "benign", score: 1, tactics: [], techniques: [] });
  assert.equal(recs[0].label, "credential_access");
  assert.equal(recs[2].label, "web_exploit");
  assert.equal(recs[3].label, "benign");
  for (const r of recs) assert.ok(r.score > 0 && r.score <= 1);
});

Deno.test("classify survives bad input: invalid UTF-8, binary junk, CRLF, a 10 MB line, no final newline", async () => {
  const enc = new TextEncoder();
  const parts = [
    enc.encode("ok line\r\n"),
    new Uint8Array([0x66, 0x6f, 0xff, 0xfe, 0x0a]),
    Uint8Array.from({ length: 300 }, (_, i) => (i * 7 + 1) % 256).filter((b) => b !== 10),
    enc.encode("\n" + "B".repeat(10 * 1024 * 1024) + "\n"),
    enc.encode("last line without newline"),
  ];
  const input = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) input.set(p, o), o += p.length;
  const { code, lines } = await classify(input);
  assert.equal(code, 0);
  assert.equal(lines.length, 5);
  const recs = lines.map((l) => JSON.parse(l));
  assert.equal(recs[1].invalid_utf8, true);
  assert.equal(recs[2].invalid_utf8, true);
  assert.equal(recs[3].truncated, true);
  assert.equal(recs[0].truncated, undefined);
});

Deno.test("classify streams: the first answer arrives before the input ends", async () => {
  const child = classifyProcess();
  const w = child.stdin.getWriter();
  await w.write(
    new TextEncoder().encode(
      "Mar  7 04:05:06 web sshd[1]: Invalid user test from 198.51.100.2 port 4\n",
    ),
  );
  const reader = child.stdout.getReader();
  const { value } = await reader.read(); // stdin is still open here
  const first = JSON.parse(new TextDecoder().decode(value).split("\n")[0]);
  assert.ok(typeof first.label === "string" && typeof first.score === "number");
  await w.close();
  reader.releaseLock();
  await child.stdout.cancel();
  await child.stderr.cancel();
  assert.equal((await child.status).code, 0);
});

Deno.test("classify reads files in order and reports an unreadable one on stderr", async () => {
  const dir = await Deno.makeTempDir();
  await Deno.writeTextFile(`${dir}/a.log`, "one\ntwo\n");
  await Deno.writeTextFile(`${dir}/b.log`, "three\n");
  const { code, lines, stderr } = await classify("", [
    `${dir}/a.log`,
    `${dir}/missing.log`,
    `${dir}/b.log`,
  ]);
  assert.equal(lines.length, 3);
  assert.equal(code, 1);
  assert.match(stderr, /missing\.log/);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("classify keeps input order across workers over a file of many chunks", async () => {
  // Each line's expected record is known without the model: every 5th line is empty (benign,
  // score 1) and every other 7th holds an invalid byte (invalid_utf8). Lines of three lengths make
  // chunks cost different times, so a reordering between workers shows.
  const enc = new TextEncoder();
  const n = 8_000;
  const parts: Uint8Array[] = [];
  for (let i = 0; i < n; i++) {
    const text = i % 5 === 0
      ? ""
      : `Mar  7 04:05:06 web sshd[${i}]: Failed password for user${i} from 203.0.113.${
        i % 250
      } port ${40000 + i} ssh2${" via proxy".repeat(i % 3 * 4)}`;
    parts.push(enc.encode(text));
    if (i % 7 === 0 && i % 5 !== 0) parts.push(new Uint8Array([0xff]));
    parts.push(enc.encode("\n"));
  }
  const dir = await Deno.makeTempDir();
  const file = `${dir}/many.log`;
  const bytes = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let o = 0;
  for (const p of parts) bytes.set(p, o), o += p.length;
  await Deno.writeFile(file, bytes);
  assert.ok(bytes.length > 10 * 64 * 1024, "the file spans many read chunks");
  const { code, lines } = await classify("", ["--workers", "3", file]);
  await Deno.remove(dir, { recursive: true });
  assert.equal(code, 0);
  assert.equal(lines.length, n);
  const wrong = lines.map((l) => JSON.parse(l)).flatMap((r, i) => {
    const ok = (r.invalid_utf8 === true) === (i % 7 === 0 && i % 5 !== 0) &&
      (r.score === 1 && r.label === "benign") === (i % 5 === 0);
    return ok ? [] : [i];
  });
  assert.deepEqual(wrong.slice(0, 10), []);
});

Deno.test("classify --workers: 1 gives the same labels; 0 or a word is a usage error (exit 2)", async () => {
  const input = [
    "Mar  7 04:05:06 web sshd[812]: Failed password for root from 203.0.113.7 port 52211 ssh2",
    '203.0.113.9 - - [07/Mar/2024:04:05:06 +0000] "GET /index.php?id=1%27%20UNION%20SELECT%201,2,3-- HTTP/1.1" 200 512 "-" "sqlmap/1.7.2"',
    "",
  ].join("\n") + "\n";
  const one = await classify(input, ["--workers", "1"]);
  const two = await classify(input, ["--", "--workers=2"]);
  assert.equal(one.code, 0);
  assert.deepEqual(
    one.lines.map((l) => JSON.parse(l).label),
    ["credential_access", "web_exploit", "benign"],
  );
  assert.deepEqual(
    two.lines.map((l) => JSON.parse(l).label),
    one.lines.map((l) => JSON.parse(l).label),
  );
  for (const bad of ["0", "many"]) {
    const r = await classify(input, ["--workers", bad]);
    assert.equal(r.code, 2);
    assert.deepEqual(r.lines, []);
    assert.match(r.stderr, /^classify: --workers: .+\n$/);
  }
});

Deno.test("classify --help names --workers and prints no records", async () => {
  const { code, lines } = await classify("", ["--help"]);
  assert.equal(code, 0);
  assert.match(lines[0], /^usage: deno task classify/);
  assert.ok(lines.some((l) => /--workers N .*one per core/.test(l)));
});

Deno.test("classify exits 1 with one line on stderr when the model cannot load, with stdin still open", async () => {
  // The tokenizer's files are there (this thread loads them), the ONNX file is not (the workers
  // fail): the command must not wait for the end of stdin, nor hang.
  const dir = await Deno.makeTempDir();
  for (const f of ["config.json", "tokenizer.json", "tokenizer_config.json"]) {
    await Deno.copyFile(`${ROOT}models/insyt-tiny/${f}`, `${dir}/${f}`);
  }
  const child = classifyProcess([], { INSYT_MODEL_DIR: dir });
  const w = child.stdin.getWriter();
  await w.write(
    new TextEncoder().encode("Mar  7 04:05:06 web sshd[1]: Invalid user a from 1.2.3.4\n"),
  );
  let timer: ReturnType<typeof setTimeout> | undefined;
  const { code, stdout, stderr } = await Promise.race([
    child.output(),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        child.kill();
        reject(new Error("classify hung after its workers failed"));
      }, 60_000);
    }),
  ]).finally(() => clearTimeout(timer));
  await w.close().catch(() => {}); // the process is gone
  await Deno.remove(dir, { recursive: true });
  assert.equal(code, 1);
  assert.equal(new TextDecoder().decode(stdout), "");
  assert.match(
    new TextDecoder().decode(stderr),
    /^classify: classify worker: NotFound: .*model_quantized\.onnx.*\n$/,
  );
});
