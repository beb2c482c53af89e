import { describe, expect, it } from 'vitest';
import { createFaultPlan, serverErrorResponse } from './faults';

describe('fault plan', () => {
  it('plays the script in order, then nothing', () => {
    const plan = createFaultPlan([{ kind: 'reset' }, null]);
    plan.enqueue({ kind: 'rate-limit' });
    expect([plan.next(), plan.next(), plan.next(), plan.next()]).toEqual([
      { kind: 'reset' },
      undefined,
      { kind: 'rate-limit' },
      undefined,
    ]);
  });

  it('draws faults at the given rate, the same way for the same seed', () => {
    const draws = (seed: number) => {
      const plan = createFaultPlan([], {
        rate: 0.2,
        faults: [{ kind: 'reset' }, { kind: 'rate-limit' }],
        seed,
      });
      return Array.from({ length: 5000 }, () => plan.next()?.kind ?? 'none');
    };
    const first = draws(42);
    expect(draws(42)).toEqual(first);
    expect(draws(43)).not.toEqual(first);
    const faulty = first.filter((kind) => kind !== 'none').length / first.length;
    expect(faulty).toBeGreaterThan(0.17);
    expect(faulty).toBeLessThan(0.23);
    expect(new Set(first)).toEqual(new Set(['none', 'reset', 'rate-limit']));
  });

  it('builds 5xx answers with JSON, HTML or empty bodies', async () => {
    const json = serverErrorResponse({ kind: 'server-error' });
    expect([json.status, await json.json()]).toEqual([
      500,
      { error: 'UNKNOWN_ERROR', description: expect.any(String) },
    ]);
    const html = serverErrorResponse({ kind: 'server-error', status: 502, body: 'html' });
    expect([html.status, html.headers.get('content-type')]).toEqual([502, 'text/html']);
    expect(
      await serverErrorResponse({ kind: 'server-error', status: 503, body: 'empty' }).text(),
    ).toBe('');
  });
});
