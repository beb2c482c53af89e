import { CHAT_RULES, WABA_RULE } from '@wazzup-sdk/core/schemas';
import { CHATS, WABA } from '@wazzup-sdk/mock';
import { describe, expect, it } from 'vitest';

// Core's table of chat-type facts and the fake API's, written apart from the same pages, hold the
// same facts: the differential suites then compare how each applies them.

const LAYOUT = { list: 'waba', rows: 'telegram', max: 'max', none: 'none' } as const;
const FORMAT = { phone: 'digits', account: 'no-at', issued: 'any' } as const;

describe('core and the fake API know the same facts of each chat type', () => {
  it('the same ten chat types', () => {
    expect(Object.keys(CHAT_RULES).sort()).toEqual(Object.keys(CHATS).sort());
  });

  it.each(Object.entries(CHAT_RULES))('%s', (chatType, rule) => {
    const facts = CHATS[chatType];
    expect({
      transports: facts?.transports,
      chatId: facts?.chatId,
      digits: facts?.digits,
      alternatives: facts?.alternatives,
      maxText: facts?.maxText,
      tooLong: facts?.tooLong,
      buttons: facts?.buttons,
      maxButtonText: facts?.maxButtonText,
    }).toEqual({
      transports: rule.transports,
      chatId: FORMAT[rule.chatId],
      digits: rule.chatIdLength,
      alternatives: rule.reachBy,
      maxText: rule.textLimit,
      tooLong: rule.tooLong,
      buttons: LAYOUT[rule.buttons],
      maxButtonText: rule.buttonText,
    });
  });

  it('WABA', () => {
    expect(WABA).toEqual({
      maxText: WABA_RULE.textLimit,
      tooLong: WABA_RULE.tooLong,
      maxTemplateText: WABA_RULE.templateTextLimit,
      templateTooLong: WABA_RULE.templateTooLong,
      maxButtons: WABA_RULE.maxButtons,
    });
  });
});
