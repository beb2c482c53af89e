import type { OutboxRecord, OutboxStore, StatusEvent } from '@wazzup-sdk/core/outbox';
import type { Redis } from 'ioredis';
import { luaScript } from '../redis-client';

// Sets KEYS[1] to ARGV[2] (for ARGV[3] ms) only if it still holds ARGV[1] ('' for none): the
// outbox's rules run in JavaScript (core's), and this makes each read-change-write atomic.
const COMPARE_AND_SET = `
local current = redis.call('GET', KEYS[1]) or ''
if current ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
return 1
`;

// Takes every status kept for a messageId, at once, so two takers never both get one.
const TAKE_ALL = `
local items = redis.call('LRANGE', KEYS[1], 0, -1)
redis.call('DEL', KEYS[1])
return items
`;

const compareAndSet = luaScript(COMPARE_AND_SET);
const takeAll = luaScript(TAKE_ALL);

const ORPHAN_TTL_MS = 10 * 60 * 1000;

/**
 * The outbox's store in Redis, every key under `base`: a record per message (JSON, written under
 * compare-and-set), the messageId index, statuses waiting for their message, and the dead list
 * (a sorted set by when each died). Every key expires with the ledger's TTL.
 */
export function redisOutboxStore(redis: Redis, base: string, ttlMs: number): OutboxStore {
  const recordKey = (id: string) => `${base}:m:${id}`;
  const parse = (raw: string | null) => (raw ? (JSON.parse(raw) as OutboxRecord) : undefined);
  return {
    get: async (id) => parse(await redis.get(recordKey(id))),
    async update(id, change) {
      // Bounded: each retry means another write landed; a hundred in a row is a bug.
      for (let attempt = 0; attempt < 100; attempt++) {
        const raw = (await redis.get(recordKey(id))) ?? '';
        const current = parse(raw);
        const next = change(current && structuredClone(current));
        if (next === undefined) return current;
        const json = JSON.stringify(next);
        if (Number(await compareAndSet(redis, [recordKey(id)], [raw, json, ttlMs])) === 1) {
          return next;
        }
      }
      throw new Error(`the outbox record ${id} kept changing under 100 tries`);
    },
    async index(messageId, id) {
      await redis.set(`${base}:by-message:${messageId}`, id, 'PX', ttlMs);
    },
    lookup: async (messageId) => (await redis.get(`${base}:by-message:${messageId}`)) ?? undefined,
    async keepOrphan(messageId, event) {
      const key = `${base}:orphans:${messageId}`;
      await redis.rpush(key, JSON.stringify(event));
      await redis.pexpire(key, ORPHAN_TTL_MS);
    },
    async takeOrphans(messageId) {
      const raw = (await takeAll(redis, [`${base}:orphans:${messageId}`], [])) as string[];
      return raw.map((item) => JSON.parse(item) as StatusEvent);
    },
    async addDead(id, at) {
      await redis.zadd(`${base}:dead`, at, id);
      await redis.pexpire(`${base}:dead`, ttlMs);
    },
    async removeDead(id) {
      await redis.zrem(`${base}:dead`, id);
    },
    listDead: (offset, limit) => redis.zrevrange(`${base}:dead`, offset, offset + limit - 1),
  };
}
