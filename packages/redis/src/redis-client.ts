/**
 * What the stores need of a Redis client: `eval` as ioredis has it. An ioredis `Redis` or
 * `Cluster` (the client BullMQ uses too) serves; every key one store call touches shares a hash
 * tag, so a cluster keeps them on one node.
 */
export interface RedisLike {
  eval(script: string, numKeys: number, ...args: (string | number)[]): Promise<unknown>;
}

/** Options every store takes. */
export interface RedisStoreOptions {
  /** What every key this package writes starts with, so a shared Redis stays tidy; default `wazzup`. */
  prefix?: string | undefined;
}

/** The prefix, checked: a few plain characters, so a key never runs into another's. */
export function checkPrefix(prefix: string | undefined): string {
  const value = prefix ?? 'wazzup';
  if (typeof value !== 'string' || !/^[\w.:-]{1,64}$/.test(value)) {
    throw new TypeError('prefix: 1 to 64 letters, digits or _ . : -');
  }
  return value;
}

/** SHA-256 of a text in hex: how a key's name or a delivery's id is written into Redis. */
export async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  let hex = '';
  for (const byte of new Uint8Array(digest)) hex += byte.toString(16).padStart(2, '0');
  return hex;
}
