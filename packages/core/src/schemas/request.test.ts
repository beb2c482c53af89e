import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { API_KEY, WHATSAPP_TEXT } from '../../test/fixtures';
import { created, recordingFetch } from '../../test/recording-fetch';
import { INVALID_CASES, VALID_CASES } from '../../test/validation-cases';
import { createWazzup } from '../client';
import { parseSendMessageRequest } from '../core/validate';
import { WazzupValidationError } from '../errors/classes';
import { createSendMessageRequestSchema, SendMessageRequestSchema } from './request';
import type { SendMessageRequest } from './request-types';

function client(
  options: Parameters<typeof createWazzup>[0] extends infer O ? Partial<O> : never = {},
) {
  const fetch = recordingFetch(created());
  return { fetch, wazzup: createWazzup({ apiKey: API_KEY, fetch, ...options }) };
}

async function rejection(promise: Promise<unknown>): Promise<WazzupValidationError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(WazzupValidationError);
  return error as WazzupValidationError;
}

describe('local validation', () => {
  it.each(INVALID_CASES)(
    '$name → $code at "$field", nothing sent',
    async ({ input, code, field }) => {
      const { fetch, wazzup } = client();
      const error = await rejection(wazzup.messages.send(input as SendMessageRequest));
      expect({ code: error.code, field: error.field }).toEqual({ code, field });
      expect(error.issues.length).toBeGreaterThan(0);
      expect(error.message).toContain(code);
      expect(fetch.requests).toHaveLength(0);
    },
  );

  it.each(VALID_CASES)('accepts $name and sends it as given', async ({ input }) => {
    const { fetch, wazzup } = client();
    await wazzup.messages.send(input as unknown as SendMessageRequest);
    expect(fetch.requests).toHaveLength(1);
    const { crmMessageId, ...sent } = fetch.requests[0]?.body ?? {};
    const { crmMessageId: given, ...expected } = input;
    expect(sent).toEqual(expected);
    expect(crmMessageId).toBe(given ?? crmMessageId);
  });

  it('keeps the error small however large the input', async () => {
    const { fetch, wazzup } = client();
    const huge = 'x'.repeat(5 * 1024 * 1024);
    const errors = await Promise.all(
      [{ text: huge }, { [huge]: 1 }, { chatId: huge }, { text: 7, chatType: huge }].map((change) =>
        rejection(wazzup.messages.send({ ...WHATSAPP_TEXT, ...change } as never)),
      ),
    );
    for (const error of errors) {
      expect(JSON.stringify(error).length).toBeLessThan(5000);
      expect(error.message.length).toBeLessThan(600);
    }
    expect(fetch.requests).toHaveLength(0);
  });

  it('names the field meant by a typo', async () => {
    const { wazzup } = client();
    const error = await rejection(
      wazzup.messages.send({ ...WHATSAPP_TEXT, chatid: '1' } as unknown as SendMessageRequest),
    );
    expect(error.message).toContain('did you mean "chatId"');
  });

  it('says how many buttons to remove', async () => {
    const { wazzup } = client();
    const buttons = Array.from({ length: 13 }, () => ({ text: 'x', type: 'text' as const }));
    const error = await rejection(
      wazzup.messages.send({ ...WHATSAPP_TEXT, buttonsObject: { buttons } }),
    );
    expect(error.message).toContain('remove 3');
  });

  it('drops null and undefined fields instead of sending them', async () => {
    const { fetch, wazzup } = client();
    const input = { ...WHATSAPP_TEXT, crmUserId: null, refMessageId: undefined };
    await wazzup.messages.send(input as unknown as SendMessageRequest);
    expect(fetch.requests[0]?.body).not.toHaveProperty('crmUserId');
    expect(fetch.requests[0]?.body).not.toHaveProperty('refMessageId');
  });

  it('applies textLimits overrides per chat type', async () => {
    const { fetch, wazzup } = client({ textLimits: { whatsapp: 5, vk: 4096 } });
    const error = await rejection(wazzup.messages.send({ ...WHATSAPP_TEXT, text: 'abcdef' }));
    expect(error.code).toBe('MESSAGE_TEXT_TOO_LONG');
    await wazzup.messages.send({ ...WHATSAPP_TEXT, text: '😀😀😀😀😀' });
    await wazzup.messages.send({
      ...WHATSAPP_TEXT,
      chatType: 'vk',
      chatId: '1',
      text: 'a'.repeat(4096),
    });
    expect(fetch.requests).toHaveLength(2);
  });

  it('passes chat types a client allows beyond the ten without per-type checks', async () => {
    const { fetch, wazzup } = client({ allowChatTypes: ['facebook'] });
    await wazzup.messages.send({ ...WHATSAPP_TEXT, chatType: 'facebook', chatId: '+7 901' });
    await wazzup.messages.send({
      channelId: WHATSAPP_TEXT.channelId,
      chatType: 'facebook',
      username: 'someone',
      text: 'x'.repeat(20_000),
    } as unknown as SendMessageRequest);
    expect(fetch.requests.map((request) => request.body.chatType)).toEqual([
      'facebook',
      'facebook',
    ]);
    const error = await rejection(wazzup.messages.send({ ...WHATSAPP_TEXT, chatType: 'line' }));
    expect(error.code).toBe('CHAT_WRONG_CHAT_TYPE');
  });

  it('refuses unknown keys by default, naming the key meant, and sends them with unknownKeys: "pass"', async () => {
    const typo = { ...WHATSAPP_TEXT, crmMesageId: 'order-1' } as unknown as SendMessageRequest;
    const error = await rejection(client().wazzup.messages.send(typo));
    expect({ code: error.code, field: error.field }).toEqual({
      code: 'INVALID_MESSAGE_DATA',
      field: 'crmMesageId',
    });
    expect(error.message).toContain('did you mean "crmMessageId"');
    const { fetch, wazzup } = client({ unknownKeys: 'pass' });
    const tomorrow = {
      ...WHATSAPP_TEXT,
      chatType: 'telegram',
      futureField: { a: 1 },
      buttonsObject: { buttons: [[{ text: 'Hi', style: 'primary' }]], layoutHint: 'x' },
    } as unknown as SendMessageRequest;
    await wazzup.messages.send(tomorrow);
    const { crmMessageId: _, ...sent } = fetch.requests[0]?.body ?? {};
    expect(sent).toEqual(tomorrow);
  });
});

describe('SendMessageRequestSchema as a plain valibot schema', () => {
  it('accepts a valid body and carries the code in each message', () => {
    expect(v.safeParse(SendMessageRequestSchema, WHATSAPP_TEXT).success).toBe(true);
    const result = v.safeParse(SendMessageRequestSchema, { ...WHATSAPP_TEXT, chatType: undefined });
    expect(result.issues?.[0]?.message).toMatch(/^\[CHAT_MISSING_CHAT_TYPE\] /);
  });

  it('is built per options without touching the default', () => {
    const wide = createSendMessageRequestSchema({ allowChatTypes: ['line'] });
    const lineChat = { ...WHATSAPP_TEXT, chatType: 'line' };
    expect(v.safeParse(wide, lineChat).success).toBe(true);
    expect(v.safeParse(SendMessageRequestSchema, lineChat).success).toBe(false);
  });

  it('implements Standard Schema', () => {
    const result = SendMessageRequestSchema['~standard'].validate({
      ...WHATSAPP_TEXT,
      chatId: '1',
    });
    expect(result).toMatchObject({
      issues: [{ message: expect.stringContaining('CHAT_INCORRECT_CHAT_ID_WHATSAPP') }],
    });
  });
});

describe('parseSendMessageRequest', () => {
  it('returns the cleaned body, or throws what sendMessage would', () => {
    expect(parseSendMessageRequest({ ...WHATSAPP_TEXT, crmUserId: null })).toEqual(WHATSAPP_TEXT);
    expect(() => parseSendMessageRequest({ ...WHATSAPP_TEXT, chatId: '+7' })).toThrow(
      expect.objectContaining({ code: 'CHAT_INCORRECT_CHAT_ID_WHATSAPP', field: 'chatId' }),
    );
  });

  it('takes the schema a client with options uses', () => {
    const schema = createSendMessageRequestSchema({ textLimits: { whatsapp: 2 } });
    expect(() => parseSendMessageRequest({ ...WHATSAPP_TEXT, text: 'abc' }, schema)).toThrow(
      WazzupValidationError,
    );
  });
});
