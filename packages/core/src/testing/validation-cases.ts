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
  { name: 'body is not an object', input: 'hello', code: 'VALIDATION_ERROR', field: '' },
  { name: 'body is an array', input: [base], code: 'VALIDATION_ERROR', field: '' },
  {
    name: 'unknown key (typo)',
    input: { ...without('chatId'), chatid: '79011112233' },
    code: 'VALIDATION_ERROR',
    field: 'chatid',
  },
  {
    name: 'button url not http(s)',
    input: { ...base, buttonsObject: { buttons: [{ text: 'Open', url: 'ftp://example.com' }] } },
    code: 'VALIDATION_ERROR',
    field: 'buttonsObject.buttons.0.url',
  },
  {
    name: 'removeKeyboard not a boolean',
    input: { ...base, buttonsObject: { removeKeyboard: 'yes' } },
    code: 'VALIDATION_ERROR',
    field: 'buttonsObject.removeKeyboard',
  },
  // A blank id would make every later blank-id message a "duplicate" that is never sent.
  {
    name: 'crmMessageId empty',
    input: { ...base, crmMessageId: '' },
    code: 'VALIDATION_ERROR',
    field: 'crmMessageId',
  },
  {
    name: 'crmMessageId blank',
    input: { ...base, crmMessageId: ' \t ' },
    code: 'VALIDATION_ERROR',
    field: 'crmMessageId',
  },
  {
    name: 'channelId missing',
    input: without('channelId'),
    code: 'VALIDATION_ERROR',
    field: 'channelId',
  },
  {
    name: 'channelId not a UUID',
    input: { ...base, channelId: 'channel-1' },
    code: 'VALIDATION_ERROR',
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
    name: 'chatType not enabled (viber)',
    input: { ...base, chatType: 'viber' },
    code: 'CHAT_WRONG_CHAT_TYPE',
    field: 'chatType',
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
    code: 'VALIDATION_ERROR',
    field: 'chatId',
  },
  {
    name: 'chatId not a string',
    input: { ...base, chatId: 79011112233 },
    code: 'VALIDATION_ERROR',
    field: 'chatId',
  },
  {
    name: 'username on whatsapp',
    input: { ...base, username: 'durov' },
    code: 'VALIDATION_ERROR',
    field: 'username',
  },
  {
    name: 'phone on instagram',
    input: { ...base, chatType: 'instagram', chatId: 'someone', phone: '79011112233' },
    code: 'VALIDATION_ERROR',
    field: 'phone',
  },
  {
    name: 'phone with +',
    input: { ...without('chatId'), chatType: 'telegram', phone: '+79011112233' },
    code: 'VALIDATION_ERROR',
    field: 'phone',
  },
  {
    name: 'username with @',
    input: { ...without('chatId'), chatType: 'telegram', username: '@durov' },
    code: 'VALIDATION_ERROR',
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
    code: 'VALIDATION_ERROR',
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
    code: 'VALIDATION_ERROR',
    field: 'contentUri',
  },
  {
    name: 'contentUri not http(s)',
    input: { ...without('text'), contentUri: 'ftp://example.com/a.png' },
    code: 'VALIDATION_ERROR',
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
    code: 'MESSAGE_TEXT_TOO_LONG',
    field: 'text',
  },
  {
    name: 'telegram text over 4 096 code points',
    input: { ...base, chatType: 'telegram', text: '😀'.repeat(4097) },
    code: 'MESSAGE_TEXT_TOO_LONG',
    field: 'text',
  },
  {
    name: 'more than 10 buttons',
    input: {
      ...base,
      buttonsObject: { buttons: Array.from({ length: 11 }, (_, i) => button(`B${i}`)) },
    },
    code: 'VALIDATION_ERROR',
    field: 'buttonsObject.buttons',
  },
  {
    name: 'button text over 20',
    input: { ...base, buttonsObject: { buttons: [button('x'.repeat(21))] } },
    code: 'VALIDATION_ERROR',
    field: 'buttonsObject.buttons.0.text',
  },
  {
    name: 'button type not text',
    input: { ...base, buttonsObject: { buttons: [button('Yes'), { text: 'Site', type: 'url' }] } },
    code: 'VALIDATION_ERROR',
    field: 'buttonsObject.buttons.1.type',
  },
  {
    name: 'unknown key in a button',
    input: { ...base, buttonsObject: { buttons: [{ label: 'Yes' }] } },
    code: 'VALIDATION_ERROR',
    field: 'buttonsObject.buttons.0.label',
  },
  {
    name: 'buttons not an array',
    input: { ...base, buttonsObject: { buttons: 'Yes' } },
    code: 'VALIDATION_ERROR',
    field: 'buttonsObject.buttons',
  },
  {
    name: 'templateValues not an array',
    input: { ...base, templateValues: 'x' },
    code: 'VALIDATION_ERROR',
    field: 'templateValues',
  },
  {
    name: 'templateValues with a number',
    input: { ...base, templateValues: ['a', 1] },
    code: 'VALIDATION_ERROR',
    field: 'templateValues.1',
  },
  {
    name: 'clearUnanswered not a boolean',
    input: { ...base, clearUnanswered: 'false' },
    code: 'VALIDATION_ERROR',
    field: 'clearUnanswered',
  },
  {
    name: 'unknown key wins over a missing field',
    input: { channelId: CHANNEL_ID, chattype: 'whatsapp' },
    code: 'VALIDATION_ERROR',
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
    name: 'link and callback buttons with keyboard options (newer send pages)',
    input: {
      ...base,
      buttonsObject: {
        buttons: [
          { text: 'Open', url: 'https://example.com/order/7' },
          { text: 'Yes', callbackData: 'answer:yes' },
        ],
        replyMarkup: 'inline',
        removeKeyboard: false,
        oneTimeKeyboard: true,
      },
    },
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
