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

describe('the client-side rate limit against the mock’s', () => {
  it('sends a burst five times the limit without a single 429', async () => {
    const rateLimit = { limit: 20, windowMs: 400 };
    const served = await serveWazzupMock({
      apiKeys: [DEMO_API_KEY],
      channels: DEMO_CHANNELS,
      rateLimit,
    });
    try {
      const wazzup = createWazzup({ apiKey: DEMO_API_KEY, baseUrl: served.url, rateLimit });
      const results = await Promise.all(
        Array.from({ length: 100 }, () => wazzup.sendMessage(message)),
      );
      expect(results.every((result) => result.status === 'sent')).toBe(true);
      expect(served.mock.requests.filter((request) => request.outcome === 429)).toEqual([]);
      expect(served.mock.messages).toHaveLength(100);
    } finally {
      await served.close();
    }
  });

  it('without it, the same burst runs into the server’s 429s', async () => {
    const rateLimit = { limit: 20, windowMs: 400 };
    const served = await serveWazzupMock({
      apiKeys: [DEMO_API_KEY],
      channels: DEMO_CHANNELS,
      rateLimit,
    });
    try {
      const wazzup = createWazzup({
        apiKey: DEMO_API_KEY,
        baseUrl: served.url,
        rateLimit: false,
        maxRetries: 0,
      });
      await Promise.allSettled(Array.from({ length: 100 }, () => wazzup.sendMessage(message)));
      expect(
        served.mock.requests.filter((request) => request.outcome === 429).length,
      ).toBeGreaterThan(0);
    } finally {
      await served.close();
    }
  });
});
