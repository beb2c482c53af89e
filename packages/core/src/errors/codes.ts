/** What a code means and whether the same request is worth trying again later. */
export interface ErrorCodeInfo {
  /** What went wrong, in the service's words where it has some. */
  readonly description: string;
  /** `true` when a later retry of the same request may succeed. */
  readonly retryable: boolean;
}

/**
 * Every error code the send-message API documents, the ones the service sends beyond its page,
 * and the few this SDK assigns itself (`UNAUTHORIZED`, `RATE_LIMITED`, `SERVER_ERROR`,
 * `HTTP_ERROR`, `INVALID_RESPONSE`). Kept apart from the send path so its text is bundled only
 * by code that reads it.
 */
export const ERROR_CODES = {
  MESSAGE_WRONG_CONTENT_TYPE: {
    description: 'The content type could not be detected or is not supported.',
    retryable: false,
  },
  MESSAGE_ONLY_TEXT_OR_CONTENT: {
    description: 'A message carries text or content, not both.',
    retryable: false,
  },
  MESSAGE_NOTHING_TO_SEND: {
    description: 'No text, content or template was given.',
    retryable: false,
  },
  MESSAGE_TEXT_TOO_LONG: {
    description: 'The text is longer than the chat type allows (WhatsApp: 10 000 characters).',
    retryable: false,
  },
  MESSAGE_CONTENT_CAN_NOT_BE_BLANK: { description: 'The content link is empty.', retryable: false },
  MESSAGE_CONTENT_SIZE_EXCEEDED: {
    description: 'The content exceeds the allowed size of 10 MB.',
    retryable: false,
  },
  MESSAGE_TEXT_CAN_NOT_BE_BLANK: { description: 'The text is empty.', retryable: false },
  CHANNEL_NOT_FOUND: {
    description: 'The channel is not found in the integration.',
    retryable: false,
  },
  CHANNEL_BLOCKED: { description: 'The channel is switched off.', retryable: false },
  MESSAGE_DOWNLOAD_CONTENT_ERROR: {
    description: 'The content could not be downloaded from the link.',
    retryable: true,
  },
  MESSAGES_NOT_TEXT_FIRST: {
    description: 'On the "Start" tariff you cannot write first.',
    retryable: false,
  },
  MESSAGES_IS_SPAM: { description: 'Wazzup rated the message as spam.', retryable: false },
  CHAT_WRONG_CHAT_TYPE: { description: 'The chat type is not supported.', retryable: false },
  CHAT_MISSING_CHAT_TYPE: { description: 'chatType was not given.', retryable: false },
  CHAT_INCORRECT_CHAT_ID_WHATSAPP: {
    description: 'The WhatsApp number is not 9 to 16 digits without +.',
    retryable: false,
  },
  CHAT_MISSING_CHAT_ID: { description: 'chatId was not given.', retryable: false },
  VALIDATION_ERROR: { description: 'A parameter failed validation.', retryable: false },
  ACCOUNT_NOT_FOUND: {
    description: 'The account is not found in the integration.',
    retryable: false,
  },
  CONTACT_NOT_FOUND: {
    description: 'There is no chat with this contact on the account.',
    retryable: false,
  },
  CHANNEL_NO_MONEY: { description: 'The channel is not paid.', retryable: false },
  MESSAGE_CHANNEL_UNAVAILABLE: {
    description: 'The channel is "Phone unavailable" or "Wait a minute".',
    retryable: true,
  },
  CONTACT_DETAIL_NOT_FOUND: { description: 'No contact information.', retryable: false },
  MESSAGES_ABNORMAL_SEND: {
    description: 'The chat type does not match the source of the contact or channel.',
    retryable: false,
  },
  MESSAGES_INVALID_CONTACT_TYPE: {
    description: 'The chat type does not match the Instagram contact source.',
    retryable: false,
  },
  MESSAGES_CAN_NOT_ADD: {
    description: 'The message was not sent: an unexpected server error.',
    retryable: true,
  },
  REFERENCE_MESSAGE_NOT_FOUND: {
    description: 'The quoted message (refMessageId) was not found.',
    retryable: false,
  },
  UNKNOWN_ERROR: { description: 'Unknown error: contact support.', retryable: true },
  repeatedCrmMessageId: {
    description: 'A message with this crmMessageId was already sent.',
    retryable: false,
  },
  CHANNEL_LIMIT_EXCEEDED: {
    description: "The channel's sending limit is exceeded.",
    retryable: false,
  },
  FORBIDDEN: {
    description:
      'The key may not do this (a Sidecar key on contacts, deals, users, pipelines, iframe, unanswered).',
    retryable: false,
  },
  BALANCE_IS_EMPTY: { description: 'The account balance is empty.', retryable: false },
  MESSAGES_TOO_LONG_INSTAGRAM: {
    description: 'The text is too long for Instagram.',
    retryable: false,
  },
  MESSAGES_TOO_LONG_TELEGRAM: {
    description: 'The text is too long for Telegram.',
    retryable: false,
  },
  MESSAGES_TOO_LONG_WABA: {
    description: 'The text is too long for WABA (1 024 characters; 550 in a template).',
    retryable: false,
  },
  MESSAGES_TOO_LONG_WABA_TEMPLATE: {
    description: 'The text is too long for a WABA template (550 characters).',
    retryable: false,
  },
  MESSAGES_TOO_LONG_WABA_HEADER: {
    description: "A WABA template's header is too long.",
    retryable: false,
  },
  MESSAGES_TOO_LONG_VK: { description: 'The text is too long for VK.', retryable: false },
  MESSAGES_TOO_LONG_AVITO: { description: 'The text is too long for Avito.', retryable: false },
  MESSAGES_TOO_LONG_VIBER: {
    description: 'The text is too long for Viber (6 999 characters).',
    retryable: false,
  },
  MESSAGES_CONTAIN_BUTTONS: {
    description: 'The message has buttons, which this chat type does not take.',
    retryable: false,
  },
  MESSAGES_UNSUPPORTED_CONTENT_TYPE_INSTAPI: {
    description: 'Instagram does not take this kind of content.',
    retryable: false,
  },
  MESSAGES_CONTENT_SIZE_EXCEEDED: {
    description: 'The content is larger than the messenger allows.',
    retryable: false,
  },
  MESSAGES_CONTENT_SIZE_EXCEEDED_WABA: {
    description: 'The content is larger than WABA allows.',
    retryable: false,
  },
  MESSAGES_CONTENT_SIZE_EXCEEDED_TELEGRAM: {
    description: 'The content is larger than Telegram allows.',
    retryable: false,
  },
  MESSAGES_CONTENT_CAN_NOT_BE_BLANK: {
    description: 'The content link is empty.',
    retryable: false,
  },
  MESSAGES_TEXT_CAN_NOT_BE_BLANK: { description: 'The text is empty.', retryable: false },
  MESSAGES_ONLY_TEXT_OR_CONTENT: {
    description: 'A message carries text or content, not both.',
    retryable: false,
  },
  CHANNEL_INVALID_TRANSPORT_FOR_CONTENT_EDITING: {
    description: "This channel's messages cannot have their content edited.",
    retryable: false,
  },
  NO_SUCH_ACCOUNT: { description: 'The account is not found.', retryable: false },
  CHANNEL_WAPI_REJECTED: { description: 'The WABA channel was rejected.', retryable: false },
  MESSAGES_NOT_FOUND: { description: 'The message is not found.', retryable: false },
  CHAT_NO_ACCESS: { description: 'The channel has no access to this chat.', retryable: false },
  TEMPLATE_REJECTED: { description: 'The WABA template was rejected.', retryable: false },
  BAD_CONTACT: { description: 'The contact cannot receive messages.', retryable: false },
  INVALID_MESSAGE_DATA: {
    description: 'Message data is invalid; data.fields names the fields.',
    retryable: false,
  },
  WRONG_TRANSPORT: {
    description: 'The chat type does not fit the channel; data has channelId, transport, chatType.',
    retryable: false,
  },
  UNKNOWN_ERROR_WITH_TRACE_ID: {
    description: 'Unknown error; give support the trace id it carries.',
    retryable: true,
  },
  MESSAGES_EDITING_TIME_EXPIRED: {
    description: 'The message is too old to edit.',
    retryable: false,
  },
  MESSAGES_DELETION_TIME_EXPIRED: {
    description: 'The message is too old to delete.',
    retryable: false,
  },
  CHANNEL_INVALID_TRANSPORT_FOR_EDITING: {
    description: 'Messages of this channel (WABA) cannot be edited.',
    retryable: false,
  },
  CHANNEL_INVALID_TRANSPORT_FOR_DELETION: {
    description: 'Messages of this channel (WABA) cannot be deleted.',
    retryable: false,
  },
  uriNotValid: { description: 'The webhook address is not a valid URL.', retryable: false },
  testPostNotPassed: {
    description: 'The webhook address did not answer the { test: true } probe with 200.',
    retryable: true,
  },
  INVALID_USERS_DATA: { description: 'A user is invalid; see data.', retryable: false },
  USER_LIMIT_EXCEEDED: { description: 'The account has too many users.', retryable: false },
  DUPLICATE_PHONE_NUMBER: {
    description: 'Another user already has this phone number.',
    retryable: false,
  },
  INVALID_CONTACTS_DATA: {
    description: 'A contact is invalid; data is [{ index, fields }].',
    retryable: false,
  },
  INVALID_DEALS_DATA: { description: 'A deal is invalid; see data.', retryable: false },
  TOO_MANY_ENTITIES: { description: 'A batch holds more than 100 items.', retryable: false },
  UNEXPECTED_REDIRECT: {
    description: 'The server answered with a redirect, which the SDK never follows.',
    retryable: false,
  },
  UNAUTHORIZED: { description: 'The API key is missing or wrong.', retryable: false },
  RATE_LIMITED: {
    description: 'Too many requests for this key (about 500 per 5 s).',
    retryable: true,
  },
  SERVER_ERROR: { description: 'The service failed (5xx) without saying why.', retryable: true },
  HTTP_ERROR: { description: 'An HTTP error the service did not explain.', retryable: false },
  INVALID_RESPONSE: {
    description:
      'The service answered 201 with a body that is not a send result: the message may have been sent.',
    retryable: false,
  },
} as const;

// Every entry has the documented shape.
ERROR_CODES satisfies Record<string, ErrorCodeInfo>;

/** A code from the catalogue. */
export type KnownErrorCode = keyof typeof ERROR_CODES;

/** A code the service or this SDK can give; unknown future codes pass through as strings. */
export type WazzupErrorCode = KnownErrorCode | (string & {});

/** Whether a code means the same request is worth trying again later. Unknown codes are not. */
export function isRetryableCode(code: string): boolean {
  return Object.hasOwn(ERROR_CODES, code) && ERROR_CODES[code as KnownErrorCode].retryable;
}
