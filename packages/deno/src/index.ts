/**
 * The Wazzup24 client for Deno: core's client with its options read from `Deno.env`, and the
 * stores that share a rate limit and webhook dedupe through Deno KV.
 *
 * @module @wazzup-sdk/deno
 */
// Core's public types and error classes, the same in every runtime package: one line each, so the
// list reads as the one shared surface rather than a copy to keep in step by hand.
// biome-ignore format: see above
export type { CallOptions, Logger, LogLevel, Page, PagePromise, RateLimit, RequestInput, SendMessageRequest, SendMessageResult, ValidationIssue, Wazzup, WazzupHooks, WazzupOptions, WazzupPromise, WazzupResponse, WazzupSender } from '@wazzup-sdk/core';
// biome-ignore format: see above
export { WazzupAbortError, WazzupApiError, WazzupConfigError, WazzupConnectionError, WazzupError, WazzupQueueTimeoutError, WazzupTimeoutError, WazzupValidationError } from '@wazzup-sdk/core';
export { createSender, createWazzup } from './create-wazzup';
export type { KvAtomic, KvEntry, KvLike, KvStoreOptions } from './kv/kv';
export { type KvDedupeOptions, kvDedupe } from './kv/kv-dedupe';
export {
  createKvOutbox,
  type KvEnqueueOptions,
  type KvOutbox,
  type KvOutboxOptions,
  type KvQueueLike,
} from './kv/kv-outbox';
export { type KvRateLimitOptions, kvRateLimit } from './kv/kv-rate-limit';
