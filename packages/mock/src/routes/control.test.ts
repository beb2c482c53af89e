import { describe, expect, it } from 'vitest';
import { createWazzupMock } from '../create-wazzup-mock';
import { DEMO_API_KEY, DEMO_CHANNEL_IDS, DEMO_CHANNELS } from '../fixtures';

/** A mock whose webhooks land in `received`, its address set as a CRM would set it. */
async function setup() {
  const received: { url: string; body: Record<string, unknown> }[] = [];
  const mock = createWazzupMock({
    apiKeys: [DEMO_API_KEY],
    channels: DEMO_CHANNELS,
    webhookFetch: async (url, init) => {
      const body = JSON.parse(String(init.body)) as Record<string, unknown>;
      received.push({ url, body });
      if (body.createContact) return Response.json({ id: 'crm-7', name: 'Ann', contactData: [] });
      return new Response(null, { status: 200 });
    },
  });
  const patch = await mock.fetch('http://mock/v3/webhooks', {
    method: 'PATCH',
    headers: { authorization: `Bearer ${DEMO_API_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      webhooksUri: 'https://crm.example.com/wazzup?token=t',
      subscriptions: {
        messagesAndStatuses: true,
        contactsAndDealsCreation: true,
        channelsUpdates: true,
      },
    }),
  });
  expect(patch.status).toBe(200);
  received.length = 0;
  const trigger = (kind: string, body: unknown, key = DEMO_API_KEY) =>
    mock.fetch(`http://mock/_mock/trigger/${kind}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  return { mock, received, trigger };
}

describe('the control routes', () => {
  it('deliver an incoming message, a status, a createContact and a channel change to the webhook address', async () => {
    const { mock, received, trigger } = await setup();
    const message = await trigger('message', { chatId: '79011112233', text: 'Hello' });
    expect(message.status).toBe(200);
    const { messageId } = (await message.json()) as { messageId: string };
    expect(received.at(-1)?.body).toMatchObject({
      messages: [{ messageId, chatId: '79011112233', text: 'Hello', chatType: 'whatsapp' }],
    });
    await trigger('status', { messageId: 'm-1', status: 'read' });
    expect(received.at(-1)?.body).toMatchObject({
      statuses: [{ messageId: 'm-1', status: 'read' }],
    });
    const created = await trigger('create-contact', { responsibleUserId: 'u-1', name: 'Ann' });
    expect(await created.json()).toEqual({ entity: { id: 'crm-7', name: 'Ann', contactData: [] } });
    await trigger('channel', { channelId: DEMO_CHANNEL_IDS.telegram, state: 'disabled' });
    expect(received.at(-1)?.body).toMatchObject({
      channelsUpdates: [{ channelId: DEMO_CHANNEL_IDS.telegram, state: 'disabled' }],
    });
    // The control surface is not the service's: nothing in the request log.
    expect(mock.requests.map((request) => request.path)).toEqual(['/v3/webhooks']);
  });

  it('refuses a wrong key, a bad body and an unknown kind, naming the field', async () => {
    const { trigger, received } = await setup();
    expect((await trigger('message', { chatId: '1', text: 'x' }, 'nope')).status).toBe(401);
    const bad = await trigger('message', { chatId: '1' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ data: { field: 'text' } });
    const channel = await trigger('message', { channelId: 'nope', chatId: '1', text: 'x' });
    expect(await channel.json()).toMatchObject({ data: { field: 'channelId' } });
    expect((await trigger('teleport', {})).status).toBe(404);
    expect(received).toEqual([]);
  });
});
