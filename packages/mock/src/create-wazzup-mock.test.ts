import { describe, expect, it } from 'vitest';
import { createWazzupMock } from './create-wazzup-mock';
import { DEMO_API_KEY, DEMO_CHANNEL_IDS, DEMO_CHANNELS } from './fixtures';

const body = {
  channelId: DEMO_CHANNEL_IDS.whatsapp,
  chatType: 'whatsapp',
  chatId: '79011112233',
  text: 'Hi',
};

function post(mock: ReturnType<typeof createWazzupMock>, payload: unknown, key = DEMO_API_KEY) {
  return mock.fetch('http://mock/v3/message', {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(payload),
  });
}

function setup(options: Parameters<typeof createWazzupMock>[0] = {}) {
  let clock = 1_000_000;
  const mock = createWazzupMock({
    apiKeys: [DEMO_API_KEY],
    channels: DEMO_CHANNELS,
    now: () => clock,
    ...options,
  });
  return { mock, tick: (ms: number) => (clock += ms) };
}

describe('createWazzupMock', () => {
  it('answers 201 with messageId and chatId, and records the message', async () => {
    const { mock } = setup();
    const response = await post(mock, { ...body, crmMessageId: 'c-1' });
    expect(response.status).toBe(201);
    const answer = (await response.json()) as { messageId: string; chatId: string };
    expect(answer.chatId).toBe('79011112233');
    expect(mock.messages).toEqual([
      expect.objectContaining({
        messageId: answer.messageId,
        crmMessageId: 'c-1',
        body: { ...body, crmMessageId: 'c-1' },
      }),
    ]);
  });

  it('answers 401 to a missing or unknown key', async () => {
    const { mock } = setup();
    expect((await post(mock, body, 'nope')).status).toBe(401);
    const bare = await mock.fetch('http://mock/v3/message', {
      method: 'POST',
      body: JSON.stringify(body),
    });
    expect(bare.status).toBe(401);
    expect(mock.messages).toHaveLength(0);
  });

  it('answers validation failures with the service’s code, status and request id', async () => {
    const { mock } = setup();
    const response = await post(mock, { ...body, chatId: '+7901' });
    expect(response.status).toBe(400);
    const answer = (await response.json()) as Record<string, unknown>;
    expect(answer).toEqual({
      status: 400,
      requestId: expect.stringMatching(/^[\da-f-]{36}$/),
      error: 'CHAT_INCORRECT_CHAT_ID_WHATSAPP',
      description: 'Incorrect WhatsApp number',
    });
    expect(response.headers.get('x-request-id')).toBe(answer.requestId);
  });

  it('names a field it cannot take as INVALID_MESSAGE_DATA with data.fields', async () => {
    const { mock } = setup();
    const response = await post(mock, { ...body, clearUnanswered: 'no' });
    expect(await response.json()).toMatchObject({
      status: 400,
      error: 'INVALID_MESSAGE_DATA',
      data: { fields: ['clearUnanswered'] },
    });
  });

  it('refuses a repeated crmMessageId within the window and accepts it after', async () => {
    const { mock, tick } = setup({ duplicateWindowMs: 60_000 });
    expect((await post(mock, { ...body, crmMessageId: 'c-1' })).status).toBe(201);
    tick(59_999);
    const again = await post(mock, { ...body, crmMessageId: 'c-1' });
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({
      status: 400,
      requestId: expect.any(String),
      error: 'REPEATED_CRM_MESSAGE_ID',
      data: { crmMessageId: 'c-1' },
    });
    tick(1);
    expect((await post(mock, { ...body, crmMessageId: 'c-1' })).status).toBe(201);
    expect(mock.deliveriesOf('c-1')).toBe(2);
  });

  it('keeps crmMessageIds apart per account', async () => {
    const { mock } = setup({ accounts: [{ apiKeys: ['other'], channels: DEMO_CHANNELS }] });
    expect((await post(mock, { ...body, crmMessageId: 'c-1' })).status).toBe(201);
    expect((await post(mock, { ...body, crmMessageId: 'c-1' }, 'other')).status).toBe(201);
  });

  it('limits each key to its rate in a sliding window', async () => {
    const { mock, tick } = setup({
      rateLimit: { limit: 3, windowMs: 5000 },
      accounts: [{ apiKeys: ['other'], channels: [] }],
    });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await post(mock, body)).status);
    expect(statuses).toEqual([201, 201, 201, 429]);
    expect((await post(mock, body, 'other')).status).toBe(400);
    tick(5000);
    expect((await post(mock, body)).status).toBe(201);
  });

  it('answers the duplicate in the send page’s prose spelling when told to', async () => {
    const { mock } = setup({ duplicateSpelling: 'repeatedCrmMessageId' });
    await post(mock, { ...body, crmMessageId: 'c-1' });
    const again = await post(mock, { ...body, crmMessageId: 'c-1' });
    expect(await again.json()).toEqual({
      error: 'repeatedCrmMessageId',
      description: 'You have already sent message with the same crmMessageId',
    });
  });

  it('answers a chat type its channel cannot reach with WRONG_TRANSPORT', async () => {
    const { mock } = setup();
    const response = await post(mock, { ...body, chatType: 'viber' });
    expect(await response.json()).toMatchObject({
      error: 'WRONG_TRANSPORT',
      data: { channelId: DEMO_CHANNEL_IDS.whatsapp, transport: 'whatsapp', chatType: 'viber' },
    });
  });

  it('holds a WABA channel to WABA’s limits', async () => {
    const { mock } = setup();
    const waba = { ...body, channelId: DEMO_CHANNEL_IDS.waba };
    expect((await post(mock, { ...waba, text: 'a'.repeat(1024) })).status).toBe(201);
    expect(await (await post(mock, { ...waba, text: 'a'.repeat(1025) })).json()).toMatchObject({
      error: 'MESSAGES_TOO_LONG_WABA',
    });
    const template = { ...waba, templateId: 't-1', text: 'a'.repeat(551) };
    expect(await (await post(mock, template)).json()).toMatchObject({
      error: 'MESSAGES_TOO_LONG_WABA_TEMPLATE',
    });
    const plain = await post(mock, { ...body, text: 'a'.repeat(5000) });
    expect(plain.status).toBe(201);
  });

  it('keeps only the most recent requests and messages, as many as maxHistory', async () => {
    const { mock } = setup({ maxHistory: 10, rateLimit: false });
    for (let i = 0; i < 40; i++) await post(mock, { ...body, crmMessageId: `c-${i}` });
    expect(mock.requests.length).toBeLessThanOrEqual(15);
    expect(mock.messages.length).toBeLessThanOrEqual(15);
    expect(mock.messages.at(-1)?.crmMessageId).toBe('c-39');
    expect(mock.deliveriesOf('c-39')).toBe(1);
    expect(mock.deliveriesOf('c-0')).toBe(0);
  });

  it('names every answer’s request in x-request-id', async () => {
    const { mock } = setup();
    for (const response of [await post(mock, body), await post(mock, body, 'nope')]) {
      expect(response.headers.get('x-request-id')).toMatch(/^[\da-f-]{36}$/);
    }
  });

  it('serves only POST /v3/message', async () => {
    const { mock } = setup();
    expect((await mock.fetch('http://mock/v3/chats')).status).toBe(404);
    expect((await mock.fetch('http://mock/v3/message')).status).toBe(405);
  });
});

describe('fault injection', () => {
  it('plays a script, then lets requests through', async () => {
    const { mock } = setup({
      faults: [{ kind: 'server-error', status: 503, body: 'html' }, null, { kind: 'rate-limit' }],
    });
    const first = await post(mock, body);
    expect(first.status).toBe(503);
    expect(first.headers.get('content-type')).toBe('text/html');
    expect((await post(mock, body)).status).toBe(201);
    expect((await post(mock, body)).status).toBe(429);
    expect((await post(mock, body)).status).toBe(201);
    expect(mock.messages).toHaveLength(2);
  });

  it('rejects the fetch on reset, delivering nothing', async () => {
    const { mock } = setup({ faults: [{ kind: 'reset' }] });
    await expect(post(mock, body)).rejects.toThrow(TypeError);
    expect(mock.messages).toHaveLength(0);
    expect(mock.requests[0]?.outcome).toBe('reset');
  });

  it('delivers, then loses the answer', async () => {
    const { mock } = setup({ faults: [{ kind: 'lose-answer' }] });
    await expect(post(mock, { ...body, crmMessageId: 'c-9' })).rejects.toThrow('fetch failed');
    expect(mock.deliveriesOf('c-9')).toBe(1);
  });

  it('delays, and a fetch that aborts meanwhile rejects at once while the mock still delivers', async () => {
    const { mock } = setup({ faults: [{ kind: 'delay', ms: 200 }] });
    const aborted = mock.fetch('http://mock/v3/message', {
      method: 'POST',
      headers: { authorization: `Bearer ${DEMO_API_KEY}` },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(20),
    });
    await expect(aborted).rejects.toThrow();
    // Rejected before the delay ran out: nothing delivered yet.
    expect(mock.messages).toHaveLength(0);
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(mock.messages).toHaveLength(1);
  });

  it('injects faults by chance, repeatably for one seed', async () => {
    const outcomes = async (seed: number) => {
      const { mock } = setup({
        randomFaults: { rate: 0.3, faults: [{ kind: 'rate-limit' }], seed },
      });
      const statuses: number[] = [];
      for (let i = 0; i < 200; i++) statuses.push((await post(mock, body)).status);
      return statuses;
    };
    const first = await outcomes(7);
    expect(await outcomes(7)).toEqual(first);
    const limited = first.filter((status) => status === 429).length;
    expect(limited).toBeGreaterThan(30);
    expect(limited).toBeLessThan(90);
  });

  it('resets to a clean state', async () => {
    const { mock } = setup({ faults: [{ kind: 'rate-limit' }] });
    await post(mock, { ...body, crmMessageId: 'c-1' });
    mock.reset();
    expect((await post(mock, { ...body, crmMessageId: 'c-1' })).status).toBe(201);
    expect(mock.requests).toHaveLength(1);
  });
});
