/**
 * The Wazzup24 v3 API for any JavaScript runtime: one validated, retrying, idempotent client for
 * every route, and its errors. Receiving is at `@wazzup-sdk/core/webhooks`; the valibot schemas
 * and the table of chat-type facts they check are at `@wazzup-sdk/core/schemas`.
 *
 * @module @wazzup-sdk/core
 */
export type { RequestInput, Wazzup, WazzupSender } from './client';
export { createSender, createWazzup } from './client';
export type {
  Logger,
  LogLevel,
  RateLimitWaitRecord,
  RequestRecord,
  ResponseRecord,
  RetryRecord,
  WazzupHooks,
} from './core/logging';
export type { CallOptions, RateLimit, WazzupOptions } from './core/options';
export type { Page, PagePromise } from './core/pagination';
export type { WazzupPromise, WazzupResponse } from './core/promise';
export type { Lane, RateLimitStore, ReleaseSlot, Taken, TakeSlots } from './core/rate-limit-store';
export { parseSendMessageRequest } from './core/validate';
export type { ValidationIssue } from './errors/classes';
export {
  WazzupAbortError,
  WazzupApiError,
  WazzupConfigError,
  WazzupConnectionError,
  WazzupError,
  WazzupQueueTimeoutError,
  WazzupTimeoutError,
  WazzupValidationError,
} from './errors/classes';
export type { WazzupErrorCode } from './errors/codes';
export { ERROR_CODES, isRetryableCode } from './errors/codes';
export { defineRateLimitStore } from './internal/store-rate-limiter';
export type { Channel } from './resources/channels';
export { canSend } from './resources/channels';
export type { ContactInput, DealInput, Stored, UserInput } from './resources/crm';
export type { IframeOptions } from './resources/iframe';
export type { MessageEdit, SendMessageResult } from './resources/messages';
export type { PipelineInput } from './resources/pipelines';
export type { Template } from './resources/templates';
export type { Unanswered } from './resources/unanswered';
export type { SetWebhooksInput, WebhookSettings } from './resources/webhooks';
export type { ChatType } from './schemas/chat-types';
export type { SendMessageRequest } from './schemas/request-types';
