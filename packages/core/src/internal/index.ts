/**
 * Building blocks for the runtime packages of this SDK, not for applications: their names and
 * shapes may change in any release.
 *
 * @module @wazzup-sdk/core/internal
 * @internal
 */
export { resolveIn, senderOn, unlimitedSenderOn, wazzupOn } from '../client';
export { checkHeaders } from '../core/check-options';
export type { FetchLike } from '../core/options';
export {
  DEFAULT_RATE_LIMIT,
  DEFAULT_TIMEOUT_MS,
  DUPLICATE_WINDOW_MS,
  ENV,
  envReader,
  resolveShared,
} from '../core/options';
export type { SendMessageRequestSchemaType } from '../schemas/request-types';
export { handlerWith } from '../webhooks/create-webhook-handler';
export { resolveWebhookOptions } from '../webhooks/options';
export { createCrmMessageId } from './crm-message-id';
export { hexDigest } from './hex-digest';
export { readLimited } from './read-capped';
export { UNANSWERED_HOLD_MS } from './request';
export { createSlotTable, type SlotTable } from './slot-table';
export type { Transport } from './transport';
export { createTransport } from './transport';
