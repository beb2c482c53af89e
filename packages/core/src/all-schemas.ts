/**
 * The valibot schemas the client checks bodies and reads answers with, the types of what they
 * hold, and the chat-type facts they check (`CHAT_RULES`: each chat type's ids, text limit and
 * buttons): for forms, queues and tests that check a value the way the client will, without a client.
 * Strict on bodies (an unknown key is refused, naming the service's code and the field), lenient
 * on answers (unknown fields kept).
 *
 * @module @wazzup-sdk/core/schemas
 */
export type { Channel, ChannelState, ChannelTransport } from './resources/channels';
export { ChannelSchema } from './resources/channels';
export type { ContactChat, ContactInput, DealInput, Stored, UserInput } from './resources/crm';
export { ContactInputSchema, DealInputSchema, UserInputSchema } from './resources/crm';
export type { IframeChat, IframeOptions } from './resources/iframe';
export { IframeRequestSchema } from './resources/iframe';
export type { DuplicateResult, MessageEdit, SentResult } from './resources/messages';
export { EditMessageRequestSchema } from './resources/messages';
export type { Pipeline, PipelineInput } from './resources/pipelines';
export { PipelineInputSchema } from './resources/pipelines';
export type { TemplateStatus } from './resources/templates';
export type { SetWebhooksInput, WebhookSettings, WebhookSubscriptions } from './resources/webhooks';
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
  SendMessageRequest,
  TelegramButton,
  TelegramButtons,
  WabaButton,
  WabaButtons,
} from './schemas/request-types';
export type { SendMessageResponse } from './schemas/response';
export { SendMessageResponseSchema } from './schemas/response';
