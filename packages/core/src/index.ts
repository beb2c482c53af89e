/**
 * Validated, retrying, idempotent client for the Wazzup24 v3 API: schemas, errors, the sender and
 * every other route on one engine. Runs anywhere `fetch` exists.
 *
 * @module @wazzup-sdk/core
 */
export type {
  CallOptions,
  DuplicateResult,
  RateLimit,
  SendMessageOptions,
  SendMessageResult,
  SentResult,
  WazzupOptions,
  WazzupSender,
} from './client/contract';
export {
  DEFAULT_BASE_URL,
  DEFAULT_MAX_RETRIES,
  DEFAULT_QUEUE_TIMEOUT_MS,
  DEFAULT_RATE_LIMIT,
  DEFAULT_RETRY_DEADLINE_MS,
  DEFAULT_TIMEOUT_MS,
  DUPLICATE_WINDOW_MS,
  UNANSWERED_HOLD_MS,
} from './client/contract';
export type { SendClientOptions } from './client/create-send-client';
export { createSendClient } from './client/create-send-client';
export type { WazzupClient } from './client/create-wazzup';
export { createSender, createWazzup } from './client/create-wazzup';
export { createCrmMessageId } from './client/crm-message-id';
export type { EnvReader } from './client/from-env';
export { createSenderFromEnv, createWazzupFromEnv, ENV, optionsFromEnv } from './client/from-env';
export type { RawAnswer } from './client/raw-answer';
export { readLimited } from './client/read-capped';
export type { FetchLike, Transport, TransportRequest } from './client/transport';
export { createTransport } from './client/transport';
export { parseSendMessageRequest } from './client/validate';
export type { ApiErrorDetails, ValidationIssue } from './errors/classes';
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
export type { ErrorCodeInfo, KnownErrorCode, WazzupErrorCode } from './errors/codes';
export { ERROR_CODES, isRetryableCode } from './errors/codes';
export type { Channel, ChannelState, ChannelTransport } from './resources/channels';
export { ChannelSchema, canSend } from './resources/channels';
export type {
  ContactChat,
  ContactInput,
  DealInput,
  EntityMethods,
  Stored,
  UserInput,
} from './resources/crm';
export { ContactInputSchema, DealInputSchema, UserInputSchema } from './resources/crm';
export type { IframeChat, IframeOptions } from './resources/iframe';
export { IframeRequestSchema } from './resources/iframe';
export type { ResourceMethods } from './resources/index';
export type { EditMessageOptions, MessageEdit } from './resources/messages';
export { EditMessageRequestSchema } from './resources/messages';
export type { Pipeline, PipelineInput } from './resources/pipelines';
export { PipelineInputSchema } from './resources/pipelines';
export { BATCH_LIMIT } from './resources/shared';
export type { Template, TemplateStatus } from './resources/templates';
export type { Unanswered } from './resources/unanswered';
export type {
  SetWebhooksInput,
  WebhookSettings,
  WebhookSubscriptions,
} from './resources/webhooks';
export { SetWebhooksRequestSchema, WebhookSettingsSchema } from './resources/webhooks';
export type { ButtonLayout, ChatIdFormat, ChatRule, ChatType } from './schemas/chat-types';
export { CHAT_RULES, CHAT_TYPES, WABA_RULE } from './schemas/chat-types';
export type { ErrorResponse } from './schemas/error';
export { ErrorResponseSchema } from './schemas/error';
export type { UnknownKeys } from './schemas/exact-object';
export type { TextLimits } from './schemas/limits';
export { createSendMessageRequestSchema, SendMessageRequestSchema } from './schemas/request';
export type {
  ButtonsObject,
  ChatTarget,
  MaxButton,
  MaxButtons,
  MessageContent,
  MessageFields,
  RequestSchemaOptions,
  SendMessageRequest,
  SendMessageRequestSchemaType,
  TelegramButton,
  TelegramButtons,
  WabaButton,
  WabaButtons,
} from './schemas/request-types';
export type { SendMessageResponse } from './schemas/response';
export { SendMessageResponseSchema } from './schemas/response';
