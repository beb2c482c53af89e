import { describe, expect, it } from 'vitest';
import {
  WazzupApiError,
  WazzupConnectionError,
  WazzupQueueTimeoutError,
  WazzupTimeoutError,
  WazzupValidationError,
} from '../errors/classes';
import { classify } from './classify';

const api = (status: number, code: string) =>
  new WazzupApiError({ status, code, description: code });

describe('classify', () => {
  it.each([
    [
      'a local validation error',
      new WazzupValidationError('VALIDATION_ERROR', 'text', 'x', []),
      'not-sent',
      false,
      'release',
    ],
    ['a refusal (CHANNEL_BLOCKED)', api(400, 'CHANNEL_BLOCKED'), 'not-sent', false, 'release'],
    [
      'a retryable refusal (MESSAGE_DOWNLOAD_CONTENT_ERROR)',
      api(400, 'MESSAGE_DOWNLOAD_CONTENT_ERROR'),
      'not-sent',
      true,
      'release',
    ],
    ['a 429', api(429, 'RATE_LIMITED'), 'not-sent', true, 'pause'],
    ['a 5xx', api(502, 'SERVER_ERROR'), 'unknown', true, 'release'],
    ['an unreadable 201', api(201, 'INVALID_RESPONSE'), 'unknown', true, 'release'],
    ['a dropped connection', new WazzupConnectionError('reset'), 'unknown', true, 'release'],
    // Unanswered: the service may still read it, so its slot stays taken.
    ['a timeout', new WazzupTimeoutError(1000), 'unknown', true, 'hold'],
    // No slot in time: nothing left.
    [
      'a wait for a slot that ran out',
      new WazzupQueueTimeoutError(1000),
      'not-sent',
      true,
      'release',
    ],
  ])('%s: outcome %s, retry %s, slot %s', (_, error, outcome, retry, slot) => {
    const failed = classify(error);
    expect(failed.settlement.outcome).toBe(outcome);
    expect(failed.retry).toBe(retry);
    expect(failed.slot).toBe(slot);
  });

  it('throws on anything that is not a WazzupError: a bug is a crash, and the queue redelivers', () => {
    expect(() => classify(new TypeError('x is undefined'))).toThrow(TypeError);
  });
});
