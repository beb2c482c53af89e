import { describe, expect, it } from 'vitest';
import { DEFAULT_TIMEOUT_MS, DUPLICATE_WINDOW_MS } from '../core/options';
import { WazzupApiError } from '../errors/classes';
import { UNANSWERED_HOLD_MS } from '../internal/request';
import type { FailedAttempt } from './classify';
import {
  afterClaim,
  afterFailedSend,
  type DecisionSettings,
  decide,
  type NextStep,
} from './decide';
import { outboxTiming } from './timing';

const settings: DecisionSettings = {
  inlineResends: 2,
  maxAttempts: 10,
  maxRetryDelaySeconds: 60,
  duplicateWindowMs: 60_000,
  marginMs: 31_000,
};
const NOW = 1_000_000;
const refused: FailedAttempt = {
  settlement: { outcome: 'not-sent' },
  retry: false,
  slot: 'release',
};
const rateLimited: FailedAttempt = {
  settlement: { outcome: 'not-sent' },
  retry: true,
  slot: 'pause',
};
const unknown: FailedAttempt = { settlement: { outcome: 'unknown' }, retry: true, slot: 'release' };
const fresh = { claimedAt: NOW, uncertainSince: NOW };
const afterAnUnknownOne = { claimedAt: NOW, uncertainSince: NOW - 10_000 };

describe('afterClaim', () => {
  it('acks a message the ledger has as sent, and dead-letters one whose window has closed', () => {
    expect(afterClaim({ action: 'ack', messageId: 'm' })).toEqual({ action: 'ack' });
    expect(afterClaim({ action: 'dead-letter', uncertainSince: NOW })).toEqual({
      action: 'dead-letter',
      reason: 'outcome-unknown',
      mayHaveBeenSent: true,
    });
  });
});

describe('afterFailedSend', () => {
  const cases: [string, Parameters<typeof afterFailedSend>[0], NextStep][] = [
    [
      'a refusal is dead-lettered as rejected, not sent',
      { failed: refused, claim: fresh, resend: 0, attempts: 1, now: NOW, settings },
      { action: 'dead-letter', reason: 'rejected', mayHaveBeenSent: false },
    ],
    [
      'a refusal after an earlier unknown attempt may have been sent',
      { failed: refused, claim: afterAnUnknownOne, resend: 0, attempts: 2, now: NOW, settings },
      { action: 'dead-letter', reason: 'rejected', mayHaveBeenSent: true },
    ],
    [
      'an unknown outcome is re-sent inline at once',
      { failed: unknown, claim: fresh, resend: 0, attempts: 1, now: NOW, settings },
      { action: 'resend', pauseMs: 250 },
    ],
    [
      'the second inline re-send waits twice as long',
      { failed: unknown, claim: fresh, resend: 1, attempts: 1, now: NOW, settings },
      { action: 'resend', pauseMs: 500 },
    ],
    [
      'past the inline re-sends, back to the queue within the duplicate window',
      { failed: unknown, claim: fresh, resend: 2, attempts: 6, now: NOW, settings },
      // 2^5 = 32 s of backoff, cut to half the 29 s left in the window.
      { action: 'retry', delaySeconds: 14 },
    ],
    [
      'a 429 goes back to the queue with exponential backoff',
      { failed: rateLimited, claim: fresh, resend: 0, attempts: 3, now: NOW, settings },
      { action: 'retry', delaySeconds: 4 },
    ],
    [
      'the backoff is capped',
      { failed: rateLimited, claim: fresh, resend: 0, attempts: 9, now: NOW, settings },
      { action: 'retry', delaySeconds: 60 },
    ],
    [
      'an uncertain message whose window is nearly over comes back at once',
      {
        failed: unknown,
        claim: { claimedAt: NOW, uncertainSince: NOW - 28_000 },
        resend: 2,
        attempts: 2,
        now: NOW,
        settings,
      },
      { action: 'retry', delaySeconds: 0 },
    ],
    [
      'after maxAttempts deliveries it is dead-lettered as retries-exhausted',
      { failed: rateLimited, claim: fresh, resend: 0, attempts: 10, now: NOW, settings },
      { action: 'dead-letter', reason: 'retries-exhausted', mayHaveBeenSent: false },
    ],
    [
      'and one whose outcome is unknown may have been sent',
      { failed: unknown, claim: fresh, resend: 2, attempts: 10, now: NOW, settings },
      { action: 'dead-letter', reason: 'retries-exhausted', mayHaveBeenSent: true },
    ],
  ];
  it.each(cases)('%s', (_, input, step) => {
    expect(afterFailedSend(input)).toEqual(step);
  });
});

describe('the outbox takes its timing from core’s client', () => {
  it('its margin covers a request read as late as core assumes, and its lease holds an unanswered slot as core does', () => {
    const { marginMs, leaseTtlMs } = outboxTiming();
    expect(leaseTtlMs).toBe(DEFAULT_TIMEOUT_MS + UNANSWERED_HOLD_MS);
    // A re-send started at the last moment the margin allows, and read by the service as late as
    // core's unanswered hold after its timeout, still lands in the window.
    const lastRead = DUPLICATE_WINDOW_MS - marginMs + DEFAULT_TIMEOUT_MS + UNANSWERED_HOLD_MS;
    expect(lastRead).toBeLessThanOrEqual(DUPLICATE_WINDOW_MS);
    expect(outboxTiming(10_000)).toEqual({
      marginMs: 10_000 + UNANSWERED_HOLD_MS,
      leaseTtlMs: 10_000 + UNANSWERED_HOLD_MS,
    });
  });
});

describe('decide', () => {
  const base = { claim: fresh, resend: 0, attempts: 1, now: NOW, settings };

  it('acks a result with its messageId, and a duplicate without one', () => {
    expect(
      decide({
        ...base,
        outcome: {
          result: { status: 'sent', messageId: 'm-1', chatId: 'c', crmMessageId: 'x' } as never,
        },
      }),
    ).toEqual({
      settlement: { outcome: 'sent', messageId: 'm-1' },
      slot: 'release',
      next: { action: 'ack' },
    });
    expect(
      decide({ ...base, outcome: { result: { status: 'duplicate', crmMessageId: 'x' } } }),
    ).toEqual({
      settlement: { outcome: 'sent', messageId: undefined },
      slot: 'release',
      next: { action: 'ack' },
    });
  });

  it('sorts an error and decides on it: a 429 pauses the slot and goes back to the queue', () => {
    const error = new WazzupApiError({
      status: 429,
      code: 'RATE_LIMITED',
      description: 'slow down',
    });
    expect(decide({ ...base, outcome: { error } })).toEqual({
      settlement: { outcome: 'not-sent' },
      slot: 'pause',
      next: { action: 'retry', delaySeconds: 1 },
    });
  });

  it('throws on what is not a WazzupError: a bug is a crash, not a verdict', () => {
    expect(() => decide({ ...base, outcome: { error: new TypeError('bug') } })).toThrow(TypeError);
  });
});
