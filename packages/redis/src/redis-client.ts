import { hexDigest } from '@wazzup-sdk/core/internal';

/**
 * What the stores need of a Redis client: `eval` as ioredis has it. An ioredis `Redis` or
 * `Cluster` (the client BullMQ uses too) serves; every key one store call touches shares a hash
 * tag, so a cluster keeps them on one node.
 */
export interface RedisLike {
  eval(script: string, numKeys: number, ...args: (string | number)[]): Promise<unknown>;
  /** Every ioredis client has it: scripts then go by their hash, not their text, on each call. */
  evalsha?(sha: string, numKeys: number, ...args: (string | number)[]): Promise<unknown>;
}

/**
 * A Lua script, run by its SHA-1 (`EVALSHA`) and loaded with `EVAL` whenever Redis does not know
 * it yet (a new server, a restart, `SCRIPT FLUSH`): a store's scripts run twice per send, and
 * their text would otherwise travel with every call.
 */
export function luaScript(
  lua: string,
): (
  redis: RedisLike,
  keys: readonly string[],
  args: readonly (string | number)[],
) => Promise<unknown> {
  let sha: Promise<string> | undefined;
  return async (redis, keys, args) => {
    if (typeof redis.evalsha !== 'function') return redis.eval(lua, keys.length, ...keys, ...args);
    sha ??= hexDigest('SHA-1', lua);
    try {
      return await redis.evalsha(await sha, keys.length, ...keys, ...args);
    } catch (error) {
      if (!String((error as Error | undefined)?.message).includes('NOSCRIPT')) throw error;
      return redis.eval(lua, keys.length, ...keys, ...args);
    }
  };
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
