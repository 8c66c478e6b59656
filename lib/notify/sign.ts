/**
 * Webhook signatures: `X-INSyT-Signature: sha256=<hex HMAC-SHA256 of the raw body>` with a
 * shared secret (WebCrypto), and its constant-time check for receivers and tests.
 *
 * @module
 */

const enc = new TextEncoder();

async function hmac(secret: string, body: string): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey(
    "raw",
    enc.encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  return new Uint8Array(await crypto.subtle.sign("HMAC", key, enc.encode(body)));
}

/** The signature header value for `body`. */
export async function signBody(secret: string, body: string): Promise<string> {
  const mac = await hmac(secret, body);
  return "sha256=" + Array.from(mac, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** True when `header` is the signature of `body` under `secret` (constant-time compare). */
export async function verifySignature(
  secret: string,
  body: string,
  header: string | null,
): Promise<boolean> {
  const want = enc.encode(await signBody(secret, body));
  const got = enc.encode(header ?? "");
  let diff = want.length ^ got.length;
  for (let i = 0; i < want.length; i++) diff |= want[i] ^ (got[i] ?? 0);
  return diff === 0;
}
