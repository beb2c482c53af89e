/**
 * Building blocks for the runtime packages of this SDK, not for applications: their names and
 * shapes may change in any release.
 *
 * @module @wazzup-sdk/core/internal
 * @internal
 */
export { handlerWith } from '../webhooks/create-webhook-handler';
export type { ResolvedWebhookOptions } from '../webhooks/options';
export { resolveWebhookOptions } from '../webhooks/options';
