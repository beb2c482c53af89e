/**
 * Validated, retrying, idempotent client for the Wazzup24 send-message API: schemas, errors and the
 * sender. Runs anywhere `fetch` exists.
 *
 * @module @wazzup-sdk/core
 */
export type { SendClientOptions } from './client/create-send-client';
export { createSendClient } from './client/create-send-client';
export type { WazzupClient, WazzupOptions } from './client/create-wazzup';
export { createWazzup, DEFAULT_BASE_URL } from './client/create-wazzup';
export { createCrmMessageId } from './client/crm-message-id';
export type { EnvReader } from './client/from-env';
export { createWazzupFromEnv, ENV } from './client/from-env';
export type { RateLimit } from './client/rate-limiter';
export { DEFAULT_QUEUE_TIMEOUT_MS, DEFAULT_RATE_LIMIT } from './client/rate-limiter';
export type {
  DuplicateResult,
  SendMessageOptions,
  SendMessageResult,
  SentResult,
} from './client/send-message';
export type { FetchLike } from './client/transport';
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
export type { AnyChatType, ChatType, ExtraChatType } from './schemas/chat-types';
export { CHAT_TYPES, EXTRA_CHAT_TYPES } from './schemas/chat-types';
export type { ErrorResponse } from './schemas/error';
export { ErrorResponseSchema } from './schemas/error';
export type { TextLimits } from './schemas/limits';
export { DEFAULT_TEXT_LIMITS, MAX_BUTTON_TEXT, MAX_BUTTONS } from './schemas/limits';
export type {
  Button,
  ButtonsObject,
  ChatTarget,
  MessageContent,
  MessageFields,
  RequestSchemaOptions,
  SendMessageRequest,
  SendMessageRequestSchemaType,
} from './schemas/request';
export { createSendMessageRequestSchema, SendMessageRequestSchema } from './schemas/request';
export type { SendMessageResponse } from './schemas/response';
export { SendMessageResponseSchema } from './schemas/response';
