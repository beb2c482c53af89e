/**
 * The Wazzup24 client for web pages: {@link createProxySender} sends through your proxy so the API
 * key never reaches the page; {@link createWazzup} is the whole client with the key in the page,
 * for private tools only.
 *
 * @module @wazzup-sdk/browser
 */
// Core's public types and error classes, the same in every runtime package: one line each, so the
// list reads as the one shared surface rather than a copy to keep in step by hand.
// biome-ignore format: see above
export type { CallOptions, Logger, LogLevel, Page, PagePromise, RateLimit, RequestInput, SendMessageRequest, SendMessageResult, ValidationIssue, Wazzup, WazzupHooks, WazzupOptions, WazzupPromise, WazzupResponse, WazzupSender } from '@wazzup-sdk/core';
// biome-ignore format: see above
export { WazzupAbortError, WazzupApiError, WazzupConfigError, WazzupConnectionError, WazzupError, WazzupQueueTimeoutError, WazzupTimeoutError, WazzupValidationError } from '@wazzup-sdk/core';
export type { ProxySenderOptions } from './create-wazzup';
export { createProxySender, createSender, createWazzup } from './create-wazzup';
