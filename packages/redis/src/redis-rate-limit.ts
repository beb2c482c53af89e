import { defineRateLimitStore, type RateLimitStore } from '@wazzup-sdk/core';
import { checkPrefix, luaScript, type RedisLike, type RedisStoreOptions } from './redis-client';

// Each script reads the time from Redis (TIME), so processes whose clocks disagree share one
// clock. KEYS: the key's counted slots (a sorted set scored by when each stops counting), its
// pause's end, and until when an interactive caller waits; all under one hash tag.
const NOW = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
`;

/** Keeps a key alive at least `ms` more: every score it holds ends within that. */
const KEEP = `
local function keep(key, ms)
  if redis.call('PTTL', key) < ms then redis.call('PEXPIRE', key, ms) end
end
`;

// ARGV: limit, windowMs, leaseMs, lane, then the slots' ids. Returns how many of them it took,
// in order, and (when fewer than asked) the ms to wait.
const TAKE = `${NOW}${KEEP}
local limit, window, lease = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local lane, asked = ARGV[4], #ARGV - 4
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local wait = math.max(0, tonumber(redis.call('GET', KEYS[2]) or '0') - now)
if lane == 'bulk' then
  wait = math.max(wait, tonumber(redis.call('GET', KEYS[3]) or '0') - now)
end
local count = redis.call('ZCARD', KEYS[1])
local taken = 0
if wait == 0 then
  while taken < asked and count < limit do
    taken = taken + 1
    count = count + 1
    redis.call('ZADD', KEYS[1], now + lease, ARGV[4 + taken])
  end
  if taken > 0 then keep(KEYS[1], lease) end
  if taken == asked then return {taken, 0} end
end
if count >= limit then
  local first = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  -- A slot in flight frees a window after its answer at the soonest.
  wait = math.max(wait, math.min(tonumber(first[2]), now + window) - now)
end
wait = math.max(1, wait)
if lane == 'interactive' then
  -- Bulk callers of every process stand back until this one asks again (and a little after).
  local held = now + wait + 50
  if held > tonumber(redis.call('GET', KEYS[3]) or '0') then
    redis.call('SET', KEYS[3], held, 'PX', wait + 50)
  end
end
return {taken, wait}
`;

// ARGV: slot, windowMs, heldMs. The slot counts a window (and the hold) from now.
const RELEASE = `${NOW}${KEEP}
local ms = tonumber(ARGV[2]) + tonumber(ARGV[3])
if ms <= 0 then
  redis.call('ZREM', KEYS[1], ARGV[1])
  return 0
end
redis.call('ZADD', KEYS[1], now + ms, ARGV[1])
keep(KEYS[1], ms)
return 0
`;

// ARGV: ms. No slot for anyone on the key until then.
const PAUSE = `${NOW}
local ms = tonumber(ARGV[1])
if ms > 0 and now + ms > tonumber(redis.call('GET', KEYS[1]) or '0') then
  redis.call('SET', KEYS[1], now + ms, 'PX', ms)
end
return 0
`;

const runTake = luaScript(TAKE);
const runRelease = luaScript(RELEASE);
const runPause = luaScript(PAUSE);

/** Options of {@link redisRateLimit}. */
export type RedisRateLimitOptions = RedisStoreOptions;

/**
 * A `RateLimitStore` (core) in Redis: `rateLimit: { limit, windowMs, store: redisRateLimit(redis) }`
 * on every replica, and all of them count against one budget per key. Each slot is one member of
 * a sorted set, taken under a lease (a dead process's slots free when it ends) and counted a window
 * past its answer, all in Lua on Redis's clock. The key is known by a SHA-256 hash, never in clear:
 * `{prefix}:rl:{<hash>}:slots`, `…:pause` and `…:interactive`.
 */
export function redisRateLimit(
  redis: RedisLike,
  options: RedisRateLimitOptions = {},
): RateLimitStore {
  if (!redis || typeof redis.eval !== 'function') throw new TypeError('redis: an ioredis client');
  const prefix = checkPrefix(options.prefix);
  const keys = (key: string) => [`${prefix}:rl:{${key}}:slots`, `${prefix}:rl:{${key}}:pause`];
  return defineRateLimitStore({
    async take({ key, slots, limit, windowMs, leaseMs, lane }) {
      const [counted, pause] = keys(key);
      const interactive = `${prefix}:rl:{${key}}:interactive`;
      const [taken, waitMs] = (await runTake(
        redis,
        [counted as string, pause as string, interactive],
        [limit, Math.ceil(windowMs), Math.ceil(leaseMs), lane, ...slots],
      )) as [number, number];
      return { taken: Number(taken), waitMs: Number(waitMs) };
    },
    async release({ key, slot, windowMs, heldMs }) {
      await runRelease(
        redis,
        [keys(key)[0] as string],
        [slot, Math.ceil(windowMs), Math.ceil(heldMs)],
      );
    },
    async pause({ key, ms }) {
      await runPause(redis, [keys(key)[1] as string], [Math.ceil(ms)]);
    },
  });
}
