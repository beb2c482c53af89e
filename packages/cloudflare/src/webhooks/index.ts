/**
 * Receiving Wazzup webhooks in a Worker: the handler from core with its secret from the env, the
 * handlers run through `ctx.waitUntil` after a quick 200, and repeated deliveries dropped through
 * a KV namespace.
 *
 * @module @wazzup-sdk/cloudflare/webhooks
 */
export * from '@wazzup-sdk/core/webhooks';
export type {
  KvNamespaceLike,
  WorkerWebhookContext,
  WorkerWebhookHandlers,
  WorkerWebhookOptions,
} from './worker-webhooks';
export { createWorkerWebhookHandler, kvDedupe, WEBHOOK_TOKEN_BINDING } from './worker-webhooks';
