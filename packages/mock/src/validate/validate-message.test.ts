import { describe, expect, it } from 'vitest';
import { PAGE_CHAT_TYPES, PAGE_TEXT_LIMITS, SERVICE_CHAT_TYPES } from './rules';
import { validateMessage } from './validate-message';

const page = { chatTypes: PAGE_CHAT_TYPES, textLimits: PAGE_TEXT_LIMITS };
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

  it('reports unknown keys before missing ones', () => {
    expect(
      validateMessage({ channelId: base.channelId, chattype: 'whatsapp' }, page),
    ).toMatchObject({
      code: 'VALIDATION_ERROR',
      field: 'chattype',
    });
  });

  it('accepts the service’s extra chat types when told to', () => {
    expect(check({ chatType: 'viber' })).toMatchObject({ code: 'CHAT_WRONG_CHAT_TYPE' });
    expect(
      check({ chatType: 'viber', chatId: 'anything' }, { ...page, chatTypes: SERVICE_CHAT_TYPES }),
    ).toBeUndefined();
  });

  it('counts text in code points', () => {
    expect(check({ chatType: 'telegram', text: '😀'.repeat(4096) })).toBeUndefined();
    expect(check({ chatType: 'telegram', text: '😀'.repeat(4097) })).toMatchObject({
      code: 'MESSAGE_TEXT_TOO_LONG',
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
