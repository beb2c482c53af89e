import { createWazzup, type SendMessageResult } from '@wazzup-sdk/core';
import { DEMO_API_KEY } from '@wazzup-sdk/mock';
import { median } from './measure';
import { LOOPBACK_MESSAGE, startMockProcess } from './throughput';

/** When a request left the client and when its answer came back, ms since the epoch. */
export type Span = readonly [sent: number, answered: number];

/**
 * The most requests that could have reached the server within one `windowMs`, whatever the
 * network did: a request arrives somewhere between leaving and its answer, so any window holds at
 * most those whose span overlaps it. The worst window starts at some request's answer.
 */
export function mostInAnyWindow(spans: readonly Span[], windowMs: number): number {
  let most = 0;
  for (const [, start] of spans) {
    let overlapping = 0;
    for (const [sent, answered] of spans)
      if (sent < start + windowMs && answered >= start) overlapping++;
    most = Math.max(most, overlapping);
  }
  return most;
}

/**
 * A burst of `sends` at a scaled-down rate limit (`limit` per `windowMs` on both sides) over
 * loopback to the served mock in its own process, which enforces the same limit: how many 429s
 * reach the client, the most requests that could have reached the server in any window, and the
 * share of the allowed rate reached (the least wall time the limit allows ÷ the median measured).
 */
export async function measureBurst(limit = 100, windowMs = 1000, sends = 1000, rounds = 3) {
  const scaled = await startMockProcess(['--rate-limit', `${limit}/${windowMs}`]);
  try {
    let tooMany = 0;
    const spans: Span[] = [];
    const counting = async (input: string | URL | Request, init?: RequestInit) => {
      const sent = Date.now();
      const response = await fetch(input, init);
      spans.push([sent, Date.now()]);
      if (response.status === 429) tooMany++;
      return response;
    };
    const wazzup = createWazzup({
      apiKey: DEMO_API_KEY,
      baseUrl: scaled.url,
      fetch: counting,
      rateLimit: { limit, windowMs },
    });
    // One window's worth first, untimed, so connections are open and code is compiled: the figure
    // is what the limiter costs, not a cold start. Then wait the window out, so the burst starts
    // with every slot free.
    await Promise.all(Array.from({ length: limit }, () => wazzup.messages.send(LOOPBACK_MESSAGE)));
    const rest = () => new Promise((resolve) => setTimeout(resolve, windowMs * 1.5));
    await rest();
    const walls: number[] = [];
    const latencies: number[] = [];
    let busiest = 0;
    let results: SendMessageResult[] = [];
    for (let round = 0; round < rounds; round++) {
      spans.length = 0;
      const started = performance.now();
      results = await Promise.all(
        Array.from({ length: sends }, () => wazzup.messages.send(LOOPBACK_MESSAGE)),
      );
      walls.push(performance.now() - started);
      busiest = Math.max(busiest, mostInAnyWindow(spans, windowMs));
      latencies.push(...spans.map(([sent, answered]) => answered - sent));
      await rest();
    }
    const wallMs = median(walls);
    // The first `limit` go at once, each later `limit` one window after: the least the limit allows.
    const theoreticalMs = (Math.ceil(sends / limit) - 1) * windowMs;
    return {
      sends: results.length,
      limit,
      windowMs,
      sent: results.filter((result) => result.status === 'sent').length,
      tooManyRequests: tooMany,
      mostInAnyWindow: busiest,
      medianLatencyMs: median(latencies),
      wallMs: Math.round(wallMs),
      theoreticalMs,
      shareOfAllowedRate: theoreticalMs / wallMs,
    };
  } finally {
    scaled.child.kill();
  }
}
