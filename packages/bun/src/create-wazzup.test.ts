// Runs on Bun itself (`bun test`), against the mock served by Bun.serve on loopback.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'bun:test';
import { createWazzupMock, DEMO_API_KEY, DEMO_CHANNEL_IDS, DEMO_CHANNELS } from '@wazzup-sdk/mock';
import { createWazzup, WazzupApiError, WazzupConfigError, WazzupValidationError } from './index';

const message = {
  channelId: DEMO_CHANNEL_IDS.whatsapp,
  chatType: 'whatsapp',
  chatId: '79011112233',
  text: 'Hello from Bun',
} as const;

const mock = createWazzupMock({ apiKeys: [DEMO_API_KEY], channels: DEMO_CHANNELS });
let server: ReturnType<typeof Bun.serve>;
let url: string;

beforeAll(() => {
  server = Bun.serve({ hostname: '127.0.0.1', port: 0, fetch: mock.handler });
  url = `http://127.0.0.1:${server.port}`;
});
afterAll(() => server.stop(true));
afterEach(() => {
  mock.reset();
  delete Bun.env.WAZZUP_API_KEY;
  delete Bun.env.WAZZUP_BASE_URL;
});

describe('@wazzup-sdk/bun', () => {
  it('runs on Bun', () => {
    expect(typeof Bun.version).toBe('string');
  });

  it('reads WAZZUP_API_KEY and WAZZUP_BASE_URL from Bun.env and sends', async () => {
    Bun.env.WAZZUP_API_KEY = DEMO_API_KEY;
    Bun.env.WAZZUP_BASE_URL = url;
    const result = await createWazzup().messages.send(message);
    expect(result.status).toBe('sent');
    expect(mock.messages).toHaveLength(1);
    expect(mock.messages[0]?.body.text).toBe('Hello from Bun');
  });

  it('lets an explicit apiKey win over the environment', async () => {
    Bun.env.WAZZUP_API_KEY = 'wrong-key';
    Bun.env.WAZZUP_BASE_URL = url;
    expect((await createWazzup({ apiKey: DEMO_API_KEY }).messages.send(message)).status).toBe(
      'sent',
    );
    const refused = await createWazzup()
      .messages.send(message)
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(WazzupApiError);
    expect((refused as WazzupApiError).code).toBe('UNAUTHORIZED');
  });

  it('names the variable when the key is missing', () => {
    expect(() => createWazzup()).toThrow(WazzupConfigError);
    expect(() => createWazzup()).toThrow('WAZZUP_API_KEY is not set in Bun.env');
  });

  it('validates locally before any request', async () => {
    const wazzup = createWazzup({ apiKey: DEMO_API_KEY, baseUrl: url });
    const error = await wazzup.messages
      .send({ ...message, chatId: '+7 901' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WazzupValidationError);
    expect((error as WazzupValidationError).code).toBe('CHAT_INCORRECT_CHAT_ID_WHATSAPP');
    expect(mock.requests).toHaveLength(0);
  });
});
