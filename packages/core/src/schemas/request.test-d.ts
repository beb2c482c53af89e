import type * as v from 'valibot';
import { describe, expectTypeOf, it } from 'vitest';
import type { WazzupClient } from '../client/create-wazzup';
import type { SendMessageRequest, SendMessageRequestSchema } from '../index';

declare const wazzup: WazzupClient;
const channelId = 'e0629e11-0f67-4567-92a9-2237e91ec1b9';

describe('SendMessageRequest types follow the rules', () => {
  it('accepts the documented shapes', () => {
    wazzup.sendMessage({ channelId, chatType: 'whatsapp', chatId: '79011112233', text: 'Hi' });
    wazzup.sendMessage({ channelId, chatType: 'telegram', username: 'durov', text: 'Hi' });
    wazzup.sendMessage({
      channelId,
      chatType: 'telegram',
      phone: '79011112233',
      contentUri: 'https://x.y/a.png',
    });
    wazzup.sendMessage({
      channelId,
      chatType: 'whatsapp',
      chatId: '79011112233',
      templateId: 't',
      templateValues: ['v'],
    });
    wazzup.sendMessage({ channelId, chatType: 'viber', chatId: '1', text: 'Hi' });
  });

  it('rejects text and contentUri together', () => {
    // @ts-expect-error text and contentUri are exclusive
    wazzup.sendMessage({
      channelId,
      chatType: 'whatsapp',
      chatId: '1',
      text: 'Hi',
      contentUri: 'https://x.y/a.png',
    });
  });

  it('rejects username and phone outside Telegram', () => {
    // @ts-expect-error username is for Telegram only
    wazzup.sendMessage({
      channelId,
      chatType: 'whatsapp',
      chatId: '1',
      username: 'durov',
      text: 'Hi',
    });
    // @ts-expect-error phone is for Telegram only
    wazzup.sendMessage({
      channelId,
      chatType: 'instagram',
      chatId: 'x',
      phone: '7901',
      text: 'Hi',
    });
  });

  it('rejects a missing chatId where one is required, and unknown keys', () => {
    // @ts-expect-error whatsapp needs chatId
    wazzup.sendMessage({ channelId, chatType: 'whatsapp', text: 'Hi' });
    // @ts-expect-error a typo is not a field
    wazzup.sendMessage({ channelId, chatType: 'whatsapp', chatid: '1', text: 'Hi' });
    // @ts-expect-error nothing to send
    wazzup.sendMessage({ channelId, chatType: 'whatsapp', chatId: '1' });
  });

  it('infers the request type from the schema', () => {
    expectTypeOf<
      v.InferOutput<typeof SendMessageRequestSchema>
    >().toEqualTypeOf<SendMessageRequest>();
  });

  it('resolves to a discriminated result', async () => {
    const result = await wazzup.sendMessage({
      channelId,
      chatType: 'whatsapp',
      chatId: '1',
      text: 'Hi',
    });
    if (result.status === 'sent') expectTypeOf(result.messageId).toBeString();
    else expectTypeOf(result).toEqualTypeOf<{ status: 'duplicate'; crmMessageId: string }>();
  });
});
