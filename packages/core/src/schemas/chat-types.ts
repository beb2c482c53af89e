/** The chat types the send-message page documents, each with its own checks. */
export const CHAT_TYPES = ['whatsapp', 'whatsgroup', 'instagram', 'telegram'] as const;

/** A chat type the send-message page documents. */
export type ChatType = (typeof CHAT_TYPES)[number];

/**
 * Chat types the real service accepts beyond the page's four. They are off by default and turned
 * on per client with `allowChatTypes`; they pass through without per-type checks.
 */
export const EXTRA_CHAT_TYPES = ['viber', 'telegroup', 'vk', 'avito', 'max'] as const;

/** A chat type the service knows but the page does not document. */
export type ExtraChatType = (typeof EXTRA_CHAT_TYPES)[number];

/** Any chat type this SDK can name. */
export type AnyChatType = ChatType | ExtraChatType;
