/**
 * Receiving from Wazzup: typed webhook events and a handler for any runtime's `Request`. A subpath
 * of its own, so code that only sends never bundles it.
 *
 * @module @wazzup-sdk/core/webhooks
 */
export { createWebhookHandler } from './create-webhook-handler';
export type { Claim, DedupeStore, MemoryDedupeOptions } from './dedupe';
export { createMemoryDedupe, dedupeKey } from './dedupe';
export {
  WazzupWebhookBodyTimeoutError,
  WazzupWebhookHandlerError,
  WazzupWebhookStoreError,
  WazzupWebhookTimeoutError,
} from './errors';
export type { NodeHandler, NodeRequestLike, NodeResponseLike } from './node-handler';
export { toNodeHandler } from './node-handler';
export type { WebhookContext, WebhookHandlerOptions, WebhookHandlers } from './options';
export type { WebhookEvent } from './parse-webhook';
export { parseWebhook, WazzupWebhookError } from './parse-webhook';
export type {
  WebhookChannelUpdate,
  WebhookChatType,
  WebhookCreateContact,
  WebhookCreateDeal,
  WebhookError,
  WebhookErrorCode,
  WebhookMessage,
  WebhookMessageType,
  WebhookStatus,
  WebhookStatusUpdate,
  WebhookTemplateStatus,
} from './schemas';
export {
  WebhookChannelUpdateSchema,
  WebhookCreateContactSchema,
  WebhookCreateDealSchema,
  WebhookMessageSchema,
  WebhookStatusSchema,
  WebhookTemplateStatusSchema,
} from './schemas';
export { createWebhookSecret, safeEqual, webhookAddress } from './secret';
