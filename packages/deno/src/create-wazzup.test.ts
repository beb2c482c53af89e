// Runs on Deno itself (`deno test`), against the mock served by Deno.serve on loopback.
import assert from 'node:assert/strict';
import { createWazzupMock, DEMO_API_KEY, DEMO_CHANNEL_IDS, DEMO_CHANNELS } from '@wazzup-sdk/mock';
import { createWazzup, WazzupApiError, WazzupConfigError, WazzupValidationError } from './index.ts';

const message = {
  channelId: DEMO_CHANNEL_IDS.whatsapp,
  chatType: 'whatsapp',
  chatId: '79011112233',
  text: 'Hello from Deno',
} as const;

async function withMock(
  run: (url: string, mock: ReturnType<typeof createWazzupMock>) => Promise<void>,
) {
  const mock = createWazzupMock({ apiKeys: [DEMO_API_KEY], channels: DEMO_CHANNELS });
  const server = Deno.serve({ hostname: '127.0.0.1', port: 0, onListen() {} }, mock.handler);
  try {
    await run(`http://127.0.0.1:${server.addr.port}`, mock);
  } finally {
    await server.shutdown();
  }
}

function withEnv(vars: Record<string, string | undefined>, run: () => Promise<void>) {
  return async () => {
    for (const [name, value] of Object.entries(vars)) {
      if (value === undefined) Deno.env.delete(name);
      else Deno.env.set(name, value);
    }
    try {
      await run();
    } finally {
      for (const name of Object.keys(vars)) Deno.env.delete(name);
    }
  };
}

Deno.test('runs on Deno', () => {
  assert.equal(typeof Deno.version.deno, 'string');
});

Deno.test('reads WAZZUP_API_KEY and WAZZUP_BASE_URL from Deno.env and sends', () =>
  withMock(async (url, mock) => {
    await withEnv({ WAZZUP_API_KEY: DEMO_API_KEY, WAZZUP_BASE_URL: url }, async () => {
      const result = await createWazzup().messages.send(message);
      assert.equal(result.status, 'sent');
      assert.equal(mock.messages.length, 1);
      assert.equal(mock.messages[0]?.body.text, 'Hello from Deno');
    })();
  }));

Deno.test('an explicit apiKey wins over the environment', () =>
  withMock(async (url) => {
    await withEnv({ WAZZUP_API_KEY: 'wrong-key', WAZZUP_BASE_URL: url }, async () => {
      const result = await createWazzup({ apiKey: DEMO_API_KEY }).messages.send(message);
      assert.equal(result.status, 'sent');
      const refused = await createWazzup()
        .messages.send(message)
        .catch((error: unknown) => error);
      assert.ok(refused instanceof WazzupApiError);
      assert.equal(refused.code, 'UNAUTHORIZED');
    })();
  }));

Deno.test(
  'names the variable when the key is missing',
  withEnv({ WAZZUP_API_KEY: undefined }, async () => {
    assert.throws(
      () => createWazzup(),
      (error: unknown) => {
        assert.ok(error instanceof WazzupConfigError);
        assert.match(error.message, /WAZZUP_API_KEY is not set in Deno\.env/);
        return true;
      },
    );
  }),
);

Deno.test('validates locally before any request', () =>
  withMock(async (url, mock) => {
    const wazzup = createWazzup({ apiKey: DEMO_API_KEY, baseUrl: url });
    const error = await wazzup.messages
      .send({ ...message, chatId: '+7 901' })
      .catch((caught: unknown) => caught);
    assert.ok(error instanceof WazzupValidationError);
    assert.equal(error.code, 'CHAT_INCORRECT_CHAT_ID_WHATSAPP');
    assert.equal(mock.requests.length, 0);
  }));
