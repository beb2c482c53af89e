// A TypeScript consumer: type-checks against every installed package's declarations.
import { createWazzup as createBrowserClient } from '@wazzup-sdk/browser';
import { createProxyHandler } from '@wazzup-sdk/cloudflare';
import {
  createOutboxConsumer,
  enqueueMessage,
  type OutboxEnvelope,
  type QueueProducer,
} from '@wazzup-sdk/cloudflare/outbox';
import {
  type Channel,
  type ContactInput,
  createSender,
  createWazzup,
  type SendMessageRequest,
  type SendMessageResult,
  WazzupApiError,
} from '@wazzup-sdk/core';
import { createWazzupMock } from '@wazzup-sdk/mock';
import { serveWazzupMock } from '@wazzup-sdk/mock/node';

const message: SendMessageRequest = {
  channelId: 'c',
  chatType: 'telegram',
  username: 'durov',
  text: 'Hi',
};
// @ts-expect-error text and contentUri are exclusive
const invalid: SendMessageRequest = {
  channelId: 'c',
  chatType: 'whatsapp',
  chatId: '1',
  text: 'a',
  contentUri: 'b',
};

export async function check(): Promise<SendMessageResult> {
  const mock = createWazzupMock({ apiKeys: ['k'], channels: [] });
  const served = await serveWazzupMock({ mock });
  const proxy = createProxyHandler({ allowedOrigins: [], authorize: () => false });
  const browser = createBrowserClient({ proxyUrl: '/api/send' });
  const consume = createOutboxConsumer({ rateLimit: { limit: 10, windowMs: 1000 } });
  const queue: QueueProducer<OutboxEnvelope> = { send: async () => {}, sendBatch: async () => {} };
  const { crmMessageId }: { crmMessageId: string } = await enqueueMessage(queue, message);
  const wazzup = createWazzup({ apiKey: 'k', fetch: mock.fetch });
  const channels: Channel[] = await wazzup.channels.list();
  const contact: ContactInput = { id: 'c1', responsibleUserId: 'u1', name: 'A', contactData: [] };
  await wazzup.contacts.upsert([contact]);
  // @ts-expect-error a sender has no other routes
  void createSender({ apiKey: 'k' }).channels;
  void [invalid, proxy, browser, served, WazzupApiError, consume, crmMessageId, channels];
  return wazzup.sendMessage(message);
}
