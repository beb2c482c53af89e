import { describe, expect, it } from 'vitest';
import { ERROR_CODES, isRetryableCode } from './codes';

// Every code in the send-message page's error table, copied from the page.
const PAGE_CODES = [
  'MESSAGE_WRONG_CONTENT_TYPE',
  'MESSAGE_ONLY_TEXT_OR_CONTENT',
  'MESSAGE_NOTHING_TO_SEND',
  'MESSAGE_TEXT_TOO_LONG',
  'MESSAGE_CONTENT_CAN_NOT_BE_BLANK',
  'MESSAGE_CONTENT_SIZE_EXCEEDED',
  'MESSAGE_TEXT_CAN_NOT_BE_BLANK',
  'CHANNEL_NOT_FOUND',
  'CHANNEL_BLOCKED',
  'MESSAGE_DOWNLOAD_CONTENT_ERROR',
  'MESSAGES_NOT_TEXT_FIRST',
  'MESSAGES_IS_SPAM',
  'CHAT_WRONG_CHAT_TYPE',
  'CHAT_MISSING_CHAT_TYPE',
  'CHAT_INCORRECT_CHAT_ID_WHATSAPP',
  'CHAT_MISSING_CHAT_ID',
  'VALIDATION_ERROR',
  'ACCOUNT_NOT_FOUND',
  'CONTACT_NOT_FOUND',
  'CHANNEL_NO_MONEY',
  'MESSAGE_CHANNEL_UNAVAILABLE',
  'CONTACT_DETAIL_NOT_FOUND',
  'MESSAGES_ABNORMAL_SEND',
  'MESSAGES_INVALID_CONTACT_TYPE',
  'MESSAGES_CAN_NOT_ADD',
  'REFERENCE_MESSAGE_NOT_FOUND',
  'UNKNOWN_ERROR',
];

describe('ERROR_CODES', () => {
  it('holds every code of the page, the duplicate answer and the known extras', () => {
    const codes = Object.keys(ERROR_CODES);
    for (const code of [
      ...PAGE_CODES,
      'repeatedCrmMessageId',
      'CHANNEL_LIMIT_EXCEEDED',
      'FORBIDDEN',
    ]) {
      expect(codes).toContain(code);
    }
  });

  it('describes each code', () => {
    for (const { description } of Object.values(ERROR_CODES))
      expect(description.length).toBeGreaterThan(5);
  });

  it('marks transient codes retryable and permanent ones not', () => {
    expect(
      ['RATE_LIMITED', 'SERVER_ERROR', 'MESSAGE_CHANNEL_UNAVAILABLE'].map(isRetryableCode),
    ).toEqual([true, true, true]);
    expect(
      ['CHANNEL_NOT_FOUND', 'VALIDATION_ERROR', 'repeatedCrmMessageId', 'INVALID_RESPONSE'].map(
        isRetryableCode,
      ),
    ).toEqual([false, false, false, false]);
    expect(isRetryableCode('NOT_A_CODE')).toBe(false);
    expect(isRetryableCode('toString')).toBe(false);
  });
});
