/**
 * The Wazzup24 client in a Cloudflare Worker (its options read from the Worker's `env`), the
 * Durable Object that shares one rate limit per key across Workers, and the proxy that lets a
 * page send while the key stays in the Worker.
 *
 * @module @wazzup-sdk/cloudflare
 */
// Core's public types and error classes, the same in every runtime package: one line each, so the
// list reads as the one shared surface rather than a copy to keep in step by hand.
// biome-ignore format: see above
export type { CallOptions, Logger, LogLevel, Page, PagePromise, RateLimit, RequestInput, SendMessageRequest, SendMessageResult, ValidationIssue, Wazzup, WazzupHooks, WazzupOptions, WazzupPromise, WazzupResponse, WazzupSender } from '@wazzup-sdk/core';
// biome-ignore format: see above
export { WazzupAbortError, WazzupApiError, WazzupConfigError, WazzupConnectionError, WazzupError, WazzupQueueTimeoutError, WazzupTimeoutError, WazzupValidationError } from '@wazzup-sdk/core';
export type { WazzupEnv } from './create-wazzup';
export { createSender, createWazzup } from './create-wazzup';
export type { ProxyHandler, ProxyOptions } from './proxy/create-proxy-handler';
export { createProxyHandler } from './proxy/create-proxy-handler';
export { durableObjectRateLimit, WazzupRateLimit } from './rate-limit/durable-object-rate-limit';
