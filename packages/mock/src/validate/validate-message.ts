import { CHATS, type ChatFacts, type Rejection, type ValidationRules, WABA } from './rules';

// Written from the send-message page, independently of @wazzup-sdk/core, so the two can be checked
// against each other. Rules run in one documented order and the first failure is the answer:
// 1. the body is an object; 2. no unknown keys (when they are refused); 3. each field's own type
// and format, in the order of TOP_LEVEL_FIELDS; 4. who the chat is; 5. what is sent; 6. the
// buttons, by the chat type's layout. A field the service cannot take is INVALID_MESSAGE_DATA.

const TOP_LEVEL_FIELDS = [
  'channelId',
  'chatType',
  'chatId',
  'text',
  'contentUri',
  'refMessageId',
  'crmUserId',
  'crmMessageId',
  'username',
  'phone',
  'clearUnanswered',
  'templateId',
  'templateValues',
  'buttonsObject',
];
const PLAIN_STRING_FIELDS = new Set([
  'chatId',
  'text',
  'contentUri',
  'refMessageId',
  'crmUserId',
  'templateId',
]);
/** buttonsObject's fields each layout takes; with no buttons at all, any of them. */
const LAYOUT_FIELDS: Record<ChatFacts['buttons'], string[]> = {
  waba: ['buttons', 'id', 'payload'],
  telegram: ['buttons', 'replyMarkup', 'removeKeyboard', 'oneTimeKeyboard'],
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
/** One button's fields in each layout. */
const BUTTON_FIELDS: Record<Exclude<ChatFacts['buttons'], 'none'>, string[]> = {
  waba: ['text', 'type', 'payload'],
  telegram: ['text', 'url', 'callbackData'],
  max: ['type', 'text', 'payload', 'url', 'intent'],
};

type Body = Record<string, unknown>;

const reject = (code: string, field: string, description: string): Rejection => ({
  code,
  field,
  description,
});
const invalid = (field: string, description: string): Rejection =>
  reject('INVALID_MESSAGE_DATA', field, description);

function isObject(value: unknown): value is Body {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isBlank(text: string): boolean {
  return text.trim().length === 0;
}

function codePoints(text: string): number {
  return Array.from(text).length;
}

function isHttpUrl(text: string): boolean {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return false;
  }
  return url.protocol === 'http:' || url.protocol === 'https:';
}

function firstUnknownKey(
  value: Body,
  allowed: readonly string[],
  prefix: string,
  rules: ValidationRules,
): Rejection | undefined {
  if (rules.unknownKeys !== 'refuse') return undefined;
  const key = Object.keys(value).find((name) => !allowed.includes(name));
  return key === undefined ? undefined : invalid(prefix + key, `Unknown field "${key}"`);
}

function checkButtonsObjectFields(value: unknown): Rejection | undefined {
  if (!isObject(value)) return invalid('buttonsObject', 'buttonsObject must be an object');
  if (value.buttons !== undefined && !Array.isArray(value.buttons))
    return invalid('buttonsObject.buttons', 'buttons must be an array');
  for (const name of ['id', 'payload', 'replyMarkup']) {
    if (value[name] !== undefined && typeof value[name] !== 'string')
      return invalid(`buttonsObject.${name}`, `${name} must be a string`);
  }
  for (const name of ['removeKeyboard', 'oneTimeKeyboard']) {
    if (value[name] !== undefined && typeof value[name] !== 'boolean')
      return invalid(`buttonsObject.${name}`, `${name} must be a boolean`);
  }
  if (value.chatType !== undefined && typeof value.chatType !== 'string')
    return invalid('buttonsObject.chatType', 'chatType must be a string');
  return undefined;
}

function checkField(body: Body, field: string, rules: ValidationRules): Rejection | undefined {
  const value = body[field];
  switch (field) {
    case 'channelId':
      if (
        typeof value !== 'string' ||
        !/^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/i.test(value)
      ) {
        return invalid(field, 'channelId must be the UUID of a channel');
      }
      return undefined;
    case 'chatType':
      if (value === undefined)
        return reject('CHAT_MISSING_CHAT_TYPE', field, 'chatType is not transmitted');
      if (typeof value !== 'string' || !rules.chatTypes.includes(value)) {
        return reject('CHAT_WRONG_CHAT_TYPE', field, 'Invalid chat type');
      }
      return undefined;
  }
  if (value === undefined) return undefined;
  if (PLAIN_STRING_FIELDS.has(field)) {
    return typeof value === 'string' ? undefined : invalid(field, `${field} must be a string`);
  }
  switch (field) {
    case 'crmMessageId':
      // The service keys its duplicate check on this id, so a blank one is refused.
      if (typeof value !== 'string') return invalid(field, `${field} must be a string`);
      return isBlank(value) ? invalid(field, 'crmMessageId must not be blank') : undefined;
    case 'username':
      if (typeof value !== 'string' || isBlank(value) || value.startsWith('@')) {
        return invalid(field, 'username must be given without @');
      }
      return undefined;
    case 'phone':
      if (typeof value !== 'string' || !/^[0-9]+$/.test(value))
        return invalid(field, 'phone must be digits only');
      return undefined;
    case 'clearUnanswered':
      return typeof value === 'boolean'
        ? undefined
        : invalid(field, 'clearUnanswered must be a boolean');
    case 'templateValues': {
      if (!Array.isArray(value)) return invalid(field, 'templateValues must be an array');
      const index = value.findIndex((item) => typeof item !== 'string');
      return index === -1
        ? undefined
        : invalid(`${field}.${index}`, 'templateValues must be strings');
    }
    case 'buttonsObject':
      return checkButtonsObjectFields(value);
  }
  return undefined;
}

function checkChat(body: Body): Rejection | undefined {
  const chatType = body.chatType as string;
  const chatId = body.chatId as string | undefined;
  const facts = CHATS[chatType];
  const alternatives = facts ? facts.alternatives : ['username', 'phone'];
  if (chatId === undefined || isBlank(chatId)) {
    if (!alternatives.some((field) => body[field] !== undefined))
      return reject('CHAT_MISSING_CHAT_ID', 'chatId', 'chatId is not transmitted');
  } else if (facts?.chatId === 'digits') {
    const [min, max] = facts.digits ?? [1, Number.MAX_SAFE_INTEGER];
    if (!/^[0-9]+$/.test(chatId) || chatId.length < min || chatId.length > max) {
      return chatType === 'whatsapp'
        ? reject('CHAT_INCORRECT_CHAT_ID_WHATSAPP', 'chatId', 'Incorrect WhatsApp number')
        : invalid('chatId', 'The chat id must be the phone number, digits only');
    }
  } else if (facts?.chatId === 'no-at' && chatId.startsWith('@')) {
    return invalid('chatId', 'The account must be given without @');
  }
  for (const field of ['username', 'phone']) {
    if (body[field] !== undefined && !alternatives.includes(field))
      return invalid(field, `${field} does not name a ${chatType} chat`);
  }
  return undefined;
}

/** The text limit a body's own fields say, and its code: WABA's for a template or buttons. */
function textLimit(body: Body, rules: ValidationRules): { max: number; code: string } | undefined {
  const chatType = body.chatType as string;
  if (chatType === 'whatsapp') {
    if (body.templateId !== undefined)
      return { max: WABA.maxTemplateText, code: WABA.templateTooLong };
    const buttons = (body.buttonsObject as Body | undefined)?.buttons;
    if (Array.isArray(buttons) && buttons.length > 0)
      return { max: WABA.maxText, code: WABA.tooLong };
  }
  const max = rules.textLimits[chatType] ?? CHATS[chatType]?.maxText;
  if (max === undefined) return undefined;
  return { max, code: CHATS[chatType]?.tooLong ?? 'MESSAGE_TEXT_TOO_LONG' };
}

function checkContent(body: Body, rules: ValidationRules): Rejection | undefined {
  const text = body.text as string | undefined;
  const contentUri = body.contentUri as string | undefined;
  if (text !== undefined && contentUri !== undefined) {
    return reject(
      'MESSAGE_ONLY_TEXT_OR_CONTENT',
      'contentUri',
      'The message can contain text or content',
    );
  }
  if (text === undefined && contentUri === undefined && body.templateId === undefined) {
    return reject('MESSAGE_NOTHING_TO_SEND', 'text', 'No message text was found');
  }
  if (text !== undefined && isBlank(text))
    return reject('MESSAGE_TEXT_CAN_NOT_BE_BLANK', 'text', 'The text message cannot be empty');
  if (contentUri !== undefined) {
    if (isBlank(contentUri))
      return reject(
        'MESSAGE_CONTENT_CAN_NOT_BE_BLANK',
        'contentUri',
        'A file with content cannot be empty',
      );
    if (!isHttpUrl(contentUri)) return invalid('contentUri', 'contentUri must be an http(s) link');
  }
  const limit = textLimit(body, rules);
  if (text !== undefined && limit && codePoints(text) > limit.max) {
    return reject(
      limit.code,
      'text',
      `The length of the text message exceeds ${limit.max} characters`,
    );
  }
  return undefined;
}

function checkButton(
  button: unknown,
  layout: Exclude<ChatFacts['buttons'], 'none'>,
  at: string,
  facts: ChatFacts,
  rules: ValidationRules,
): Rejection | undefined {
  if (!isObject(button)) return invalid(at, 'A button must be an object');
  const unknown = firstUnknownKey(button, BUTTON_FIELDS[layout], `${at}.`, rules);
  if (unknown) return unknown;
  const { text, type, payload, url, callbackData, intent } = button;
  if (text !== undefined) {
    if (typeof text !== 'string') return invalid(`${at}.text`, 'Button text must be a string');
    if (facts.maxButtonText !== undefined && codePoints(text) > facts.maxButtonText)
      return invalid(`${at}.text`, `Button text is longer than ${facts.maxButtonText} characters`);
  }
  if (layout === 'waba' && type !== undefined && type !== 'text')
    return invalid(`${at}.type`, 'Only "text" buttons are supported');
  if (layout === 'max' && type !== 'callback' && type !== 'link' && type !== 'message')
    return invalid(`${at}.type`, 'A MAX button is a callback, link or message button');
  if (payload !== undefined && typeof payload !== 'string')
    return invalid(`${at}.payload`, 'Button payload must be a string');
  if (url !== undefined && (typeof url !== 'string' || !isHttpUrl(url)))
    return invalid(`${at}.url`, 'Button url must be an http(s) URL');
  if (callbackData !== undefined && typeof callbackData !== 'string')
    return invalid(`${at}.callbackData`, 'Button callbackData must be a string');
  if (
    layout === 'max' &&
    intent !== undefined &&
    intent !== 'default' &&
    intent !== 'positive' &&
    intent !== 'negative'
  )
    return invalid(`${at}.intent`, 'A MAX button intent is default, positive or negative');
  return undefined;
}

function checkButtons(body: Body, rules: ValidationRules): Rejection | undefined {
  const object = body.buttonsObject as Body | undefined;
  const facts = CHATS[body.chatType as string];
  if (object === undefined || facts === undefined) return undefined;
  const layout = facts.buttons;
  const unknown = firstUnknownKey(object, LAYOUT_FIELDS[layout], 'buttonsObject.', rules);
  if (unknown) return unknown;
  const buttons = object.buttons as unknown[] | undefined;
  if (layout === 'none') {
    return buttons && buttons.length > 0
      ? reject('MESSAGES_CONTAIN_BUTTONS', 'buttonsObject.buttons', 'This chat takes no buttons')
      : undefined;
  }
  if (layout === 'max' && object.chatType !== undefined && object.chatType !== 'max')
    return invalid('buttonsObject.chatType', 'MAX buttons say chatType "max"');
  if (buttons === undefined) return undefined;
  if (layout === 'waba') {
    if (buttons.length > WABA.maxButtons)
      return invalid('buttonsObject.buttons', `No more than ${WABA.maxButtons} buttons`);
    for (let i = 0; i < buttons.length; i++) {
      const problem = checkButton(buttons[i], layout, `buttonsObject.buttons.${i}`, facts, rules);
      if (problem) return problem;
    }
    return undefined;
  }
  for (let i = 0; i < buttons.length; i++) {
    const row = buttons[i];
    if (!Array.isArray(row)) return invalid(`buttonsObject.buttons.${i}`, 'Buttons come in rows');
    for (let j = 0; j < row.length; j++) {
      const at = `buttonsObject.buttons.${i}.${j}`;
      const problem = checkButton(row[j], layout, at, facts, rules);
      if (problem) return problem;
    }
  }
  return undefined;
}

/**
 * Checks a send-message body as the service would, returning the first rule it breaks or
 * `undefined` when it is valid. `null` fields count as absent, as in the service's JSON handling.
 */
export function validateMessage(input: unknown, rules: ValidationRules): Rejection | undefined {
  if (!isObject(input)) return invalid('', 'The body must be a JSON object');
  const body: Body = Object.fromEntries(
    Object.entries(input).filter(([, value]) => value !== null),
  );
  const unknown = firstUnknownKey(body, TOP_LEVEL_FIELDS, '', rules);
  if (unknown) return unknown;
  for (const field of TOP_LEVEL_FIELDS) {
    const problem = checkField(body, field, rules);
    if (problem) return problem;
  }
  return checkChat(body) ?? checkContent(body, rules) ?? checkButtons(body, rules);
}
