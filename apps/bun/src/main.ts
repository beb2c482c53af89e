// Sending WhatsApp and Telegram messages from Bun with @wazzup-sdk/bun.
// With WAZZUP_API_KEY, WAZZUP_CHANNEL_ID and WAZZUP_CHAT_ID set it talks to the real API;
// otherwise it serves the bundled fake API with Bun.serve on loopback and talks to that.

import { createWazzup } from '@wazzup-sdk/bun';
import { createWebhookSecret, webhookAddress } from '@wazzup-sdk/core/webhooks';
import { createReport, formatDelivered, formatWebhook } from '@wazzup-sdk/example-report';
import { writeBack } from '@wazzup-sdk/example-report/auto-reply';
import { createWazzupMock, DEMO_API_KEY, DEMO_CHANNEL_IDS, DEMO_CHANNELS } from '@wazzup-sdk/mock';
import { serveAutoReply } from './receiver';

const real = Bun.env.WAZZUP_API_KEY;
const mock = real
  ? undefined
  : createWazzupMock({ apiKeys: [DEMO_API_KEY], channels: DEMO_CHANNELS });
const server = mock && Bun.serve({ hostname: '127.0.0.1', port: 0, fetch: mock.handler });
if (server) {
  // The fake API: its demo key and address go where a real key would, in the environment.
  Bun.env.WAZZUP_API_KEY = DEMO_API_KEY;
  Bun.env.WAZZUP_BASE_URL = `http://127.0.0.1:${server.port}`;
}

const wazzup = createWazzup(); // reads WAZZUP_API_KEY (and WAZZUP_BASE_URL) from Bun.env
const channelId = Bun.env.WAZZUP_CHANNEL_ID ?? DEMO_CHANNEL_IDS.whatsapp;
const chatId = Bun.env.WAZZUP_CHAT_ID ?? '79011112233';
const telegramChannelId = Bun.env.WAZZUP_TELEGRAM_CHANNEL_ID ?? (mock && DEMO_CHANNEL_IDS.telegram);
const report = createReport();

console.log(
  `bun ${Bun.version} → ${server ? `fake Wazzup API at ${Bun.env.WAZZUP_BASE_URL}` : 'Wazzup API'}`,
);
await report.show('WhatsApp text', () =>
  wazzup.messages.send({
    channelId,
    chatType: 'whatsapp',
    chatId,
    text: 'Your order #1042 has shipped 📦',
  }),
);
if (telegramChannelId) {
  await report.show('Telegram by username', () =>
    wazzup.messages.send({
      channelId: telegramChannelId,
      chatType: 'telegram',
      username: 'wazzup_demo',
      text: 'Hello from Bun',
    }),
  );
}
await report.show('Template with buttons', () =>
  wazzup.messages.send({
    channelId,
    chatType: 'whatsapp',
    chatId,
    templateId: '6201005a-9a6f-486f-bdd5-e6cb86c76ddb',
    templateValues: ['1042'],
    buttonsObject: { buttons: [{ payload: 'track' }, { payload: 'support' }] },
  }),
);
// A '+' in a WhatsApp number is refused locally, with the code the server would answer.
await report.show(
  'Invalid number (caught)',
  () =>
    wazzup.messages.send({
      channelId,
      chatType: 'whatsapp',
      chatId: '+7 901 111-22-33',
      text: 'Hi',
    }),
  'CHAT_INCORRECT_CHAT_ID_WHATSAPP',
);
// Receiving, against the fake API: replies and statuses come back as webhooks, served with
// Bun.serve. The auto-reply answers an incoming message in the chat the webhook names (the
// Telegram contact reached by username above now has a chatId), ignores echoes, and records
// every message's statuses.
if (mock && telegramChannelId) {
  const token = createWebhookSecret();
  const receiver = serveAutoReply(wazzup, { token });
  await wazzup.webhooks.set({
    uri: webhookAddress(receiver.address, token),
    subscriptions: { messagesAndStatuses: true },
  });
  for (const line of await writeBack(mock, receiver.log)) console.log(formatWebhook(line));
  await receiver.close();
}
if (mock) console.log(formatDelivered(mock.messages));
server?.stop(true);
process.exitCode = report.failed ? 1 : 0;
