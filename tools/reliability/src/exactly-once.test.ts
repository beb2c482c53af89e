import { createWazzup, WazzupError } from '@wazzup-sdk/core';
import { DEMO_API_KEY, DEMO_CHANNEL_IDS, DEMO_CHANNELS, type Fault } from '@wazzup-sdk/mock';
import { serveWazzupMock } from '@wazzup-sdk/mock/node';
import { describe, expect, it } from 'vitest';
import { sized } from './size';

const SENDS = sized(1000, 10_000);
const CONCURRENCY = 50;
const TIMEOUT_MS = 300;
const FAULTS: Fault[] = [
  { kind: 'server-error', status: 500, body: 'json' },
  { kind: 'server-error', status: 502, body: 'html' },
  { kind: 'server-error', status: 503, body: 'empty' },
  { kind: 'rate-limit' },
  { kind: 'reset' },
  { kind: 'delay', ms: TIMEOUT_MS * 2 },
  { kind: 'lose-answer' },
];

describe('exactly once under faults', () => {
  it(`${SENDS} sends over loopback with 20 % injected faults: 0 lost, 0 duplicates`, async () => {
    const served = await serveWazzupMock({
      apiKeys: [DEMO_API_KEY],
      channels: DEMO_CHANNELS,
      rateLimit: false,
      randomFaults: { rate: 0.2, faults: FAULTS, seed: 20261125 },
    });
    const wazzup = createWazzup({
      apiKey: DEMO_API_KEY,
      baseUrl: served.url,
      timeoutMs: TIMEOUT_MS,
      maxRetries: 4,
    });
    const outcomes: { crmMessageId: string; delivered: boolean; error?: string }[] = [];
    let next = 0;
    const worker = async () => {
      while (next < SENDS) {
        const index = next++;
        const message = {
          channelId: DEMO_CHANNEL_IDS.whatsapp,
          chatType: 'whatsapp',
          chatId: '79011112233',
          text: `#${index}`,
        } as const;
        try {
          const result = await wazzup.messages.send(message);
          outcomes.push({ crmMessageId: result.crmMessageId, delivered: true });
        } catch (error) {
          // Every failure is typed and names the crmMessageId it used.
          expect(error).toBeInstanceOf(WazzupError);
          const { crmMessageId, name } = error as WazzupError;
          expect(crmMessageId).toBeTypeOf('string');
          outcomes.push({ crmMessageId: crmMessageId as string, delivered: false, error: name });
        }
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const seconds = (performance.now() - started) / 1000;
    // Let answers delayed past the timeout land before counting.
    await new Promise((resolve) => setTimeout(resolve, TIMEOUT_MS * 3));
    const { mock } = served;
    await served.close();

    const lost = outcomes.filter(
      (outcome) => outcome.delivered && mock.deliveriesOf(outcome.crmMessageId) !== 1,
    );
    const duplicates = outcomes.filter((outcome) => mock.deliveriesOf(outcome.crmMessageId) > 1);
    const failed = outcomes.filter((outcome) => !outcome.delivered);
    const failedButDelivered = failed.filter(
      (outcome) => mock.deliveriesOf(outcome.crmMessageId) === 1,
    );
    const faults = mock.requests.filter((request) => request.fault).length;
    console.log(
      `exactly-once: ${SENDS} sends in ${seconds.toFixed(1)} s, ${mock.requests.length} requests, ${faults} faults ` +
        `(${((100 * faults) / mock.requests.length).toFixed(1)} %), ${mock.messages.length} delivered, ` +
        `${failed.length} ended in a typed error (${failedButDelivered.length} of them delivered anyway), ` +
        `${lost.length} lost, ${duplicates.length} duplicates`,
    );
    expect(outcomes).toHaveLength(SENDS);
    expect(new Set(outcomes.map((outcome) => outcome.crmMessageId)).size).toBe(SENDS);
    expect(lost).toEqual([]);
    expect(duplicates).toEqual([]);
    expect(mock.messages.length).toBe(outcomes.length - failed.length + failedButDelivered.length);
    expect(faults / mock.requests.length).toBeGreaterThan(0.15);
  });
});
