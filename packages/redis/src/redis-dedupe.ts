import { hexDigest } from '@wazzup-sdk/core/internal';
import type { Claim, DedupeStore } from '@wazzup-sdk/core/webhooks';
import { checkPrefix, luaScript, type RedisLike, type RedisStoreOptions } from './redis-client';

// ARGV: leaseMs. A claim is the value "claimed" with the lease as its expiry; "done" stays for
// the store's time.
const CLAIM = `
local value = redis.call('GET', KEYS[1])
if value == 'done' then return 'done' end
if value then return 'busy' end
redis.call('SET', KEYS[1], 'claimed', 'PX', ARGV[1])
return 'claimed'
`;

// Gives a claim up, but never a completed key.
const RELEASE = `
if redis.call('GET', KEYS[1]) == 'claimed' then redis.call('DEL', KEYS[1]) end
return 0
`;

const runClaim = luaScript(CLAIM);
const runRelease = luaScript(RELEASE);
const runComplete = luaScript("redis.call('SET', KEYS[1], 'done', 'PX', ARGV[1]) return 0");

/** Options of {@link redisDedupe}. */
export interface RedisDedupeOptions extends RedisStoreOptions {
  /** How long a handled item is remembered, in ms; default 24 h (the service redelivers for less). */
  ttlMs?: number | undefined;
}

/**
 * A {@link DedupeStore} in Redis: `createWebhookHandler({ dedupe: redisDedupe(redis) })` on every
 * replica, and an item is handled once whichever of them a delivery (or a redelivery after a
 * restart) reaches. Claims are atomic (Lua), leased (a replica that dies mid-handler frees its
 * claim when the lease ends) and released when a handler fails. Items are known by a SHA-256 of
 * their id: `{prefix}:dedupe:<hash>`.
 */
export function redisDedupe(redis: RedisLike, options: RedisDedupeOptions = {}): DedupeStore {
  if (!redis || typeof redis.eval !== 'function') throw new TypeError('redis: an ioredis client');
  const prefix = checkPrefix(options.prefix);
  const ttlMs = options.ttlMs ?? 24 * 60 * 60 * 1000;
  if (!Number.isInteger(ttlMs) || ttlMs < 1) throw new TypeError('ttlMs: a whole number of ms');
  const name = async (key: string) => `${prefix}:dedupe:${await hexDigest('SHA-256', key)}`;
  return {
    async claim(key, leaseMs) {
      const claim = await runClaim(redis, [await name(key)], [Math.max(1, Math.ceil(leaseMs))]);
      return String(claim) as Claim;
    },
    async complete(key) {
      await runComplete(redis, [await name(key)], [ttlMs]);
    },
    async release(key) {
      await runRelease(redis, [await name(key)], []);
    },
  };
}
