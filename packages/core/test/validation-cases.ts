import { CHANNEL_ID } from './fixtures';

/** A body that must be refused, with the code and field the server would answer. */
export interface InvalidCase {
  name: string;
  input: unknown;
  code: string;
  field: string;
}

const base = { channelId: CHANNEL_ID, chatType: 'whatsapp', chatId: '79011112233', text: 'Hi' };
const without = (key: keyof typeof base) => {
  const { [key]: _, ...rest } = base;
  return rest;
};
const button = (text: string) => ({ text, type: 'text' });

/** One case per validation rule. */
export const INVALID_CASES: InvalidCase[] = [
  { name: 'body is not an object', input: 'hello', code: 'INVALID_MESSAGE_DATA', field: '' },
  { name: 'body is an array', input: [base], code: 'INVALID_MESSAGE_DATA', field: '' },
  {
    name: 'unknown key (typo)',
    input: { ...without('chatId'), chatid: '79011112233' },
    code: 'INVALID_MESSAGE_DATA',
    field: 'chatid',
  },
  {
    name: 'button url not http(s)',
    input: {
      ...base,
      chatType: 'telegram',
      buttonsObject: { buttons: [[{ text: 'Open', url: 'ftp://example.com' }]] },
    },
    code: 'INVALID_MESSAGE_DATA',
    field: 'buttonsObject.buttons.0.0.url',
  },
  {
    name: 'removeKeyboard not a boolean',
    input: { ...base, chatType: 'telegram', buttonsObject: { removeKeyboard: 'yes' } },
    code: 'INVALID_MESSAGE_DATA',
    field: 'buttonsObject.removeKeyboard',
  },
  {
    name: 'rows of buttons on WhatsApp (WABA takes a flat list)',
    input: { ...base, buttonsObject: { buttons: [[button('Yes')]] } },
    code: 'INVALID_MESSAGE_DATA',
    field: 'buttonsObject.buttons.0',
  },
  {
    name: 'a flat list on Telegram (a keyboard is rows)',
    input: { ...base, chatType: 'telegram', buttonsObject: { buttons: [{ text: 'Yes' }] } },
    code: 'INVALID_MESSAGE_DATA',
    field: 'buttonsObject.buttons.0',
  },
  {
    name: 'MAX buttons on Telegram',
    input: {
      ...base,
      chatType: 'telegram',
      buttonsObject: { buttons: [[{ type: 'callback', text: 'Yes', payload: 'y' }]] },
    },
    code: 'INVALID_MESSAGE_DATA',
    field: 'buttonsObject.buttons.0.0.type',
  },
  {
    name: 'buttonsObject.chatType "max" on Telegram',
    input: { ...base, chatType: 'telegram', buttonsObject: { chatType: 'max', buttons: [] } },
    code: 'INVALID_MESSAGE_DATA',
    field: 'buttonsObject.chatType',
  },
  {
    name: 'Telegram keyboard options on WhatsApp',
    input: { ...base, buttonsObject: { buttons: [button('Yes')], replyMarkup: 'inline' } },
    code: 'INVALID_MESSAGE_DATA',
    field: 'buttonsObject.replyMarkup',
  },
  {
    name: 'Telegram button text over 64',
    input: {
      ...base,
      chatType: 'telegram',
      buttonsObject: { buttons: [[{ text: 'x'.repeat(65) }]] },
    },
    code: 'INVALID_MESSAGE_DATA',
    field: 'buttonsObject.buttons.0.0.text',
  },
  {
    name: 'MAX button without a type',
    input: {
      ...base,
      chatType: 'max',
      chatId: 'm1',
      buttonsObject: { buttons: [[{ text: 'Yes' }]] },
    },
    code: 'INVALID_MESSAGE_DATA',
    field: 'buttonsObject.buttons.0.0.type',
  },
  {
    name: 'MAX button intent unknown',
    input: {
      ...base,
      chatType: 'max',
      chatId: 'm1',
      buttonsObject: { buttons: [[{ type: 'message', text: 'Yes', intent: 'loud' }]] },
    },
    code: 'INVALID_MESSAGE_DATA',
    field: 'buttonsObject.buttons.0.0.intent',
  },
  {
    name: 'MAX buttonsObject.chatType not "max"',
    input: {
      ...base,
      chatType: 'max',
      chatId: 'm1',
      buttonsObject: { chatType: 'telegram', buttons: [] },
    },
    code: 'INVALID_MESSAGE_DATA',
    field: 'buttonsObject.chatType',
  },
  {
    name: 'buttons on a chat type that takes none (Instagram)',
    input: {
      ...base,
      chatType: 'instagram',
      chatId: 'someone',
      buttonsObject: { buttons: [button('Yes')] },
    },
    code: 'MESSAGES_CONTAIN_BUTTONS',
    field: 'buttonsObject.buttons',
  },
  // A blank id would make every later blank-id message a "duplicate" that is never sent.
  {
    name: 'crmMessageId empty',
    input: { ...base, crmMessageId: '' },
    code: 'INVALID_MESSAGE_DATA',
    field: 'crmMessageId',
  },
  {
    name: 'crmMessageId blank',
    input: { ...base, crmMessageId: ' \t ' },
    code: 'INVALID_MESSAGE_DATA',
    field: 'crmMessageId',
  },
  {
    name: 'channelId missing',
    input: without('channelId'),
    code: 'INVALID_MESSAGE_DATA',
    field: 'channelId',
  },
  {
    name: 'channelId not a UUID',
    input: { ...base, channelId: 'channel-1' },
    code: 'INVALID_MESSAGE_DATA',
    field: 'channelId',
  },
  {
    name: 'chatType missing',
    input: without('chatType'),
    code: 'CHAT_MISSING_CHAT_TYPE',
    field: 'chatType',
  },
  {
    name: 'chatType unknown',
    input: { ...base, chatType: 'facebook' },
    code: 'CHAT_WRONG_CHAT_TYPE',
    field: 'chatType',
  },
  {
    name: 'viber chatId not digits',
    input: { ...base, chatType: 'viber', chatId: '+7 901 111-22-33' },
    code: 'INVALID_MESSAGE_DATA',
    field: 'chatId',
  },
  {
    name: 'username on max (MAX is reached by phone only)',
    input: { ...without('chatId'), chatType: 'max', phone: '79011112233', username: 'durov' },
    code: 'INVALID_MESSAGE_DATA',
    field: 'username',
  },
  {
    name: 'telegroup without chatId (only a one-to-one chat is reached by username)',
    input: { ...without('chatId'), chatType: 'telegroup', username: 'group' },
    code: 'CHAT_MISSING_CHAT_ID',
    field: 'chatId',
  },
  {
    name: 'chatType in capitals',
    input: { ...base, chatType: 'WHATSAPP' },
    code: 'CHAT_WRONG_CHAT_TYPE',
    field: 'chatType',
  },
  {
    name: 'chatId missing',
    input: without('chatId'),
    code: 'CHAT_MISSING_CHAT_ID',
    field: 'chatId',
  },
  {
    name: 'chatId blank',
    input: { ...base, chatId: '  ' },
    code: 'CHAT_MISSING_CHAT_ID',
    field: 'chatId',
  },
  {
    name: 'telegram without chatId, username or phone',
    input: { ...without('chatId'), chatType: 'telegram' },
    code: 'CHAT_MISSING_CHAT_ID',
    field: 'chatId',
  },
  {
    name: 'whatsapp chatId with +',
    input: { ...base, chatId: '+79011112233' },
    code: 'CHAT_INCORRECT_CHAT_ID_WHATSAPP',
    field: 'chatId',
  },
  {
    name: 'whatsapp chatId of 8 digits',
    input: { ...base, chatId: '12345678' },
    code: 'CHAT_INCORRECT_CHAT_ID_WHATSAPP',
    field: 'chatId',
  },
  {
    name: 'whatsapp chatId of 17 digits',
    input: { ...base, chatId: '12345678901234567' },
    code: 'CHAT_INCORRECT_CHAT_ID_WHATSAPP',
    field: 'chatId',
  },
  {
    name: 'instagram chatId with @',
    input: { ...base, chatType: 'instagram', chatId: '@someone' },
    code: 'INVALID_MESSAGE_DATA',
    field: 'chatId',
  },
  {
    name: 'chatId not a string',
    input: { ...base, chatId: 79011112233 },
    code: 'INVALID_MESSAGE_DATA',
    field: 'chatId',
  },
  {
    name: 'username on whatsapp',
    input: { ...base, username: 'durov' },
    code: 'INVALID_MESSAGE_DATA',
    field: 'username',
  },
  {
    name: 'phone on instagram',
    input: { ...base, chatType: 'instagram', chatId: 'someone', phone: '79011112233' },
    code: 'INVALID_MESSAGE_DATA',
    field: 'phone',
  },
  {
    name: 'phone with +',
    input: { ...without('chatId'), chatType: 'telegram', phone: '+79011112233' },
    code: 'INVALID_MESSAGE_DATA',
    field: 'phone',
  },
  {
    name: 'username with @',
    input: { ...without('chatId'), chatType: 'telegram', username: '@durov' },
    code: 'INVALID_MESSAGE_DATA',
    field: 'username',
  },
  {
    name: 'text and contentUri',
    input: { ...base, contentUri: 'https://example.com/a.png' },
    code: 'MESSAGE_ONLY_TEXT_OR_CONTENT',
    field: 'contentUri',
  },
  {
    name: 'nothing to send',
    input: without('text'),
    code: 'MESSAGE_NOTHING_TO_SEND',
    field: 'text',
  },
  {
    name: 'blank text',
    input: { ...base, text: ' \n ' },
    code: 'MESSAGE_TEXT_CAN_NOT_BE_BLANK',
    field: 'text',
  },
  {
    name: 'empty text',
    input: { ...base, text: '' },
    code: 'MESSAGE_TEXT_CAN_NOT_BE_BLANK',
    field: 'text',
  },
  {
    name: 'text not a string',
    input: { ...base, text: 42 },
    code: 'INVALID_MESSAGE_DATA',
    field: 'text',
  },
  {
    name: 'blank contentUri',
    input: { ...without('text'), contentUri: '' },
    code: 'MESSAGE_CONTENT_CAN_NOT_BE_BLANK',
    field: 'contentUri',
  },
  {
    name: 'contentUri not a URL',
    input: { ...without('text'), contentUri: 'picture.png' },
    code: 'INVALID_MESSAGE_DATA',
    field: 'contentUri',
  },
  {
    name: 'contentUri not http(s)',
    input: { ...without('text'), contentUri: 'ftp://example.com/a.png' },
    code: 'INVALID_MESSAGE_DATA',
    field: 'contentUri',
  },
  {
    name: 'whatsapp text over 10 000',
    input: { ...base, text: 'a'.repeat(10_001) },
    code: 'MESSAGE_TEXT_TOO_LONG',
    field: 'text',
  },
  {
    name: 'instagram text over 1 000',
    input: { ...base, chatType: 'instagram', chatId: 'someone', text: 'a'.repeat(1001) },
    code: 'MESSAGES_TOO_LONG_INSTAGRAM',
    field: 'text',
  },
  {
    name: 'telegram text over 4 096 code points',
    input: { ...base, chatType: 'telegram', text: '😀'.repeat(4097) },
    code: 'MESSAGES_TOO_LONG_TELEGRAM',
    field: 'text',
  },
  {
    name: 'vk text over 1 000',
    input: { ...base, chatType: 'vk', chatId: '123', text: 'a'.repeat(1001) },
    code: 'MESSAGES_TOO_LONG_VK',
    field: 'text',
  },
  {
    name: 'avito text over 1 000',
    input: { ...base, chatType: 'avito', chatId: 'u1', text: 'a'.repeat(1001) },
    code: 'MESSAGES_TOO_LONG_AVITO',
    field: 'text',
  },
  {
    name: 'viber text over 6 999',
    input: { ...base, chatType: 'viber', text: 'a'.repeat(7000) },
    code: 'MESSAGES_TOO_LONG_VIBER',
    field: 'text',
  },
  {
    name: 'max text over 4 096',
    input: { ...base, chatType: 'max', chatId: 'm1', text: 'a'.repeat(4097) },
    code: 'MESSAGE_TEXT_TOO_LONG',
    field: 'text',
  },
  {
    name: 'WABA interactive text over 1 024',
    input: { ...base, text: 'a'.repeat(1025), buttonsObject: { buttons: [button('Yes')] } },
    code: 'MESSAGES_TOO_LONG_WABA',
    field: 'text',
  },
  {
    name: 'WABA template text over 550',
    input: { ...base, text: 'a'.repeat(551), templateId: 't-1' },
    code: 'MESSAGES_TOO_LONG_WABA_TEMPLATE',
    field: 'text',
  },
  {
    name: 'more than 10 buttons',
    input: {
      ...base,
      buttonsObject: { buttons: Array.from({ length: 11 }, (_, i) => button(`B${i}`)) },
    },
    code: 'INVALID_MESSAGE_DATA',
    field: 'buttonsObject.buttons',
  },
  {
    name: 'button text over 20',
    input: { ...base, buttonsObject: { buttons: [button('x'.repeat(21))] } },
    code: 'INVALID_MESSAGE_DATA',
    field: 'buttonsObject.buttons.0.text',
  },
  {
    name: 'button type not text',
    input: { ...base, buttonsObject: { buttons: [button('Yes'), { text: 'Site', type: 'url' }] } },
    code: 'INVALID_MESSAGE_DATA',
    field: 'buttonsObject.buttons.1.type',
  },
  {
    name: 'unknown key in a button',
    input: { ...base, buttonsObject: { buttons: [{ label: 'Yes' }] } },
    code: 'INVALID_MESSAGE_DATA',
    field: 'buttonsObject.buttons.0.label',
  },
  {
    name: 'buttons not an array',
    input: { ...base, buttonsObject: { buttons: 'Yes' } },
    code: 'INVALID_MESSAGE_DATA',
    field: 'buttonsObject.buttons',
  },
  {
    name: 'templateValues not an array',
    input: { ...base, templateValues: 'x' },
    code: 'INVALID_MESSAGE_DATA',
    field: 'templateValues',
  },
  {
    name: 'templateValues with a number',
    input: { ...base, templateValues: ['a', 1] },
    code: 'INVALID_MESSAGE_DATA',
    field: 'templateValues.1',
  },
  {
    name: 'clearUnanswered not a boolean',
    input: { ...base, clearUnanswered: 'false' },
    code: 'INVALID_MESSAGE_DATA',
    field: 'clearUnanswered',
  },
  {
    name: 'unknown key wins over a missing field',
    input: { channelId: CHANNEL_ID, chattype: 'whatsapp' },
    code: 'INVALID_MESSAGE_DATA',
    field: 'chattype',
  },
];

/** Bodies the page allows. */
export const VALID_CASES: { name: string; input: Record<string, unknown> }[] = [
  { name: 'whatsapp text', input: base },
  { name: 'whatsapp text of exactly 10 000', input: { ...base, text: 'a'.repeat(10_000) } },
  {
    name: 'whatsgroup chat',
    input: { ...base, chatType: 'whatsgroup', chatId: '79011112233-1612345678@g.us' },
  },
  { name: 'instagram account', input: { ...base, chatType: 'instagram', chatId: 'someone' } },
  {
    name: 'telegram by username',
    input: { ...without('chatId'), chatType: 'telegram', username: 'durov' },
  },
  {
    name: 'telegram by phone',
    input: { ...without('chatId'), chatType: 'telegram', phone: '79011112233' },
  },
  {
    name: 'telegram 4 096 emoji',
    input: { ...base, chatType: 'telegram', text: '😀'.repeat(4096) },
  },
  { name: 'file by URL', input: { ...without('text'), contentUri: 'https://example.com/a.png' } },
  {
    name: 'template with payload buttons',
    input: {
      ...without('text'),
      templateId: '6201005a-9a6f-486f-bdd5-e6cb86c76ddb',
      templateValues: ['value'],
      buttonsObject: { buttons: [{ payload: 'p1' }, { payload: 'p2' }, { payload: 'p3' }] },
    },
  },
  {
    name: 'interactive message with 10 buttons',
    input: {
      ...base,
      buttonsObject: { buttons: Array.from({ length: 10 }, (_, i) => button(`Option ${i}`)) },
    },
  },
  {
    name: 'a Telegram inline keyboard: rows of link and callback buttons of 64 characters',
    input: {
      ...base,
      chatType: 'telegram',
      buttonsObject: {
        replyMarkup: 'inline',
        buttons: [
          [{ text: 'Open', url: 'https://example.com/order/7' }],
          [
            { text: 'Yes', callbackData: 'answer:yes' },
            { text: 'x'.repeat(64), callbackData: 'answer:no' },
          ],
        ],
      },
    },
  },
  {
    name: 'a Telegram reply keyboard, shown once',
    input: {
      ...base,
      chatType: 'telegram',
      buttonsObject: {
        replyMarkup: 'reply',
        oneTimeKeyboard: true,
        buttons: [[{ text: 'Yes' }, { text: 'No' }]],
      },
    },
  },
  {
    name: 'a Telegram keyboard taken away',
    input: {
      ...base,
      chatType: 'telegram',
      buttonsObject: { replyMarkup: 'reply', removeKeyboard: true },
    },
  },
  {
    name: 'a Telegram group keyboard',
    input: {
      ...base,
      chatType: 'telegroup',
      chatId: '-100123',
      buttonsObject: { buttons: [[{ text: 'Vote', callbackData: 'v' }]] },
    },
  },
  {
    name: 'MAX bot buttons: callback, link and message, with intents',
    input: {
      ...base,
      chatType: 'max',
      chatId: 'max-chat-1',
      buttonsObject: {
        chatType: 'max',
        buttons: [
          [
            { type: 'callback', text: 'Yes', payload: 'yes', intent: 'positive' },
            { type: 'callback', text: 'No', payload: 'no', intent: 'negative' },
          ],
          [
            { type: 'link', text: 'Site', url: 'https://example.com' },
            { type: 'message', text: 'Call me', intent: 'default' },
          ],
        ],
      },
    },
  },
  {
    name: 'MAX by phone',
    input: { ...without('chatId'), chatType: 'max', phone: '79011112233' },
  },
  { name: 'viber number', input: { ...base, chatType: 'viber' } },
  { name: 'vk chat', input: { ...base, chatType: 'vk', chatId: '12345' } },
  { name: 'avito chat', input: { ...base, chatType: 'avito', chatId: 'u2i-abc' } },
  { name: 'maxgroup chat', input: { ...base, chatType: 'maxgroup', chatId: 'g-1' } },
  {
    name: 'vk text of 1 000',
    input: { ...base, chatType: 'vk', chatId: '1', text: 'a'.repeat(1000) },
  },
  {
    name: 'every optional field',
    input: {
      ...base,
      refMessageId: '61e5a375-1760-452f-ad73-5318844ffc4f',
      crmUserId: 'user-1',
      crmMessageId: 'crm-1',
      clearUnanswered: false,
    },
  },
];
