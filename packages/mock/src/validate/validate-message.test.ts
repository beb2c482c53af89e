import { describe, expect, it } from 'vitest';
import { SERVICE_CHAT_TYPES, type ValidationRules } from './rules';
import { validateMessage } from './validate-message';

const page: ValidationRules = { chatTypes: SERVICE_CHAT_TYPES, textLimits: {} };
const base = {
  channelId: 'e0629e11-0f67-4567-92a9-2237e91ec1b9',
  chatType: 'whatsapp',
  chatId: '79011112233',
  text: 'Hi',
};
const check = (patch: Record<string, unknown>, rules = page) =>
  validateMessage({ ...base, ...patch }, rules);

describe('validateMessage', () => {
  it('accepts the page’s examples', () => {
    expect(check({})).toBeUndefined();
    expect(
      check({
        text: undefined,
        templateId: '6201005a-9a6f-486f-bdd5-e6cb86c76ddb',
        templateValues: ['value'],
        buttonsObject: { buttons: [{ payload: 'button_payload 1' }] },
      }),
    ).toBeUndefined();
    expect(
      check({
        buttonsObject: {
          buttons: [
            { text: 'Yes', type: 'text' },
            { text: 'No', type: 'text' },
          ],
        },
      }),
    ).toBeUndefined();
  });

  it('treats null fields as absent', () => {
    expect(check({ crmUserId: null, refMessageId: null })).toBeUndefined();
    expect(check({ chatType: null })).toMatchObject({ code: 'CHAT_MISSING_CHAT_TYPE' });
  });

  it('passes unknown keys by default, and refuses them first when told to', () => {
    expect(check({ futureField: 1 })).toBeUndefined();
    const refuse = { ...page, unknownKeys: 'refuse' as const };
    expect(
      validateMessage({ channelId: base.channelId, chattype: 'whatsapp' }, refuse),
    ).toMatchObject({ code: 'INVALID_MESSAGE_DATA', field: 'chattype' });
  });

  it('takes all ten chat types, each named by its own rule', () => {
    for (const chatType of ['whatsgroup', 'telegroup', 'vk', 'avito', 'max', 'maxgroup']) {
      expect(check({ chatType, chatId: 'anything' })).toBeUndefined();
    }
    expect(check({ chatType: 'viber' })).toBeUndefined();
    expect(check({ chatType: 'viber', chatId: '+7901' })).toMatchObject({
      code: 'INVALID_MESSAGE_DATA',
      field: 'chatId',
    });
    expect(check({ chatType: 'max', chatId: undefined, phone: '79011112233' })).toBeUndefined();
    expect(check({ chatType: 'facebook' })).toMatchObject({ code: 'CHAT_WRONG_CHAT_TYPE' });
  });

  it('counts text in code points, against each chat type’s limit and code', () => {
    expect(check({ chatType: 'telegram', text: '😀'.repeat(4096) })).toBeUndefined();
    expect(check({ chatType: 'telegram', text: '😀'.repeat(4097) })).toMatchObject({
      code: 'MESSAGES_TOO_LONG_TELEGRAM',
    });
    expect(check({ chatType: 'vk', text: 'a'.repeat(1001) })).toMatchObject({
      code: 'MESSAGES_TOO_LONG_VK',
    });
  });

  it('takes each chat type’s button layout and refuses the others', () => {
    const rows = { buttons: [[{ text: 'Yes', callbackData: 'y' }]] };
    expect(check({ chatType: 'telegram', buttonsObject: rows })).toBeUndefined();
    expect(check({ buttonsObject: rows })).toMatchObject({ field: 'buttonsObject.buttons.0' });
    const max = { chatType: 'max', buttons: [[{ type: 'link', text: 'Go', url: 'https://x.y' }]] };
    expect(check({ chatType: 'max', buttonsObject: max })).toBeUndefined();
    expect(check({ chatType: 'vk', buttonsObject: { buttons: [{ text: 'x' }] } })).toMatchObject({
      code: 'MESSAGES_CONTAIN_BUTTONS',
    });
  });

  it('checks buttons: count first, then each button', () => {
    const buttons = Array.from({ length: 11 }, () => ({ text: 'x'.repeat(30) }));
    expect(check({ buttonsObject: { buttons } })).toMatchObject({ field: 'buttonsObject.buttons' });
    expect(
      check({ buttonsObject: { buttons: [{ text: 'ok' }, { text: 'x'.repeat(21) }] } }),
    ).toMatchObject({
      field: 'buttonsObject.buttons.1.text',
    });
  });
});
