/**
 * Reading many Deno KV keys at once, within KV's limit of 10 keys per `getMany`.
 *
 * @module
 */

/** Reads many keys, 10 per call (KV's getMany limit), in parallel; entries in `keys`' order. */
export async function readMany<T>(
  kv: Deno.Kv,
  keys: Deno.KvKey[],
): Promise<Deno.KvEntryMaybe<T>[]> {
  const chunks: Deno.KvKey[][] = [];
  for (let i = 0; i < keys.length; i += 10) chunks.push(keys.slice(i, i + 10));
  return (await Promise.all(chunks.map((c) => kv.getMany<T[]>(c)))).flat();
}
