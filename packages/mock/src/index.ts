/**
 * A fake Wazzup24 API written from the v3 pages, for tests: every route, in memory or served.
 *
 * @module @wazzup-sdk/mock
 */
export type {
  DeliveredMessage,
  IncomingMessage,
  ReceivedRequest,
  WazzupMock,
  WazzupMockOptions,
} from './create-wazzup-mock';
export { createWazzupMock } from './create-wazzup-mock';
export type { Fault, FaultPlan, RandomFaults } from './faults/faults';
export { MockConnectionReset } from './faults/faults';
export { DEMO_API_KEY, DEMO_CHANNEL_IDS, DEMO_CHANNELS } from './fixtures';
export type { EditableMessage, MockRoute } from './routes/v3-routes';
export type { MockAccount } from './state/accounts';
export {
  CHANNEL_STATES,
  type ChannelState,
  type MockChannel,
  TRANSPORTS,
  type Transport,
} from './state/channels';
export type { RateLimit } from './state/rate-limit';
export { SERVICE_RATE_LIMIT } from './state/rate-limit';
export type {
  MockEntity,
  MockStore,
  MockStoreSeed,
  MockTemplate,
  MockUnanswered,
  MockWebhookSettings,
} from './state/store';
export type { Buttons, ChatFacts, Rejection, ValidationRules } from './validate/rules';
export { CHATS, SERVICE_CHAT_TYPES, SERVICE_TEXT_LIMITS, WABA } from './validate/rules';
export type { BatchRejection, EntityKind, UnknownKeyMode } from './validate/validate-entities';
export { ENTITY_RULES, validateBatch } from './validate/validate-entities';
export { validateMessage } from './validate/validate-message';
export type { WebhookAttempt, WebhookDeliveryOptions } from './webhooks/deliveries';
