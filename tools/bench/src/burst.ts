import { createWazzup, type SendMessageResult } from '@wazzup-sdk/core';
import { DEMO_API_KEY, DEMO_CHANNEL_IDS } from '@wazzup-sdk/mock';
import { median } from './measure';
import { startMockProcess } from './throughput';

/**
 * A burst five times a scaled-down rate limit (50 per second on both sides) against the served
 * mock: how many 429s reach the client (over every round), and the median wall time against the
 * least the limit allows.
 */
export async function measureBurst(limit = 50, windowMs = 1000, batches = 5, rounds = 5) {
  const scaled = await startMockProcess(['--rate-limit', `${limit}/${windowMs}`]);
  try {
    let tooMany = 0;
    const counting = async (input: string | URL | Request, init?: RequestInit) => {
      const response = await fetch(input, init);
      if (response.status === 429) tooMany++;
      return response;
    };
    const wazzup = createWazzup({
      apiKey: DEMO_API_KEY,
      baseUrl: scaled.url,
      fetch: counting,
      rateLimit: { limit, windowMs },
    });
    const message = {
      channelId: DEMO_CHANNEL_IDS.whatsapp,
      chatType: 'whatsapp',
      chatId: '79011112233',
      text: 'Hi',
    } as const;
    // One window's worth first, untimed, so connections are open and code is compiled: the figure
    // is what the limiter costs, not a cold start. Then wait the window out, so the burst starts
    // with every slot free.
    await Promise.all(Array.from({ length: limit }, () => wazzup.sendMessage(message)));
    await new Promise((resolve) => setTimeout(resolve, windowMs));
    // Several bursts, each after the window has emptied; the median wall time is kept.
    const walls: number[] = [];
    let results: SendMessageResult[] = [];
    for (let round = 0; round < rounds; round++) {
      const started = performance.now();
      results = await Promise.all(
        Array.from({ length: limit * batches }, () => wazzup.sendMessage(message)),
      );
      walls.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, windowMs));
    }
    const wallMs = median(walls);
    const theoreticalMs = (batches - 1) * windowMs;
    return {
      sends: results.length,
      sent: results.filter((result) => result.status === 'sent').length,
      tooManyRequests: tooMany,
      wallMs: Math.round(wallMs),
      theoreticalMs,
      ratio: wallMs / theoreticalMs,
    };
  } finally {
    scaled.child.kill();
  }
}
