import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  DEMO_API_KEY,
  DEMO_CHANNEL_IDS,
  DEMO_CHANNELS,
  type WebhookDeliveryOptions,
} from '@wazzup-sdk/mock';
import { type ServedWazzupMock, serveWazzupMock } from '@wazzup-sdk/mock/node';
import { afterEach, describe, expect, it } from 'vitest';
import { createWazzup } from '../client';
import { WazzupApiError } from '../errors/classes';
import { createWebhookHandler } from './create-webhook-handler';
import { toNodeHandler } from './node-handler';
import type { WebhookHandlerOptions } from './options';
import type { WebhookEvent } from './parse-webhook';
import { createWebhookSecret, webhookAddress } from './secret';

// The served mock delivers real HTTP webhooks to the SDK's handler, served on loopback through
// toNodeHandler, as a Node app would serve it.

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((each) => each.close()));
});

async function serveHandler(handle: (request: Request) => Promise<Response>): Promise<string> {
  const server: Server = createServer(toNodeHandler(handle));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  open.push({
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/wazzup`;
}

async function setup(
  handlers: Partial<WebhookHandlerOptions> = {},
  webhooks: WebhookDeliveryOptions = {},
) {
  const token = createWebhookSecret();
  const events: WebhookEvent[] = [];
  const handle = createWebhookHandler({
    token,
    onEvent: (event) => void events.push(event),
    ...handlers,
  });
  const receiver = await serveHandler(handle);
  const served: ServedWazzupMock = await serveWazzupMock({
    apiKeys: [DEMO_API_KEY],
    channels: DEMO_CHANNELS,
    webhooks: { retryDelaysMs: [20, 40], ...webhooks },
  });
  open.push(served);
  const wazzup = createWazzup({ apiKey: DEMO_API_KEY, baseUrl: served.url });
  await wazzup.webhooks.set({
    uri: webhookAddress(receiver, token),
    subscriptions: {
      messagesAndStatuses: true,
      contactsAndDealsCreation: true,
      channelsUpdates: true,
      templateStatus: true,
    },
  });
  return { mock: served.mock, wazzup, events, receiver, token };
}

const send = (wazzup: ReturnType<typeof createWazzup>, chatId = '79011112233') =>
  wazzup.messages.send({
    channelId: DEMO_CHANNEL_IDS.whatsapp,
    chatType: 'whatsapp',
    chatId,
    text: 'Hi',
  });

describe('the served mock delivers webhooks to the handler over loopback', () => {
  it('answers the probe when the address is set, and delivers a send’s status timeline in order', async () => {
    const { mock, wazzup, events } = await setup();
    expect(mock.webhookDeliveries[0]).toBeUndefined(); // the probe is not a delivery
    const sent = await send(wazzup);
    await mock.webhooksIdle();
    const statuses = events.flatMap((event) =>
      event.type === 'status' && sent.status === 'sent' && event.status.messageId === sent.messageId
        ? [event.status.status]
        : [],
    );
    expect(statuses).toEqual(['sent', 'delivered', 'read']);
  });

  it('delivers an error status for a chat set up to fail, and echoes of API sends when asked', async () => {
    const { mock, wazzup, events } = await setup(
      {},
      { failingChats: ['79000000000'], echoApiSends: true },
    );
    await send(wazzup, '79000000000');
    await mock.webhooksIdle();
    const statuses = events.filter((event) => event.type === 'status');
    expect(statuses.map((event) => event.type === 'status' && event.status.status)).toEqual([
      'sent',
      'error',
    ]);
    expect(statuses[1]).toMatchObject({ status: { error: { error: 'BAD_CONTACT' } } });
    expect(events.find((event) => event.type === 'message')).toMatchObject({
      echo: true,
      incoming: false,
    });
  });

  it('delivers incoming messages, channel state changes and template moderation', async () => {
    const { mock, events } = await setup();
    await mock.receive({
      channelId: DEMO_CHANNEL_IDS.telegram,
      chatType: 'telegram',
      chatId: '3f5e1a2b-telegram-chat',
      text: 'Hello?',
      contact: { name: 'Ivan', username: 'ivan_k', phone: '79011112233' },
    });
    await mock.changeChannelState(DEMO_CHANNEL_IDS.whatsapp, 'qr');
    await mock.moderateTemplate('t-1', 'approved');
    expect(events.map((event) => event.type)).toEqual(['message', 'channel', 'template']);
    expect(events[0]).toMatchObject({
      incoming: true,
      message: {
        text: 'Hello?',
        contact: { username: 'ivan_k' },
        chatId: '3f5e1a2b-telegram-chat',
      },
    });
    expect(events[2]).toMatchObject({ template: { status: 'APPROVED' } });
  });

  it('answers a createContact with the entity the handler made, which the mock records', async () => {
    const { mock, wazzup } = await setup({
      onCreateContact: ({ request }) => ({
        id: 'crm-7',
        responsibleUserId: request.responsibleUserId,
        name: request.name ?? 'New',
        contactData: request.contactData.map(({ chatType, chatId }) => ({ chatType, chatId })),
      }),
    });
    const entity = await mock.requestEntity('createContact', {
      responsibleUserId: 'u1',
      name: 'Anna',
      contactData: [{ chatType: 'whatsapp', chatId: '79011112233' }],
      source: 'auto',
    });
    expect(entity).toMatchObject({ id: 'crm-7', name: 'Anna' });
    expect(await wazzup.contacts.get('crm-7')).toMatchObject({ name: 'Anna' });
  });

  it('a handler that fails once is redelivered, and what it had done is not done twice', async () => {
    let failures = 1;
    const handled: string[] = [];
    const { mock, wazzup } = await setup({
      onStatus: ({ status }) => {
        if (status.status === 'delivered' && failures-- > 0) throw new Error('database down');
        handled.push(status.status);
      },
    });
    await send(wazzup);
    await mock.webhooksIdle();
    expect(handled).toEqual(['sent', 'delivered', 'read']);
    const delivered = mock.webhookDeliveries.filter((attempt) =>
      JSON.stringify(attempt.body).includes('"delivered"'),
    );
    expect(delivered.map((attempt) => attempt.outcome)).toEqual([500, 200]);
  });

  it('a slow handler is cut off with 503, and the delivery retried', async () => {
    let slow = true;
    const { mock, wazzup } = await setup({
      handlerTimeoutMs: 50,
      onStatus: async () => {
        if (slow) {
          slow = false;
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
      },
    });
    await send(wazzup);
    await mock.webhooksIdle();
    expect(mock.webhookDeliveries.map((attempt) => attempt.outcome)).toContain(503);
  });

  it('refuses the address when its token is wrong: the probe is answered 401, nothing runs', async () => {
    const { wazzup, receiver, events } = await setup();
    const error = await wazzup.webhooks
      .set({ uri: webhookAddress(receiver, 'wrong-token-of-enough-length') })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WazzupApiError);
    expect(error).toMatchObject({ code: 'testPostNotPassed' });
    const posted = await fetch(webhookAddress(receiver, 'x'), { method: 'POST', body: '{}' });
    expect(posted.status).toBe(401);
    expect(events).toEqual([]);
  });
});
