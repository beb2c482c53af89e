// A TypeScript consumer: type-checks against every installed package's declarations.
import * as browser from '@wazzup-sdk/browser';
import * as bun from '@wazzup-sdk/bun';
import * as cloudflare from '@wazzup-sdk/cloudflare';
import { createProxyHandler } from '@wazzup-sdk/cloudflare';
import {
  createOutboxConsumer,
  createQueueOutbox,
  type OutboxStatus,
  type QueueProducer,
} from '@wazzup-sdk/cloudflare/outbox';
import * as core from '@wazzup-sdk/core';
import {
  type Channel,
  type ContactInput,
  createSender,
  createWazzup,
  type Page,
  type SendMessageRequest,
  type SendMessageResult,
  type Wazzup,
  WazzupApiError,
  type WazzupResponse,
  type WazzupSender,
} from '@wazzup-sdk/core';
import * as deno from '@wazzup-sdk/deno';
import { createWazzupMock } from '@wazzup-sdk/mock';
import { serveWazzupMock } from '@wazzup-sdk/mock/node';

/** `true` only when A and B are the same type (not merely assignable either way). */
type Same<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

// Every package's createWazzup returns the one Wazzup, and its createSender the one sender.
const sameClient: [
  Same<ReturnType<typeof core.createWazzup>, Wazzup>,
  Same<ReturnType<typeof deno.createWazzup>, Wazzup>,
  Same<ReturnType<typeof bun.createWazzup>, Wazzup>,
  Same<ReturnType<typeof cloudflare.createWazzup>, Wazzup>,
  Same<ReturnType<typeof browser.createWazzup>, Wazzup>,
  Same<ReturnType<typeof core.createSender>, WazzupSender>,
  Same<ReturnType<typeof deno.createSender>, WazzupSender>,
  Same<ReturnType<typeof bun.createSender>, WazzupSender>,
  Same<ReturnType<typeof cloudflare.createSender>, WazzupSender>,
  Same<ReturnType<typeof browser.createSender>, WazzupSender>,
  Same<ReturnType<typeof browser.createProxySender>, WazzupSender>,
  // The types each runtime package exports are core's own.
  Same<deno.Wazzup, Wazzup>,
  Same<cloudflare.WazzupResponse, WazzupResponse>,
  Same<browser.Page<Channel>, Page<Channel>>,
] = [true, true, true, true, true, true, true, true, true, true, true, true, true, true];
// A sender has messages and, on it, send: nothing else.
const senderShape: [
  Same<keyof WazzupSender, 'messages'>,
  Same<keyof WazzupSender['messages'], 'send'>,
] = [true, true];
/** Every package's createWazzup takes no argument, or on a Worker just `{ env }`. Never run. */
function withoutOptions(env: cloudflare.WazzupEnv): Wazzup[] {
  return [
    core.createWazzup(),
    deno.createWazzup(),
    bun.createWazzup(),
    cloudflare.createWazzup({ env }),
    browser.createWazzup(),
  ];
}

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
  const page = browser.createProxySender({ proxyUrl: '/api/send' });
  const consume = createOutboxConsumer({ rateLimit: { limit: 10, windowMs: 1000 } });
  const queue: QueueProducer<unknown> = { send: async () => {}, sendBatch: async () => {} };
  const outbox = createQueueOutbox({ WAZZUP_API_KEY: 'k', WAZZUP_QUEUE: queue, WAZZUP_OUTBOX: {} });
  const { crmMessageId }: { crmMessageId: string } = await outbox.enqueue(message, {
    lane: 'bulk',
  });
  const tracked: OutboxStatus | undefined = await outbox.status(crmMessageId);
  const wazzup = createWazzup({ apiKey: 'k', fetch: mock.fetch });
  const { data: channels }: { data: Channel[] } = await wazzup.channels.list();
  const contact: ContactInput = { id: 'c1', responsibleUserId: 'u1', name: 'A', contactData: [] };
  await wazzup.contacts.upsert([contact]);
  for await (const each of wazzup.contacts.list({ offset: 100 })) void each.id;
  const first = await wazzup.contacts.list();
  const count: number | undefined = first.count;
  const { response }: { response: WazzupResponse } = await wazzup.channels.list().withResponse();
  const raw: unknown = await wazzup.request({ method: 'GET', path: '/v3/channels' });
  // @ts-expect-error a sender has no other routes
  void createSender({ apiKey: 'k' }).channels;
  // @ts-expect-error nor edit
  void createSender({ apiKey: 'k' }).messages.edit;
  // @ts-expect-error the flat names are gone
  void wazzup.sendMessage;
  void [invalid, proxy, page, served, WazzupApiError, consume, crmMessageId, tracked, channels];
  void [sameClient, senderShape, withoutOptions, count, response, raw];
  return wazzup.messages.send(message);
}
