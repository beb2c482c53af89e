import {
  DEMO_API_KEY,
  DEMO_CHANNEL_IDS,
  DEMO_CHANNELS,
  SERVICE_CHAT_TYPES,
  validateMessage,
  type WazzupMockOptions,
} from '@wazzup-sdk/mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LINKS, type Link } from '../../test/mock-links';
import { INVALID_CASES } from '../../test/validation-cases';
import { createWazzup } from '../client';
import type { WazzupOptions } from '../core/options';
import {
  WazzupApiError,
  WazzupConnectionError,
  WazzupTimeoutError,
  WazzupValidationError,
} from '../errors/classes';
import type { SendMessageRequest } from '../schemas/request-types';

const links = LINKS;

const open: Link[] = [];
// Real timers, but short jitter draws: backoff is tested on its own (send-message.test.ts); here it
// would only make the suite slow and its duration random.
beforeEach(() => {
  vi.spyOn(Math, 'random').mockReturnValue(0.02);
});
afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(open.splice(0).map((link) => link.close()));
});

const whatsapp = (text = 'Hello'): SendMessageRequest => ({
  channelId: DEMO_CHANNEL_IDS.whatsapp,
  chatType: 'whatsapp',
  chatId: '79011112233',
  text,
});

describe.each(Object.keys(links))('core against the mock, %s', (mode) => {
  async function setup(
    mockOptions: WazzupMockOptions = {},
    clientOptions: Partial<WazzupOptions> = {},
  ) {
    const link = await (links[mode] as (typeof links)[string])({
      apiKeys: [DEMO_API_KEY],
      channels: DEMO_CHANNELS,
      ...mockOptions,
    });
    open.push(link);
    const wazzup = createWazzup({
      apiKey: DEMO_API_KEY,
      ...link.options,
      timeoutMs: 2000,
      ...clientOptions,
    });
    return { mock: link.mock, wazzup };
  }
  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => undefined,
      (error: unknown) => error,
    );

  it('sends and the mock records exactly that message', async () => {
    const { mock, wazzup } = await setup();
    const result = await wazzup.messages.send(whatsapp('Order #42 is ready'));
    expect(result.status).toBe('sent');
    expect(mock.messages).toHaveLength(1);
    expect(mock.messages[0]).toMatchObject({
      chatId: '79011112233',
      chatType: 'whatsapp',
      crmMessageId: result.crmMessageId,
      body: { text: 'Order #42 is ready' },
    });
    if (result.status === 'sent') expect(result.messageId).toBe(mock.messages[0]?.messageId);
  });

  it('sends to Telegram by username and gets a chatId back', async () => {
    const { wazzup } = await setup();
    const result = await wazzup.messages.send({
      channelId: DEMO_CHANNEL_IDS.telegram,
      chatType: 'telegram',
      username: 'durov',
      text: 'Hi',
    });
    expect(result).toMatchObject({ status: 'sent', chatId: expect.stringMatching(/^\d+$/) });
  });

  it('turns a lost answer and its retry into "duplicate" with one message delivered', async () => {
    const { mock, wazzup } = await setup({ faults: [{ kind: 'lose-answer' }] });
    const result = await wazzup.messages.send(whatsapp());
    expect(result.status).toBe('duplicate');
    expect(mock.requests).toHaveLength(2);
    expect(mock.messages).toHaveLength(1);
    expect(mock.deliveriesOf(result.crmMessageId)).toBe(1);
  });

  it('answers duplicate when the caller resends the same crmMessageId', async () => {
    const { mock, wazzup } = await setup();
    const first = await wazzup.messages.send({ ...whatsapp(), crmMessageId: 'order-42' });
    const again = await wazzup.messages.send({ ...whatsapp(), crmMessageId: 'order-42' });
    expect([first.status, again.status]).toEqual(['sent', 'duplicate']);
    expect(mock.messages).toHaveLength(1);
  });

  it.each([
    ['disabled', 'CHANNEL_BLOCKED'],
    ['notEnoughMoney', 'CHANNEL_NO_MONEY'],
    ['phoneUnavailable', 'MESSAGE_CHANNEL_UNAVAILABLE'],
  ] as const)('a %s channel gives %s', async (state, code) => {
    const { mock, wazzup } = await setup();
    const error = await failure(
      wazzup.messages.send({ ...whatsapp(), channelId: DEMO_CHANNEL_IDS[state] }),
    );
    expect(error).toBeInstanceOf(WazzupApiError);
    expect(error).toMatchObject({ status: 400, code });
    expect(mock.messages).toHaveLength(0);
  });

  it('an unknown channel gives CHANNEL_NOT_FOUND', async () => {
    const { wazzup } = await setup();
    const error = await failure(
      wazzup.messages.send({ ...whatsapp(), channelId: '00000000-0000-4000-8000-000000000000' }),
    );
    expect(error).toMatchObject({ code: 'CHANNEL_NOT_FOUND' });
  });

  it('a chat type the channel cannot reach gives WRONG_TRANSPORT, naming them', async () => {
    const { wazzup } = await setup();
    const error = await failure(
      wazzup.messages.send({
        channelId: DEMO_CHANNEL_IDS.instagram,
        chatType: 'whatsapp',
        chatId: '79011112233',
        text: 'Hi',
      }),
    );
    expect(error).toMatchObject({
      code: 'WRONG_TRANSPORT',
      data: { channelId: DEMO_CHANNEL_IDS.instagram, transport: 'instagram', chatType: 'whatsapp' },
    });
  });

  it('a wrong key gives UNAUTHORIZED without retrying', async () => {
    const { mock, wazzup } = await setup({}, { apiKey: 'wrong-key' });
    const error = await failure(wazzup.messages.send(whatsapp()));
    expect(error).toMatchObject({ status: 401, code: 'UNAUTHORIZED' });
    expect(mock.requests).toHaveLength(1);
  });

  it('retries through 5xx (JSON and HTML), 429 and resets to one delivery', async () => {
    const { mock, wazzup } = await setup(
      {
        faults: [
          { kind: 'server-error', body: 'json' },
          { kind: 'server-error', status: 502, body: 'html' },
          { kind: 'rate-limit' },
          { kind: 'reset' },
        ],
      },
      { maxRetries: 4, retryDeadlineMs: 50_000 },
    );
    const result = await wazzup.messages.send(whatsapp());
    expect(result.status).toBe('sent');
    expect(mock.requests.map((request) => request.outcome)).toEqual([500, 502, 429, 'reset', 201]);
    expect(mock.messages).toHaveLength(1);
  });

  it.each([
    [{ kind: 'server-error', status: 503, body: 'html' }, WazzupApiError, 'SERVER_ERROR'],
    [{ kind: 'server-error', status: 500, body: 'json' }, WazzupApiError, 'UNKNOWN_ERROR'],
    [{ kind: 'server-error', status: 500, body: 'empty' }, WazzupApiError, 'SERVER_ERROR'],
    [{ kind: 'reset' }, WazzupConnectionError, undefined],
  ] as const)('a lasting %o gives its typed error', async (fault, type, code) => {
    const { mock, wazzup } = await setup({ faults: [fault, fault] }, { maxRetries: 1 });
    const error = await failure(wazzup.messages.send(whatsapp()));
    expect(error).toBeInstanceOf(type);
    if (code) expect(error).toMatchObject({ code });
    expect(mock.requests).toHaveLength(2);
    expect(mock.messages).toHaveLength(0);
  });

  it('a 429 is waited out without counting against maxRetries', async () => {
    const fault = { kind: 'rate-limit' } as const;
    // Three 429s against one retry: each is waited out, none uses the retry up.
    const { mock, wazzup } = await setup({ faults: [fault, fault, fault] }, { maxRetries: 1 });
    expect((await wazzup.messages.send(whatsapp())).status).toBe('sent');
    expect(mock.requests.map((request) => request.outcome)).toEqual([429, 429, 429, 201]);
    expect(mock.messages).toHaveLength(1);
  });

  it('a delay past the timeout gives WazzupTimeoutError, and the late delivery stays single', async () => {
    const { mock, wazzup } = await setup(
      {
        faults: [
          { kind: 'delay', ms: 300 },
          { kind: 'delay', ms: 300 },
        ],
      },
      { timeoutMs: 100, maxRetries: 1 },
    );
    const error = await failure(wazzup.messages.send(whatsapp()));
    expect(error).toBeInstanceOf(WazzupTimeoutError);
    // The mock goes on working after the client gives up, as a real server does.
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(mock.messages).toHaveLength(1);
    expect(mock.requests.map((request) => request.outcome)).toEqual([201, 400]);
  });

  it('shares timeout signals across 1 900 sends with no listener warning', async () => {
    // A long limit: under a loaded CI machine 300 loopback requests at once can take seconds.
    const { mock, wazzup } = await setup(
      { rateLimit: false },
      { rateLimit: false, timeoutMs: 30_000 },
    );
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    try {
      // One at a time (each reuses the idle signal) and 300 at once (they join a few batches). Node's
      // fetch warns past 1 500 listeners on one signal, which one signal for every send would pass.
      for (let i = 0; i < 1600; i++) await wazzup.messages.send(whatsapp(`one by one ${i}`));
      await Promise.all(
        Array.from({ length: 300 }, (_, i) => wazzup.messages.send(whatsapp(`burst ${i}`))),
      );
      expect(mock.messages).toHaveLength(1900);
      // Warnings are emitted on the next tick.
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(warnings.map((warning) => warning.message)).toEqual([]);
    } finally {
      process.off('warning', onWarning);
    }
  }, 60_000);

  it('the rate limit answers 429 once a key is over it', async () => {
    const { wazzup } = await setup(
      { rateLimit: { limit: 2, windowMs: 60_000 } },
      { maxRetries: 1, retryDeadlineMs: 400 },
    );
    await wazzup.messages.send(whatsapp('1'));
    await wazzup.messages.send(whatsapp('2'));
    const startedAt = Date.now();
    expect(await failure(wazzup.messages.send(whatsapp('3')))).toMatchObject({
      status: 429,
      code: 'RATE_LIMITED',
    });
    // Waited out until its retry deadline, then failed there.
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(390);
  });

  it('sends nothing the mock would refuse, and would refuse each with the same code', async () => {
    const { mock, wazzup } = await setup();
    for (const { input, code, field } of INVALID_CASES) {
      const error = await failure(wazzup.messages.send(input as SendMessageRequest));
      expect(error).toBeInstanceOf(WazzupValidationError);
      expect(
        validateMessage(input, {
          chatTypes: SERVICE_CHAT_TYPES,
          textLimits: {},
          unknownKeys: 'refuse',
        }),
      ).toMatchObject({ code, field });
    }
    expect(mock.requests).toHaveLength(0);
  });
});
