import type * as v from 'valibot';
import { describe, expectTypeOf, it } from 'vitest';
import type { SendMessageRequestSchema } from '../all-schemas';
import type { Wazzup } from '../client';
import type { SendMessageRequest } from '../index';
import type { WebhookMessage } from '../webhooks/index';

declare const wazzup: Wazzup;
const channelId = 'e0629e11-0f67-4567-92a9-2237e91ec1b9';

describe('SendMessageRequest types follow the rules', () => {
  it('accepts the documented shapes', () => {
    wazzup.messages.send({ channelId, chatType: 'whatsapp', chatId: '79011112233', text: 'Hi' });
    wazzup.messages.send({ channelId, chatType: 'telegram', username: 'durov', text: 'Hi' });
    wazzup.messages.send({
      channelId,
      chatType: 'telegram',
      phone: '79011112233',
      contentUri: 'https://x.y/a.png',
    });
    wazzup.messages.send({
      channelId,
      chatType: 'whatsapp',
      chatId: '79011112233',
      templateId: 't',
      templateValues: ['v'],
    });
    wazzup.messages.send({ channelId, chatType: 'viber', chatId: '1', text: 'Hi' });
  });

  it("types each chat type's buttons: a WABA list, Telegram and MAX rows", () => {
    wazzup.messages.send({
      channelId,
      chatType: 'whatsapp',
      chatId: '79011112233',
      text: 'Hi',
      buttonsObject: { buttons: [{ text: 'Yes', type: 'text' }, { text: 'No' }] },
    });
    wazzup.messages.send({
      channelId,
      chatType: 'telegram',
      username: 'durov',
      text: 'Hi',
      buttonsObject: {
        replyMarkup: 'inline',
        buttons: [[{ text: 'Open', url: 'https://x.y' }], [{ text: 'Yes', callbackData: 'y' }]],
      },
    });
    wazzup.messages.send({
      channelId,
      chatType: 'max',
      phone: '79011112233',
      text: 'Hi',
      buttonsObject: {
        chatType: 'max',
        buttons: [[{ type: 'callback', text: 'Yes', payload: 'y', intent: 'positive' }]],
      },
    });
    // @ts-expect-error a WABA list is flat, not rows
    wazzup.messages.send({
      channelId,
      chatType: 'whatsapp',
      chatId: '1',
      text: 'Hi',
      buttonsObject: { buttons: [[{ text: 'Yes' }]] },
    });
    wazzup.messages.send({
      channelId,
      chatType: 'telegram',
      chatId: '1',
      text: 'Hi',
      // @ts-expect-error a Telegram keyboard is rows
      buttonsObject: { buttons: [{ text: 'Yes' }] },
    });
    // @ts-expect-error VK takes no buttons
    wazzup.messages.send({
      channelId,
      chatType: 'vk',
      chatId: '1',
      text: 'Hi',
      buttonsObject: { buttons: [{ text: 'Yes' }] },
    });
  });

  it("takes an incoming message's chat as it comes, without a cast", () => {
    const message = {} as WebhookMessage;
    wazzup.messages.send({
      channelId: message.channelId,
      chatType: message.chatType,
      chatId: message.chatId,
      text: 'Thanks',
    });
  });

  it('rejects text and contentUri together', () => {
    // @ts-expect-error text and contentUri are exclusive
    wazzup.messages.send({
      channelId,
      chatType: 'whatsapp',
      chatId: '1',
      text: 'Hi',
      contentUri: 'https://x.y/a.png',
    });
  });

  it('rejects username and phone outside Telegram', () => {
    // @ts-expect-error username is for Telegram only
    wazzup.messages.send({
      channelId,
      chatType: 'whatsapp',
      chatId: '1',
      username: 'durov',
      text: 'Hi',
    });
    // @ts-expect-error phone is for Telegram and MAX only
    wazzup.messages.send({
      channelId,
      chatType: 'instagram',
      chatId: 'x',
      phone: '7901',
      text: 'Hi',
    });
    // @ts-expect-error MAX is not reached by username
    wazzup.messages.send({ channelId, chatType: 'max', username: 'x', text: 'Hi' });
  });

  it('rejects a missing chatId where one is required, and unknown keys', () => {
    // @ts-expect-error whatsapp needs chatId
    wazzup.messages.send({ channelId, chatType: 'whatsapp', text: 'Hi' });
    // @ts-expect-error a typo is not a field
    wazzup.messages.send({ channelId, chatType: 'whatsapp', chatid: '1', text: 'Hi' });
    // @ts-expect-error nothing to send
    wazzup.messages.send({ channelId, chatType: 'whatsapp', chatId: '1' });
  });

  it('infers the request type from the schema', () => {
    expectTypeOf<
      v.InferOutput<typeof SendMessageRequestSchema>
    >().toEqualTypeOf<SendMessageRequest>();
  });

  it('resolves to a discriminated result', async () => {
    const result = await wazzup.messages.send({
      channelId,
      chatType: 'whatsapp',
      chatId: '1',
      text: 'Hi',
    });
    if (result.status === 'sent') expectTypeOf(result.messageId).toBeString();
    else expectTypeOf(result).toEqualTypeOf<{ status: 'duplicate'; crmMessageId: string }>();
  });
});
