/**
 * Wazzup24 beyond one process, on Redis through ioredis: one rate limit per key shared by every
 * replica (`redisRateLimit`) and one memory of webhook deliveries (`redisDedupe`).
 *
 * @module @wazzup-sdk/redis
 */
export type { RedisLike, RedisStoreOptions } from './redis-client';
export { type RedisDedupeOptions, redisDedupe } from './redis-dedupe';
export { type RedisRateLimitOptions, redisRateLimit } from './redis-rate-limit';
