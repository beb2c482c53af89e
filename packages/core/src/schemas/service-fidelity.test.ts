import { DEMO_API_KEY, DEMO_CHANNEL_IDS, DEMO_CHANNELS } from '@wazzup-sdk/mock';
import { afterEach, describe, expect, it } from 'vitest';
import { LINKS, type Link } from '../../test/mock-links';
import { createWazzup } from '../client';
import type { WazzupOptions } from '../core/options';
import { WazzupApiError, WazzupValidationError } from '../errors/classes';
import { CHAT_RULES, CHAT_TYPES } from '../schemas/chat-types';
import type { SendMessageRequest } from '../schemas/request-types';

// What the service accepts and answers, as its pages document it (the spec's section "Where this
// project's model was stricter than the service"): each case both locally and against the fake
// API, in memory and served over loopback HTTP.

const WHATSAPP = { chatType: 'whatsapp', chatId: '79011112233' } as const;

/** A channel of the demo account that reaches each chat type. */
const CHANNEL_FOR: Record<string, string> = {
  whatsapp: DEMO_CHANNEL_IDS.whatsapp,
  whatsgroup: DEMO_CHANNEL_IDS.whatsapp,
  viber: DEMO_CHANNEL_IDS.viber,
  instagram: DEMO_CHANNEL_IDS.instagram,
  telegram: DEMO_CHANNEL_IDS.telegramBot,
  telegroup: DEMO_CHANNEL_IDS.telegramBot,
  vk: DEMO_CHANNEL_IDS.vk,
  avito: DEMO_CHANNEL_IDS.avito,
  max: DEMO_CHANNEL_IDS.maxBot,
  maxgroup: DEMO_CHANNEL_IDS.maxBot,
};

/** A chat id each chat type takes. */
const CHAT_ID: Record<string, string> = {
  whatsapp: '79011112233',
  whatsgroup: '79011112233-1612345678@g.us',
  viber: '79011112233',
  instagram: 'someone',
};

const TELEGRAM_KEYBOARD = {
  replyMarkup: 'inline',
  buttons: [
    [{ text: 'Track the order', url: 'https://example.com/o/7' }],
    [
      { text: 'Yes', callbackData: 'yes' },
      {
        text: 'A reply of sixty-four characters, as Telegram allows: 0123456789',
        callbackData: 'n',
      },
    ],
  ],
};
const MAX_BUTTONS = {
  chatType: 'max',
  buttons: [
    [
      { type: 'callback', text: 'Yes', payload: 'yes', intent: 'positive' },
      { type: 'link', text: 'Site', url: 'https://example.com' },
    ],
    [{ type: 'message', text: 'Call me', intent: 'default' }],
  ],
};
const WABA_BUTTONS = {
  buttons: [
    { text: 'Yes', type: 'text' },
    { text: 'No', type: 'text' },
  ],
};

/** Each documented button layout, with the chat types (and channel) that take it. */
const LAYOUTS = [
  {
    name: 'WABA list',
    chatType: 'whatsapp',
    channelId: DEMO_CHANNEL_IDS.waba,
    buttonsObject: WABA_BUTTONS,
  },
  {
    name: 'Telegram rows',
    chatType: 'telegram',
    channelId: DEMO_CHANNEL_IDS.telegramBot,
    buttonsObject: TELEGRAM_KEYBOARD,
  },
  {
    name: 'Telegram group rows',
    chatType: 'telegroup',
    channelId: DEMO_CHANNEL_IDS.telegramBot,
    buttonsObject: TELEGRAM_KEYBOARD,
  },
  {
    name: 'MAX rows',
    chatType: 'max',
    channelId: DEMO_CHANNEL_IDS.maxBot,
    buttonsObject: MAX_BUTTONS,
  },
  {
    name: 'MAX group rows',
    chatType: 'maxgroup',
    channelId: DEMO_CHANNEL_IDS.maxBot,
    buttonsObject: MAX_BUTTONS,
  },
] as const;

describe.each(Object.entries(LINKS))('what the service accepts, %s', (_, link) => {
  let current: Link | undefined;
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  async function setup(options: Partial<WazzupOptions> = {}) {
    current = await link({ apiKeys: [DEMO_API_KEY], channels: DEMO_CHANNELS, rateLimit: false });
    const wazzup = createWazzup({
      apiKey: DEMO_API_KEY,
      rateLimit: false,
      maxRetries: 0,
      ...current.options,
      ...options,
    });
    return { mock: current.mock, wazzup };
  }
  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => undefined,
      (error: unknown) => error,
    );
  /** A request as it stands, past the SDK's checks, through the same link. */
  async function post(body: unknown): Promise<Response> {
    const { fetch: viaLink = fetch, baseUrl } = (current as Link).options;
    return viaLink(`${baseUrl}/v3/message`, {
      method: 'POST',
      headers: { authorization: `Bearer ${DEMO_API_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  it('sends to all ten chat types without opting in, maxgroup included', async () => {
    const { mock, wazzup } = await setup();
    for (const chatType of CHAT_TYPES) {
      const result = await wazzup.messages.send({
        channelId: CHANNEL_FOR[chatType] as string,
        chatType,
        chatId: CHAT_ID[chatType] ?? `${chatType}-chat-1`,
        text: `Hi on ${chatType}`,
      } as SendMessageRequest);
      expect(result.status).toBe('sent');
    }
    expect(mock.messages.map((message) => message.chatType)).toEqual([...CHAT_TYPES]);
  });

  it.each(LAYOUTS)(
    'sends a $name and it comes back sent',
    async ({ chatType, channelId, buttonsObject }) => {
      const { mock, wazzup } = await setup();
      const message = {
        channelId,
        chatType,
        chatId: CHAT_ID[chatType] ?? 'chat-1',
        text: 'Pick one',
        buttonsObject,
      };
      const result = await wazzup.messages.send(message as unknown as SendMessageRequest);
      expect(result.status).toBe('sent');
      expect(mock.messages[0]?.body.buttonsObject).toEqual(buttonsObject);
    },
  );

  it.each(
    LAYOUTS.flatMap((layout) =>
      CHAT_TYPES.filter(
        (chatType) => CHAT_RULES[chatType].buttons !== CHAT_RULES[layout.chatType].buttons,
      ).map((chatType) => ({ ...layout, wrong: chatType })),
    ),
  )(
    'refuses a $name on $wrong locally, with the service’s code and the field',
    async ({ wrong, buttonsObject }) => {
      const { mock, wazzup } = await setup();
      const message = {
        channelId: CHANNEL_FOR[wrong],
        chatType: wrong,
        chatId: CHAT_ID[wrong] ?? 'chat-1',
        text: 'Pick one',
        buttonsObject,
      };
      const error = await failure(wazzup.messages.send(message as unknown as SendMessageRequest));
      expect(error).toBeInstanceOf(WazzupValidationError);
      const { code, field } = error as WazzupValidationError;
      const none = CHAT_RULES[wrong].buttons === 'none';
      expect(code).toBe(none ? 'MESSAGES_CONTAIN_BUTTONS' : 'INVALID_MESSAGE_DATA');
      expect(field).toMatch(/^buttonsObject\./);
      expect(mock.requests).toHaveLength(0);
    },
  );

  it('takes a contact’s Telegram chat by username or phone, and a MAX chat by phone', async () => {
    const { mock, wazzup } = await setup();
    const contactData = [
      { chatType: 'telegram', username: 'durov' },
      { chatType: 'telegram', phone: '79011112233' },
      { chatType: 'max', phone: '79011112233' },
    ];
    await wazzup.contacts.upsert([
      { id: 'c1', responsibleUserId: 'u1', name: 'Anna', contactData },
    ]);
    expect(mock.store().contacts.get('c1')?.contactData).toEqual(contactData);
  });

  it('sends a user’s phone as given; the service drops one in a bad format', async () => {
    const { mock, wazzup } = await setup();
    await wazzup.users.upsert([
      { id: 'u1', name: 'Anna', phone: '+7 (901) 111-22-33' },
      { id: 'u2', name: 'Boris', phone: '79011112233' },
    ]);
    const sent = mock.requests.find((request) => request.path === '/v3/users')?.body;
    expect(sent).toEqual([
      { id: 'u1', name: 'Anna', phone: '+7 (901) 111-22-33' },
      { id: 'u2', name: 'Boris', phone: '79011112233' },
    ]);
    expect(mock.store().users.get('u1')).toEqual({ id: 'u1', name: 'Anna' });
  });

  it('reads a page whose count is a string, as the users page shows', async () => {
    const { wazzup } = await setup();
    await wazzup.users.upsert([{ id: 'u1', name: 'Anna' }]);
    const ids: string[] = [];
    for await (const user of wazzup.users.list()) ids.push(user.id);
    expect(ids).toEqual(['u1']);
  });

  it('judges a WhatsApp chatId by one rule on every route: a leading + is refused on both', async () => {
    const { mock, wazzup } = await setup();
    const send = await failure(
      wazzup.messages.send({
        channelId: DEMO_CHANNEL_IDS.whatsapp,
        ...WHATSAPP,
        chatId: '+79011112233',
        text: 'Hi',
      }),
    );
    expect(send).toMatchObject({ code: 'CHAT_INCORRECT_CHAT_ID_WHATSAPP', field: 'chatId' });
    const upsert = await failure(
      wazzup.contacts.upsert([
        {
          id: 'c1',
          responsibleUserId: 'u1',
          name: 'Anna',
          contactData: [{ ...WHATSAPP, chatId: '+79011112233' }],
        },
      ]),
    );
    expect(upsert).toMatchObject({
      code: 'INVALID_CONTACTS_DATA',
      field: '0.contactData.0.chatId',
    });
    expect(mock.requests).toHaveLength(0);
  });

  it.each([
    ['instagram', 1001, 'MESSAGES_TOO_LONG_INSTAGRAM'],
    ['telegram', 4097, 'MESSAGES_TOO_LONG_TELEGRAM'],
    ['vk', 1001, 'MESSAGES_TOO_LONG_VK'],
    ['avito', 1001, 'MESSAGES_TOO_LONG_AVITO'],
    ['viber', 7000, 'MESSAGES_TOO_LONG_VIBER'],
    ['whatsapp', 10_001, 'MESSAGE_TEXT_TOO_LONG'],
  ] as const)(
    'refuses %s text of %i characters as %s, locally and at the fake API',
    async (chatType, length, code) => {
      const { wazzup } = await setup();
      const message = {
        channelId: CHANNEL_FOR[chatType] as string,
        chatType,
        chatId: CHAT_ID[chatType] ?? 'chat-1',
        text: 'a'.repeat(length),
      } as SendMessageRequest;
      expect(await failure(wazzup.messages.send(message))).toMatchObject({ code, field: 'text' });
      const unchecked = createWazzup({
        apiKey: DEMO_API_KEY,
        rateLimit: false,
        maxRetries: 0,
        ...current?.options,
        textLimits: { [chatType]: 1e6 },
      });
      const answered = await failure(unchecked.messages.send(message));
      expect(answered).toBeInstanceOf(WazzupApiError);
      expect(answered).toMatchObject({ status: 400, code });
    },
  );

  it('answers a WABA channel past 1 024 characters with MESSAGES_TOO_LONG_WABA', async () => {
    const { wazzup } = await setup();
    const error = await failure(
      wazzup.messages.send({
        channelId: DEMO_CHANNEL_IDS.waba,
        ...WHATSAPP,
        text: 'a'.repeat(1025),
      }),
    );
    expect(error).toMatchObject({
      status: 400,
      code: 'MESSAGES_TOO_LONG_WABA',
      requestId: expect.any(String),
    });
  });

  it('answers a chat type its channel cannot reach with WRONG_TRANSPORT and its data', async () => {
    const { wazzup } = await setup();
    const error = await failure(
      wazzup.messages.send({ channelId: DEMO_CHANNEL_IDS.instagram, ...WHATSAPP, text: 'Hi' }),
    );
    expect(error).toMatchObject({
      code: 'WRONG_TRANSPORT',
      data: { channelId: DEMO_CHANNEL_IDS.instagram, transport: 'instagram', chatType: 'whatsapp' },
      requestId: expect.any(String),
    });
  });

  it('answers a repeated crmMessageId as the service does, and the SDK reads it as duplicate', async () => {
    const { mock, wazzup } = await setup();
    const message = {
      channelId: DEMO_CHANNEL_IDS.whatsapp,
      ...WHATSAPP,
      text: 'Hi',
      crmMessageId: 'order-7',
    };
    await wazzup.messages.send(message);
    const raw = await post(message);
    const body = (await raw.json()) as Record<string, unknown>;
    expect(body).toEqual({
      status: 400,
      requestId: raw.headers.get('x-request-id'),
      error: 'REPEATED_CRM_MESSAGE_ID',
      description: expect.any(String),
      data: { crmMessageId: 'order-7' },
    });
    expect(await wazzup.messages.send(message)).toEqual({
      status: 'duplicate',
      crmMessageId: 'order-7',
    });
    expect(mock.messages).toHaveLength(1);
  });

  it('answers a field it cannot take with INVALID_MESSAGE_DATA and data.fields', async () => {
    await setup();
    const message = {
      channelId: DEMO_CHANNEL_IDS.whatsapp,
      ...WHATSAPP,
      text: 'Hi',
      clearUnanswered: 'no',
    };
    const response = await post(message);
    expect(await response.json()).toMatchObject({
      status: 400,
      requestId: response.headers.get('x-request-id'),
      error: 'INVALID_MESSAGE_DATA',
      data: { fields: ['clearUnanswered'] },
    });
  });

  it('sends a key no page documents with unknownKeys: "pass", and refuses it by default', async () => {
    const { mock, wazzup } = await setup({ unknownKeys: 'pass' });
    const message = { channelId: DEMO_CHANNEL_IDS.whatsapp, ...WHATSAPP, text: 'Hi', silent: true };
    expect((await wazzup.messages.send(message as SendMessageRequest)).status).toBe('sent');
    expect(mock.messages[0]?.body.silent).toBe(true);
    const strict = createWazzup({ apiKey: DEMO_API_KEY, rateLimit: false, ...current?.options });
    expect(await failure(strict.messages.send(message as SendMessageRequest))).toMatchObject({
      code: 'INVALID_MESSAGE_DATA',
      field: 'silent',
    });
  });
});
