import {
  type SendMessageRequest,
  type WazzupClient,
  WazzupError,
  WazzupValidationError,
} from '@wazzup-sdk/core';

/** One send of the demo and how it ended. */
export interface DemoRow {
  what: string;
  sent: SendMessageRequest;
  outcome: string;
  ok: boolean;
  ms: number;
}

/** Where the demo sends: one channel per messenger, and a WhatsApp number to write to. */
export interface DemoTargets {
  whatsappChannelId: string;
  whatsappChatId: string;
  /** Left out when talking to the real API without a Telegram channel. */
  telegramChannelId?: string;
}

/** The messages the demo sends, in order: a text, a Telegram message by username, a template. */
export function demoMessages(
  targets: DemoTargets,
): { what: string; message: SendMessageRequest; expectError?: string }[] {
  const { whatsappChannelId: channelId, whatsappChatId: chatId, telegramChannelId } = targets;
  return [
    {
      what: 'WhatsApp text',
      message: { channelId, chatType: 'whatsapp', chatId, text: 'Your order #1042 has shipped 📦' },
    },
    ...(telegramChannelId
      ? [
          {
            what: 'Telegram by username',
            message: {
              channelId: telegramChannelId,
              chatType: 'telegram',
              username: 'wazzup_demo',
              text: 'Hello from Node',
            } as const,
          },
        ]
      : []),
    {
      what: 'Template with buttons',
      message: {
        channelId,
        chatType: 'whatsapp',
        chatId,
        templateId: '6201005a-9a6f-486f-bdd5-e6cb86c76ddb',
        templateValues: ['1042'],
        buttonsObject: { buttons: [{ payload: 'track' }, { payload: 'support' }] },
      },
    },
    {
      what: 'Invalid number (caught)',
      // A '+' is not allowed: the SDK refuses it before any request, with the server's own code.
      message: { channelId, chatType: 'whatsapp', chatId: '+7 901 111-22-33', text: 'Hi' },
      expectError: 'CHAT_INCORRECT_CHAT_ID_WHATSAPP',
    },
  ];
}

/** Sends every demo message and reports each outcome; a send that went wrong is `ok: false`. */
export async function runDemo(wazzup: WazzupClient, targets: DemoTargets): Promise<DemoRow[]> {
  const rows: DemoRow[] = [];
  for (const { what, message, expectError } of demoMessages(targets)) {
    const started = performance.now();
    let outcome: string;
    let ok: boolean;
    try {
      const result = await wazzup.sendMessage(message);
      outcome =
        result.status === 'sent' ? `sent ${result.messageId}` : `duplicate ${result.crmMessageId}`;
      ok = expectError === undefined;
    } catch (error) {
      if (!(error instanceof WazzupError)) throw error;
      const code = 'code' in error ? String(error.code) : error.name;
      outcome =
        error instanceof WazzupValidationError
          ? `refused locally: ${code} (${error.field})`
          : `error ${code}`;
      ok = code === expectError;
    }
    rows.push({ what, sent: message, outcome, ok, ms: Math.round(performance.now() - started) });
  }
  return rows;
}
