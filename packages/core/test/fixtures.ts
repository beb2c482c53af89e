/** A channel id that is a valid UUID. */
export const CHANNEL_ID = 'e0629e11-0f67-4567-92a9-2237e91ec1b9';

/** A secret-looking key, to prove it never leaks. */
export const API_KEY = 'sk-live-9f8e7d6c5b4a39281706f5e4d3c2b1a0';

/** A valid WhatsApp text message. */
export const WHATSAPP_TEXT: {
  channelId: string;
  chatType: 'whatsapp';
  chatId: string;
  text: string;
} = {
  channelId: CHANNEL_ID,
  chatType: 'whatsapp',
  chatId: '79011112233',
  text: 'Hello from wazzup-sdk',
};

/** An incoming WhatsApp text as a webhook delivers it, with `extra` fields over it. */
export function webhookMessage(
  messageId: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    messageId,
    channelId: 'c1',
    chatType: 'whatsapp',
    chatId: '79011112233',
    dateTime: '2026-12-01T08:00:00Z',
    type: 'text',
    status: 'inbound',
    text: 'Hi',
    isEcho: false,
    ...extra,
  };
}
