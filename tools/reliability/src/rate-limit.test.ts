import { createWazzup } from '@wazzup-sdk/core';
import { DEMO_API_KEY, DEMO_CHANNEL_IDS, DEMO_CHANNELS } from '@wazzup-sdk/mock';
import { serveWazzupMock } from '@wazzup-sdk/mock/node';
import { describe, expect, it } from 'vitest';

const message = {
  channelId: DEMO_CHANNEL_IDS.whatsapp,
  chatType: 'whatsapp',
  chatId: '79011112233',
  text: 'Hi',
} as const;

const rateLimit = { limit: 20, windowMs: 400 };

/** A burst of 100 sends, five times the limit, against a mock served with that limit. */
async function burst(clientLimit: typeof rateLimit | false) {
  const served = await serveWazzupMock({
    apiKeys: [DEMO_API_KEY],
    channels: DEMO_CHANNELS,
    rateLimit,
  });
  try {
    const wazzup = createWazzup({
      apiKey: DEMO_API_KEY,
      baseUrl: served.url,
      rateLimit: clientLimit,
      maxRetries: 0,
    });
    const results = await Promise.allSettled(
      Array.from({ length: 100 }, () => wazzup.messages.send(message)),
    );
    const tooMany = served.mock.requests.filter((request) => request.outcome === 429);
    return { results, tooMany, delivered: served.mock.messages.length };
  } finally {
    await served.close();
  }
}

describe('the client-side rate limit against the mock’s', () => {
  it('sends a burst five times the limit without a single 429', async () => {
    const { results, tooMany, delivered } = await burst(rateLimit);
    expect(
      results.every((result) => result.status === 'fulfilled' && result.value.status === 'sent'),
    ).toBe(true);
    expect(tooMany).toEqual([]);
    expect(delivered).toBe(100);
  });

  it('without it, the same burst runs into the server’s 429s', async () => {
    const { tooMany } = await burst(false);
    expect(tooMany.length).toBeGreaterThan(0);
  });
});
