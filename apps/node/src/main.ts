// Sending WhatsApp and Telegram messages from Node with @wazzup-sdk/core.
// With WAZZUP_API_KEY, WAZZUP_CHANNEL_ID and WAZZUP_CHAT_ID set it talks to the real API;
// otherwise it serves the bundled fake API on loopback and talks to that.
import { trace } from '@opentelemetry/api';
import { createWazzup } from '@wazzup-sdk/core';
import { createWebhookSecret, webhookAddress } from '@wazzup-sdk/core/webhooks';
import { createReport, formatDelivered, formatWebhook } from '@wazzup-sdk/example-report';
import { writeBack } from '@wazzup-sdk/example-report/auto-reply';
import { DEMO_API_KEY, DEMO_CHANNEL_IDS, DEMO_CHANNELS } from '@wazzup-sdk/mock';
import { serveWazzupMock } from '@wazzup-sdk/mock/node';
import { serveAutoReply } from './receiver';
import { tracingHooks } from './tracing';

const real = process.env.WAZZUP_API_KEY;
const mock = real
  ? undefined
  : await serveWazzupMock({ apiKeys: [DEMO_API_KEY], channels: DEMO_CHANNELS });
const apiKey = real ?? DEMO_API_KEY;
const baseUrl = process.env.WAZZUP_BASE_URL ?? mock?.url;

// Every attempt becomes an OpenTelemetry span once an SDK is registered (until then the API's
// tracer does nothing): see tracing.ts.
const wazzup = createWazzup({ apiKey, baseUrl, hooks: tracingHooks(trace.getTracer('example')) });
// The account's channels: send through the first WhatsApp channel that can send.
const { data: channels } = await wazzup.channels.list();
const active = channels.filter((channel) => channel.state === 'active');
const whatsappChannel = active.find((channel) => channel.transport === 'whatsapp');
const channelId = process.env.WAZZUP_CHANNEL_ID ?? whatsappChannel?.channelId ?? '';
const chatId = process.env.WAZZUP_CHAT_ID ?? '79011112233';
const telegramChannelId =
  process.env.WAZZUP_TELEGRAM_CHANNEL_ID ?? (mock && DEMO_CHANNEL_IDS.telegram);

const report = createReport();

console.log(`node ${process.version} → ${mock ? `fake Wazzup API at ${mock.url}` : 'Wazzup API'}`);
console.log(
  `channels: ${channels.length}, ${active.length} can send; WhatsApp through ${channelId}`,
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
      text: 'Hello from Node',
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

// Receiving, against the fake API: replies and statuses come back as webhooks. The auto-reply
// answers an incoming message in the chat the webhook names (the Telegram contact reached by
// username above now has a chatId), ignores echoes, and records every message's statuses.
if (mock && telegramChannelId) {
  const token = createWebhookSecret();
  const receiver = await serveAutoReply(wazzup, { token });
  await wazzup.webhooks.set({
    uri: webhookAddress(receiver.address, token),
    subscriptions: { messagesAndStatuses: true },
  });
  for (const line of await writeBack(mock.mock, receiver.log)) console.log(formatWebhook(line));
  await receiver.close();
}
if (mock) console.log(formatDelivered(mock.mock.messages));
await mock?.close();
process.exitCode = report.failed ? 1 : 0;
