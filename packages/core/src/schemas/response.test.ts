import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { ErrorResponseSchema } from './error';
import { SendMessageResponseSchema } from './response';

describe('SendMessageResponseSchema', () => {
  it('reads the page’s 201 example and ignores extra fields', () => {
    const body = {
      messageId: 'f66c53a6-957a-46b2-b41b-5a2ef4844bcb',
      chatId: '79999999999',
      extra: 1,
    };
    expect(v.parse(SendMessageResponseSchema, body)).toEqual({
      messageId: body.messageId,
      chatId: body.chatId,
    });
  });

  it.each([{}, { chatId: '1' }, { messageId: '', chatId: '1' }, { messageId: 'm' }, null, 'ok'])(
    'refuses %j',
    (body) => {
      expect(v.safeParse(SendMessageResponseSchema, body).success).toBe(false);
    },
  );
});

describe('ErrorResponseSchema', () => {
  it('reads {error, description, data?, requestId?}', () => {
    const body = { error: 'CHANNEL_NOT_FOUND', description: 'x', data: [1], requestId: 'r' };
    expect(v.parse(ErrorResponseSchema, body)).toEqual(body);
    expect(v.parse(ErrorResponseSchema, { error: 'FORBIDDEN' })).toEqual({ error: 'FORBIDDEN' });
  });

  it('refuses a body without a string error', () => {
    expect(v.safeParse(ErrorResponseSchema, { description: 'x' }).success).toBe(false);
    expect(v.safeParse(ErrorResponseSchema, { error: 3 }).success).toBe(false);
  });
});
