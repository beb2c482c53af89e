import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  DEMO_API_KEY,
  DEMO_CHANNEL_IDS,
  DEMO_CHANNELS,
  type MockEntity,
  type MockTemplate,
  type WazzupMock,
  type WazzupMockOptions,
} from '@wazzup-sdk/mock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { LINKS, type Link } from '../../test/mock-links';
import { createWazzup, type Wazzup } from '../client';
import type { WazzupOptions } from '../core/options';
import { WazzupAbortError, WazzupApiError, WazzupValidationError } from '../errors/classes';

// Every route beyond sending, against the mock in memory and over loopback HTTP: success, local
// validation (code, field or index, no request), the service's errors, paging across three pages,
// batches of 250 in three requests, retries, the one rate limit across routes, Sidecar keys.

const SIDECAR_KEY = 'demo-sidecar-key';
const contact = (i: number) => ({
  id: `c${i}`,
  responsibleUserId: 'u1',
  name: `Contact ${i}`,
  contactData: [{ chatType: 'whatsapp', chatId: `7901${String(i).padStart(7, '0')}` }],
});
const deal = (i: number) => ({
  id: `d${i}`,
  responsibleUserId: 'u1',
  name: `Deal ${i}`,
  uri: `https://crm.example.com/deals/${i}`,
  contacts: ['c1'],
  closed: false,
});
/** Sends one WhatsApp text and hands back its result, which must be `sent`. */
async function sendOne(wazzup: Wazzup, channelId: string = DEMO_CHANNEL_IDS.whatsapp, text = 'Hi') {
  const sent = await wazzup.messages.send({
    channelId,
    chatType: 'whatsapp',
    chatId: '79011112233',
    text,
  });
  if (sent.status !== 'sent') throw new Error(`not sent: ${sent.status}`);
  return sent;
}
const template = (i: number): MockTemplate => ({
  templateGuid: `t-${i}`,
  name: `template_${i}`,
  status: i % 2 ? 'APPROVED' : 'approved',
  components: [{ type: 'BODY', text: `Hello {{1}} #${i}` }],
});

// A webhook receiver on loopback for the PATCH /v3/webhooks probe: 200 on /ok, 500 elsewhere.
let receiver: Server;
let receiverUrl = '';
const probes: unknown[] = [];
beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString();
    });
    req.on('end', () => {
      probes.push(JSON.parse(body || 'null'));
      res.statusCode = req.url?.startsWith('/ok') ? 200 : 500;
      res.end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => receiver.close(resolve)));

const open: Link[] = [];
beforeEach(() => {
  probes.length = 0;
  vi.spyOn(Math, 'random').mockReturnValue(0.02);
});
afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(open.splice(0).map((link) => link.close()));
});

describe.each(Object.keys(LINKS))('every route against the mock, %s', (mode) => {
  async function setup(
    mockOptions: WazzupMockOptions = {},
    clientOptions: Partial<WazzupOptions> = {},
  ): Promise<{ mock: WazzupMock; wazzup: Wazzup; sidecar: Wazzup }> {
    const link = await (LINKS[mode] as (typeof LINKS)[string])({
      accounts: [
        {
          apiKeys: [DEMO_API_KEY],
          sidecarKeys: [SIDECAR_KEY],
          channels: DEMO_CHANNELS,
          templates: Array.from({ length: 250 }, (_, i) => template(i)),
          unanswered: {
            u1: { counterV2: 3, type: 'red', lastMsgDateTime: '2026-12-01T08:00:00Z' },
          },
        },
      ],
      ...mockOptions,
    });
    open.push(link);
    const make = (apiKey: string) =>
      createWazzup({ apiKey, ...link.options, timeoutMs: 2000, ...clientOptions });
    return { mock: link.mock, wazzup: make(DEMO_API_KEY), sidecar: make(SIDECAR_KEY) };
  }
  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => {
        throw new Error('resolved');
      },
      (error: unknown) => error,
    );
  const requestsTo = (mock: WazzupMock, method: string, path: string) =>
    mock.requests.filter((request) => request.method === method && request.path === path);

  it('lists channels with the service’s transports and states, and which can send', async () => {
    const { wazzup } = await setup();
    const { data: channels } = await wazzup.channels.list();
    expect(channels).toHaveLength(DEMO_CHANNELS.length);
    expect(channels.find((c) => c.channelId === DEMO_CHANNEL_IDS.waba)).toMatchObject({
      transport: 'wapi',
      state: 'active',
    });
    expect(channels.find((c) => c.channelId === DEMO_CHANNEL_IDS.disabled)?.state).toBe('disabled');
    const active = channels.filter((channel) => channel.state === 'active');
    expect(active.map((c) => c.channelId)).toContain(DEMO_CHANNEL_IDS.whatsapp);
  });

  it('sets the webhook address after the probe, and reads the settings back as booleans', async () => {
    const { wazzup } = await setup();
    await wazzup.webhooks.set({
      uri: `${receiverUrl}/ok?token=abc`,
      subscriptions: { messagesAndStatuses: true, templateStatus: true },
    });
    expect(probes).toEqual([{ test: true }]);
    expect(await wazzup.webhooks.get()).toEqual({
      uri: `${receiverUrl}/ok?token=abc`,
      subscriptions: {
        messagesAndStatuses: true,
        contactsAndDealsCreation: false,
        channelsUpdates: false,
        templateStatus: true,
      },
    });
  });

  it('reads the documented webhook settings ("true" strings) the same way', async () => {
    const { wazzup } = await setup({ webhooksShape: 'documented' });
    await wazzup.webhooks.set({
      uri: `${receiverUrl}/ok`,
      subscriptions: { channelsUpdates: true },
    });
    expect((await wazzup.webhooks.get()).subscriptions).toEqual({
      messagesAndStatuses: false,
      contactsAndDealsCreation: false,
      channelsUpdates: true,
      templateStatus: false,
    });
  });

  it('answers testPostNotPassed when the address fails the probe', async () => {
    const { wazzup } = await setup();
    const error = await failure(wazzup.webhooks.set({ uri: `${receiverUrl}/broken` }));
    expect(error).toBeInstanceOf(WazzupApiError);
    expect(error).toMatchObject({ code: 'testPostNotPassed', status: 400 });
  });

  it.each([
    ['not http(s)', 'ftp://example.com/hook'],
    ['too long', `https://example.com/${'x'.repeat(200)}`],
    ['not a URL', 'hook'],
  ])('refuses a webhook address that is %s locally, as uriNotValid', async (_, uri) => {
    const { mock, wazzup } = await setup();
    const error = await failure(wazzup.webhooks.set({ uri }));
    expect(error).toBeInstanceOf(WazzupValidationError);
    expect(error).toMatchObject({ code: 'uriNotValid', field: 'uri' });
    expect(mock.requests).toHaveLength(0);
  });

  it('upserts 250 contacts in three requests, lists them across three pages, gets and deletes', async () => {
    const { mock, wazzup } = await setup();
    await wazzup.contacts.upsert(Array.from({ length: 250 }, (_, i) => contact(i)));
    const posts = requestsTo(mock, 'POST', '/v3/contacts');
    expect(posts.map((request) => (request.body as unknown[]).length)).toEqual([100, 100, 50]);
    const listed: string[] = [];
    for await (const each of wazzup.contacts.list()) listed.push(each.id);
    expect(listed).toHaveLength(250);
    expect(new Set(listed).size).toBe(250);
    expect(requestsTo(mock, 'GET', '/v3/contacts')).toHaveLength(3);
    expect(await wazzup.contacts.get('c7')).toMatchObject({ id: 'c7', name: 'Contact 7' });
    await wazzup.contacts.delete('c7');
    expect(mock.store().contacts.has('c7')).toBe(false);
    await wazzup.contacts.bulkDelete(Array.from({ length: 250 }, (_, i) => `c${i}`));
    expect(requestsTo(mock, 'PATCH', '/v3/contacts/bulk_delete')).toHaveLength(3);
    expect(mock.store().contacts.size).toBe(0);
  });

  it('refuses a bad item of a batch before any request, naming its index and field', async () => {
    const { mock, wazzup } = await setup();
    const items = Array.from({ length: 250 }, (_, i) => contact(i));
    items[137] = { ...contact(137), name: '' };
    const error = await failure(wazzup.contacts.upsert(items));
    expect(error).toBeInstanceOf(WazzupValidationError);
    expect(error).toMatchObject({ code: 'INVALID_CONTACTS_DATA', field: '137.name' });
    const twice = await failure(wazzup.contacts.upsert([contact(1), contact(1)]));
    expect(twice).toMatchObject({ code: 'INVALID_CONTACTS_DATA', field: '1.id' });
    const unknownKey = await failure(
      wazzup.deals.upsert([{ ...deal(1), clsoed: true } as unknown as ReturnType<typeof deal>]),
    );
    expect(unknownKey).toMatchObject({ field: '0.clsoed' });
    expect(mock.requests).toHaveLength(0);
  });

  it('upserts, lists and deletes users and deals, and reads users in the older array shape', async () => {
    const { mock, wazzup } = await setup({ usersShape: 'array' });
    await wazzup.users.upsert([
      { id: 'u1', name: 'Anna', phone: '79011112233' },
      { id: 'u2', name: 'Boris' },
    ]);
    const users: string[] = [];
    for await (const user of wazzup.users.list()) users.push(user.id);
    expect(users).toEqual(['u1', 'u2']);
    await wazzup.deals.upsert([deal(1), deal(2)]);
    expect(mock.store().deals.get('d1')).toMatchObject({ closed: false, contacts: ['c1'] });
    await wazzup.deals.delete('d2');
    expect(await failure(wazzup.deals.get('d2'))).toMatchObject({ status: 404 });
    const bad = await failure(wazzup.users.upsert([{ id: 'u3', name: '' }]));
    expect(bad).toMatchObject({ code: 'INVALID_USERS_DATA', field: '0.name' });
  });

  it('upserts and lists pipelines; an empty stages array is refused locally', async () => {
    const { mock, wazzup } = await setup();
    await wazzup.pipelines.upsert([
      { id: 'p1', name: 'Sales', stages: [{ id: 's1', name: 'New' }] },
      { id: 'p2', name: 'Support' },
    ]);
    expect((await wazzup.pipelines.list()).data.map((p) => p.id)).toEqual(['p1', 'p2']);
    const before = mock.requests.length;
    const error = await failure(wazzup.pipelines.upsert([{ id: 'p3', name: 'X', stages: [] }]));
    expect(error).toMatchObject({ code: 'VALIDATION_ERROR', field: '0.stages' });
    expect(mock.requests).toHaveLength(before);
  });

  it('reads ordinary accounts whose pages pass 64 KiB: 100 contacts of five chats, 100 pipelines', async () => {
    const { mock, wazzup } = await setup();
    const long = 'x'.repeat(180);
    const contacts = Array.from({ length: 100 }, (_, i) => ({
      id: `c${i}`,
      responsibleUserId: 'u1',
      name: `${long} ${i}`,
      uri: `https://crm.example.com/contacts/${'u'.repeat(150)}/${i}`,
      contactData: Array.from({ length: 5 }, (_, j) => ({
        chatType: 'whatsgroup',
        chatId: `${long}-${i}-${j}@g.us`,
      })),
    }));
    await wazzup.contacts.upsert(contacts);
    const pipelines = Array.from({ length: 100 }, (_, i) => ({
      id: `p${i}`,
      name: 'y'.repeat(90),
      stages: Array.from({ length: 8 }, (_, j) => ({ id: `s${j}`, name: 'z'.repeat(90) })),
    }));
    await wazzup.pipelines.upsert(pipelines);
    const page = await wazzup.contacts.list();
    expect(JSON.stringify(mock.store().contacts.get('c1')).length * 100).toBeGreaterThan(64 * 1024);
    expect(page.data[0]).toMatchObject({ id: 'c0' });
    let seen = 0;
    for await (const _ of wazzup.contacts.list()) seen++;
    expect(seen).toBe(100);
    expect((await wazzup.pipelines.list()).data).toHaveLength(100);
  });

  it('walks 250 templates across three limit/offset pages, statuses as the service wrote them', async () => {
    const { mock, wazzup } = await setup();
    const seen = [];
    for await (const each of wazzup.templates.list()) seen.push(each);
    expect(seen).toHaveLength(250);
    expect(seen[1]?.status).toBe('APPROVED');
    expect(seen[2]?.status).toBe('approved');
    expect(requestsTo(mock, 'GET', '/v3/templates/whatsapp')).toHaveLength(3);
  });

  it('makes an iframe link; a card without its chats is refused locally', async () => {
    const { mock, wazzup } = await setup();
    const { url } = await wazzup.iframe.create({
      user: { id: 'u1', name: 'Anna' },
      scope: 'global',
    });
    expect(url).toMatch(/^https:\/\/app\.wazzup24\.com\/iframe\?user=u1/);
    const before = mock.requests.length;
    const error = await failure(wazzup.iframe.create({ user: { id: 'u1' }, scope: 'card' }));
    expect(error).toMatchObject({ code: 'VALIDATION_ERROR' });
    // The card's chats are named by the send rule: Telegram by username, WhatsApp by its digits.
    const wrongNumber = await failure(
      wazzup.iframe.create({
        user: { id: 'u1' },
        scope: 'card',
        filter: [{ chatType: 'whatsapp', chatId: '+79011112233' }],
      }),
    );
    expect(wrongNumber).toMatchObject({ code: 'VALIDATION_ERROR', field: 'filter.0.chatId' });
    expect(mock.requests).toHaveLength(before);
    await wazzup.iframe.create({
      user: { id: 'u1' },
      scope: 'card',
      filter: [
        { chatType: 'telegram', username: 'durov' },
        { chatType: 'max', phone: '79011112233' },
      ],
    });
    expect(mock.requests).toHaveLength(before + 1);
  });

  it('reads a user’s unanswered counter', async () => {
    const { wazzup } = await setup();
    expect(await wazzup.unanswered.get('u1')).toEqual({
      counterV2: 3,
      type: 'red',
      lastMsgDateTime: '2026-12-01T08:00:00Z',
    });
    expect(await wazzup.unanswered.get('nobody')).toMatchObject({ counterV2: 0, type: null });
  });

  it('edits and deletes a sent message; WABA refuses both; a second delete is MESSAGES_NOT_FOUND', async () => {
    const { mock, wazzup } = await setup();
    const sent = await sendOne(wazzup, DEMO_CHANNEL_IDS.whatsapp, 'Helo');
    await wazzup.messages.edit(sent.messageId, { text: 'Hello' }, { crmUserId: 'u1' });
    expect(mock.messages[0]).toMatchObject({ body: { text: 'Hello' } });
    await wazzup.messages.delete(sent.messageId);
    expect(mock.messages[0]?.deletedAt).toBeTypeOf('number');
    expect(await failure(wazzup.messages.delete(sent.messageId))).toMatchObject({
      code: 'MESSAGES_NOT_FOUND',
    });
    const waba = await sendOne(wazzup, DEMO_CHANNEL_IDS.waba);
    expect(await failure(wazzup.messages.edit(waba.messageId, { text: 'x' }))).toMatchObject({
      code: 'CHANNEL_INVALID_TRANSPORT_FOR_EDITING',
    });
    expect(await failure(wazzup.messages.delete(waba.messageId))).toMatchObject({
      code: 'CHANNEL_INVALID_TRANSPORT_FOR_DELETION',
    });
  });

  it('refuses an edit past the time limit, and edits that are not one of text or contentUri', async () => {
    const { mock, wazzup } = await setup({ editWindowMs: 0, now: () => Date.now() + 1 });
    const sent = await sendOne(wazzup);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await failure(wazzup.messages.edit(sent.messageId, { text: 'Hey' }))).toMatchObject({
      code: 'MESSAGES_EDITING_TIME_EXPIRED',
    });
    const before = mock.requests.length;
    const both = { text: 'a', contentUri: 'https://example.com/a.png' } as never;
    expect(await failure(wazzup.messages.edit(sent.messageId, both))).toMatchObject({
      code: 'MESSAGE_ONLY_TEXT_OR_CONTENT',
    });
    expect(await failure(wazzup.messages.edit(sent.messageId, {} as never))).toMatchObject({
      code: 'MESSAGE_NOTHING_TO_SEND',
    });
    expect(await failure(wazzup.messages.edit(' ', { text: 'x' }))).toMatchObject({
      field: 'messageId',
    });
    expect(mock.requests).toHaveLength(before);
  });

  it('a retried delete whose first answer was lost resolves as deleted', async () => {
    const { mock, wazzup } = await setup();
    const sent = await sendOne(wazzup);
    mock.faults.enqueue({ kind: 'lose-answer' });
    await wazzup.messages.delete(sent.messageId);
    expect(requestsTo(mock, 'DELETE', `/v3/message/${sent.messageId}`)).toHaveLength(2);
    expect(mock.messages[0]?.deletedAt).toBeTypeOf('number');
  });

  it('retries a 503 and a dropped connection on any route, and obeys maxRetries per call', async () => {
    const { mock, wazzup } = await setup();
    mock.faults.enqueue({ kind: 'server-error', status: 503 }, { kind: 'reset' });
    expect((await wazzup.channels.list()).data).toHaveLength(DEMO_CHANNELS.length);
    expect(requestsTo(mock, 'GET', '/v3/channels')).toHaveLength(3);
    mock.faults.enqueue({ kind: 'server-error', status: 503 });
    const error = await failure(wazzup.pipelines.list({ maxRetries: 0 }));
    expect(error).toMatchObject({ status: 503, attempts: 1 });
  });

  it('gives a Sidecar key 403 FORBIDDEN on the CRM routes, and channels and webhooks as usual', async () => {
    const { sidecar } = await setup();
    for (const refused of [
      () => sidecar.contacts.upsert([contact(1)]),
      () => sidecar.users.get('u1'),
      () => sidecar.pipelines.list(),
      () => sidecar.unanswered.get('u1'),
      () => sidecar.iframe.create({ user: { id: 'u1' }, scope: 'global' }),
    ]) {
      expect(await failure(refused())).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    }
    expect((await sidecar.channels.list()).data).toHaveLength(DEMO_CHANNELS.length);
  });

  it('a mixed burst of routes never exceeds the one rate limit of the key at the server', async () => {
    const limit = { limit: 20, windowMs: 400 };
    const { mock, wazzup } = await setup({ rateLimit: limit }, { rateLimit: limit });
    await wazzup.contacts.upsert([contact(1)]);
    const calls = Array.from({ length: 60 }, (_, i) => {
      switch (i % 4) {
        case 0:
          return wazzup.channels.list();
        case 1:
          return wazzup.contacts.get('c1');
        case 2:
          return wazzup.webhooks.get();
        default:
          return wazzup.messages.send({
            channelId: DEMO_CHANNEL_IDS.whatsapp,
            chatType: 'whatsapp',
            chatId: '79011112233',
            text: `Burst ${i}`,
          });
      }
    });
    await Promise.all(calls);
    expect(mock.requests.filter((request) => request.outcome === 429)).toHaveLength(0);
    const starts = mock.requests.map((request) => request.at).sort((a, b) => a - b);
    const busiest = Math.max(
      ...starts.map(
        (start) => starts.filter((at) => at >= start && at - start < limit.windowMs).length,
      ),
    );
    expect(busiest).toBeLessThanOrEqual(limit.limit);
  });

  it('aborts a listing with the call’s own signal', async () => {
    const { wazzup } = await setup();
    await wazzup.contacts.upsert(Array.from({ length: 150 }, (_, i) => contact(i)));
    const controller = new AbortController();
    controller.abort();
    const error = await failure(wazzup.contacts.list({}, { signal: controller.signal }));
    expect(error).toBeInstanceOf(WazzupAbortError);
  });
});

describe('answers are read leniently', () => {
  const answering = (body: unknown) =>
    createWazzup({
      apiKey: DEMO_API_KEY,
      rateLimit: false,
      fetch: async () => Response.json(body),
    });

  it('keeps unknown fields and values of a channel', async () => {
    const {
      data: [channel],
    } = await answering([
      { channelId: 'x', transport: 'maxbot', plainId: '1', state: 'qridle', tier: 'TIER_1K' },
    ]).channels.list();
    expect(channel).toEqual({
      channelId: 'x',
      transport: 'maxbot',
      plainId: '1',
      state: 'qridle',
      tier: 'TIER_1K',
    });
  });

  it('reads numbers the service writes as strings as numbers, and fails on what is no number', async () => {
    const counter = { counterV2: '3', type: 'red', lastMsgDateTime: null };
    expect(await answering(counter).unanswered.get('u1')).toMatchObject({ counterV2: 3 });
    const page = { count: '2', data: [{ id: 'c1' }, { id: 'c2' }] };
    const ids: string[] = [];
    for await (const contact of answering(page).contacts.list()) ids.push(contact.id);
    expect(ids).toEqual(['c1', 'c2']);
    const junk = await answering({ ...counter, counterV2: 'three' })
      .unanswered.get('u1')
      .catch((error: unknown) => error);
    expect(junk).toMatchObject({ code: 'INVALID_RESPONSE' });
  });

  it('reads the misspelt template switch of one page version', async () => {
    const settings = await answering({
      webhooksUri: 'https://crm.example.com/hook',
      subscriptions: { tepmplateStatus: 'true', messagesAndStatuses: 'false' },
    }).webhooks.get();
    expect(settings.subscriptions).toMatchObject({
      templateStatus: true,
      messagesAndStatuses: false,
    });
  });

  it('makes an answer that is not the documented shape a typed error, not a crash', async () => {
    for (const body of [{ channels: [] }, [{ transport: 'whatsapp' }], 'oops', null]) {
      const error = await answering(body)
        .channels.list()
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(WazzupApiError);
      expect(error).toMatchObject({ code: 'INVALID_RESPONSE' });
    }
  });

  it('keeps the service’s error shapes: data [{ index, fields }], data.fields, and the request id', async () => {
    const refusing = (body: unknown) =>
      createWazzup({
        apiKey: DEMO_API_KEY,
        rateLimit: false,
        fetch: async () => Response.json(body, { status: 400 }),
      });
    const batch = await refusing({
      error: 'INVALID_CONTACTS_DATA',
      description: 'Invalid contacts',
      data: [{ index: 3, fields: ['name', 'contactData'] }],
      requestId: 'req-9',
    })
      .contacts.upsert([
        {
          id: 'c1',
          responsibleUserId: 'u1',
          name: 'A',
          contactData: [{ chatType: 'whatsapp', chatId: '79011112233' }],
        },
      ])
      .catch((caught: unknown) => caught);
    expect(batch).toMatchObject({
      code: 'INVALID_CONTACTS_DATA',
      data: [{ index: 3, fields: ['name', 'contactData'] }],
      requestId: 'req-9',
    });
    const fields = await refusing({
      error: 'INVALID_MESSAGE_DATA',
      data: { fields: ['channelId'] },
    })
      .channels.list()
      .catch((caught: unknown) => caught);
    expect(fields).toMatchObject({ code: 'INVALID_MESSAGE_DATA', data: { fields: ['channelId'] } });
  });

  it('walks pages by count, and stops at a short page', async () => {
    let calls = 0;
    const wazzup = createWazzup({
      apiKey: DEMO_API_KEY,
      rateLimit: false,
      fetch: async (input) => {
        calls++;
        const offset = Number(new URL(String(input)).searchParams.get('offset'));
        const data: MockEntity[] = Array.from({ length: offset < 200 ? 100 : 5 }, (_, i) => ({
          id: `d${offset + i}`,
        }));
        return Response.json({ count: 205, data });
      },
    });
    let seen = 0;
    for await (const _ of wazzup.deals.list()) seen++;
    expect(seen).toBe(205);
    expect(calls).toBe(3);
  });
});
