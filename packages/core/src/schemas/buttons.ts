import {
  type ButtonLayout,
  chatRule,
  MAX_BUTTON_INTENTS,
  MAX_BUTTON_TYPES,
  WABA_RULE,
} from './chat-types';
import { isPlainObject, type UnknownKeys, unknownKeyText } from './exact-object';
import { isLongerThan } from './limits';
import { type Flat, INVALID, isHttpUrl, type Path, type Report } from './request-rules';

// The buttons rule: each chat type's layout (chat-types.ts), checked after who the chat is and
// what is sent. The field checks have already made sure `buttonsObject` is an object whose known
// fields have their types, and that `buttons` is an array.

/** The fields of `buttonsObject` each layout takes; where there is none, any layout's. */
export const OBJECT_KEYS: Readonly<Record<ButtonLayout, readonly string[]>> = {
  list: ['buttons', 'id', 'payload'],
  rows: ['buttons', 'replyMarkup', 'removeKeyboard', 'oneTimeKeyboard'],
  max: ['buttons', 'chatType'],
  none: [
    'buttons',
    'id',
    'payload',
    'replyMarkup',
    'removeKeyboard',
    'oneTimeKeyboard',
    'chatType',
  ],
};

/** The fields of one button in each layout. */
export const BUTTON_KEYS: Readonly<Record<Exclude<ButtonLayout, 'none'>, readonly string[]>> = {
  list: ['text', 'type', 'payload'],
  rows: ['text', 'url', 'callbackData'],
  max: ['type', 'text', 'payload', 'url', 'intent'],
};

const LAYOUT_NAMES = { list: 'WABA', rows: 'Telegram', max: 'MAX' } as const;

/** The first key not in `known`, reported as unknown; `true` when there was one. */
function unknownKey(
  object: Record<string, unknown>,
  known: readonly string[],
  at: Path,
  what: string,
  report: Report,
): boolean {
  const key = Object.keys(object).find((name) => !known.includes(name));
  if (key === undefined) return false;
  report([...at, key], INVALID, unknownKeyText(key, what, known));
  return true;
}

/** One button's fields; `true` when it reported a problem. */
function checkButton(
  button: unknown,
  layout: Exclude<ButtonLayout, 'none'>,
  at: Path,
  textLimit: number | undefined,
  unknownKeys: UnknownKeys,
  report: Report,
): boolean {
  const name = LAYOUT_NAMES[layout];
  if (!isPlainObject(button)) {
    const rows = layout === 'list' ? '; rows of buttons are for Telegram and MAX bots' : '';
    report(at, INVALID, `a ${name} button must be an object${rows}`);
    return true;
  }
  if (
    unknownKeys === 'refuse' &&
    unknownKey(button, BUTTON_KEYS[layout], at, `a ${name} button`, report)
  ) {
    return true;
  }
  const { text, type, payload, url, callbackData, intent } = button;
  const fail = (key: string, text: string) => {
    report([...at, key], INVALID, text);
    return true;
  };
  if (text !== undefined) {
    if (typeof text !== 'string') return fail('text', 'button text must be a string');
    if (textLimit !== undefined && isLongerThan(text, textLimit)) {
      return fail('text', `${name} button text is limited to ${textLimit} characters: shorten it`);
    }
  }
  if (layout === 'list' && type !== undefined && type !== 'text') {
    return fail('type', 'a WABA button type must be "text", the only type supported');
  }
  if (layout === 'max' && !(MAX_BUTTON_TYPES as readonly unknown[]).includes(type)) {
    return fail('type', `a MAX button needs type: one of ${MAX_BUTTON_TYPES.join(', ')}`);
  }
  if (payload !== undefined && typeof payload !== 'string') {
    return fail('payload', 'button payload must be a string');
  }
  if (url !== undefined && (typeof url !== 'string' || !isHttpUrl(url))) {
    return fail('url', 'button url must be an http(s) URL');
  }
  if (callbackData !== undefined && typeof callbackData !== 'string') {
    return fail('callbackData', 'button callbackData must be a string');
  }
  if (
    layout === 'max' &&
    intent !== undefined &&
    !(MAX_BUTTON_INTENTS as readonly unknown[]).includes(intent)
  ) {
    return fail('intent', `a MAX button intent is one of ${MAX_BUTTON_INTENTS.join(', ')}`);
  }
  return false;
}

/**
 * The buttons fit the chat type: WABA's flat list of at most 10 (text ≤ 20), a Telegram bot's
 * rows (text ≤ 64), a MAX bot's rows of typed buttons, or none where the chat type takes none
 * (`MESSAGES_CONTAIN_BUTTONS`). A chat type this SDK does not know is left as it is.
 */
export function checkButtons(value: Flat, report: Report, unknownKeys: UnknownKeys): void {
  const object = value.buttonsObject;
  const rule = chatRule(value.chatType);
  if (object === undefined || rule === undefined) return;
  const { buttons } = object as { buttons?: unknown[] };
  const at = ['buttonsObject'];
  const layout = rule.buttons;
  const what = `${layout === 'none' ? rule.messenger : LAYOUT_NAMES[layout]} buttonsObject`;
  if (unknownKeys === 'refuse' && unknownKey(object, OBJECT_KEYS[layout], at, what, report)) {
    return;
  }
  if (layout === 'none') {
    if (buttons?.length) {
      report(
        [...at, 'buttons'],
        'MESSAGES_CONTAIN_BUTTONS',
        `${rule.messenger} messages take no buttons`,
      );
    }
    return;
  }
  const name = LAYOUT_NAMES[layout];
  if (layout === 'max' && object.chatType !== undefined && object.chatType !== 'max') {
    report([...at, 'chatType'], INVALID, 'buttonsObject.chatType of MAX buttons is "max"');
    return;
  }
  if (buttons === undefined) return;
  if (layout === 'list') {
    if (buttons.length > WABA_RULE.maxButtons) {
      const extra = buttons.length - WABA_RULE.maxButtons;
      report(
        [...at, 'buttons'],
        INVALID,
        `at most ${WABA_RULE.maxButtons} buttons are allowed: remove ${extra}`,
      );
      return;
    }
    buttons.some((button, index) =>
      checkButton(button, layout, [...at, 'buttons', index], rule.buttonText, unknownKeys, report),
    );
    return;
  }
  buttons.some((row, index) => {
    const where = [...at, 'buttons', index];
    if (!Array.isArray(row)) {
      report(
        where,
        INVALID,
        `${name} buttons come in rows: buttons is an array of arrays of buttons`,
      );
      return true;
    }
    return row.some((button, column) =>
      checkButton(button, layout, [...where, column], rule.buttonText, unknownKeys, report),
    );
  });
}
