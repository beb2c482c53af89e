import type { Rejection, ValidationRules } from './rules';
import { PAGE_CHAT_TYPES } from './rules';

// Written from the send-message page, independently of @wazzup-sdk/core, so the two can be checked
// against each other. Rules run in one documented order and the first failure is the answer:
// 1. the body is an object; 2. no unknown keys; 3. each field's own type and format, in the order
// of TOP_LEVEL_FIELDS; 4. who the chat is; 5. what is sent.

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
const BUTTONS_OBJECT_FIELDS = [
  'buttons',
  'id',
  'payload',
  'replyMarkup',
  'removeKeyboard',
  'oneTimeKeyboard',
];
const BUTTON_FIELDS = ['text', 'type', 'payload', 'url', 'callbackData'];
const PLAIN_STRING_FIELDS = new Set([
  'chatId',
  'text',
  'contentUri',
  'refMessageId',
  'crmUserId',
  'templateId',
]);

type Body = Record<string, unknown>;

const reject = (code: string, field: string, description: string): Rejection => ({
  code,
  field,
  description,
});
const invalid = (field: string, description: string): Rejection =>
  reject('VALIDATION_ERROR', field, description);

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
): Rejection | undefined {
  const key = Object.keys(value).find((name) => !allowed.includes(name));
  return key === undefined ? undefined : invalid(prefix + key, `Unknown field "${key}"`);
}

function checkButton(button: unknown, at: string): Rejection | undefined {
  if (!isObject(button)) return invalid(at, 'A button must be an object');
  const unknown = firstUnknownKey(button, BUTTON_FIELDS, `${at}.`);
  if (unknown) return unknown;
  const { text, type, payload } = button;
  if (text !== undefined) {
    if (typeof text !== 'string') return invalid(`${at}.text`, 'Button text must be a string');
    if (codePoints(text) > 20)
      return invalid(`${at}.text`, 'Button text is longer than 20 characters');
  }
  if (type !== undefined && type !== 'text')
    return invalid(`${at}.type`, 'Only "text" buttons are supported');
  if (payload !== undefined && typeof payload !== 'string')
    return invalid(`${at}.payload`, 'Button payload must be a string');
  const { url, callbackData } = button;
  if (url !== undefined && (typeof url !== 'string' || !isHttpUrl(url)))
    return invalid(`${at}.url`, 'Button url must be an http(s) URL');
  if (callbackData !== undefined && typeof callbackData !== 'string')
    return invalid(`${at}.callbackData`, 'Button callbackData must be a string');
  return undefined;
}

function checkButtonsObject(value: unknown): Rejection | undefined {
  if (!isObject(value)) return invalid('buttonsObject', 'buttonsObject must be an object');
  const unknown = firstUnknownKey(value, BUTTONS_OBJECT_FIELDS, 'buttonsObject.');
  if (unknown) return unknown;
  const { buttons, id, payload } = value;
  if (buttons !== undefined) {
    if (!Array.isArray(buttons))
      return invalid('buttonsObject.buttons', 'buttons must be an array');
    if (buttons.length > 10) return invalid('buttonsObject.buttons', 'No more than 10 buttons');
    for (let i = 0; i < buttons.length; i++) {
      const problem = checkButton(buttons[i], `buttonsObject.buttons.${i}`);
      if (problem) return problem;
    }
  }
  if (id !== undefined && typeof id !== 'string')
    return invalid('buttonsObject.id', 'id must be a string');
  if (payload !== undefined && typeof payload !== 'string')
    return invalid('buttonsObject.payload', 'payload must be a string');
  const { replyMarkup, removeKeyboard, oneTimeKeyboard } = value;
  if (replyMarkup !== undefined && typeof replyMarkup !== 'string')
    return invalid('buttonsObject.replyMarkup', 'replyMarkup must be a string');
  for (const [name, flag] of Object.entries({ removeKeyboard, oneTimeKeyboard })) {
    if (flag !== undefined && typeof flag !== 'boolean')
      return invalid(`buttonsObject.${name}`, `${name} must be a boolean`);
  }
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
      return checkButtonsObject(value);
  }
  return undefined;
}

function checkChat(body: Body): Rejection | undefined {
  const chatType = body.chatType as string;
  const chatId = body.chatId as string | undefined;
  const hasUsernameOrPhone = body.username !== undefined || body.phone !== undefined;
  const documented = PAGE_CHAT_TYPES.includes(chatType);
  const telegramLike = chatType === 'telegram' || !documented;
  if (chatId === undefined || isBlank(chatId)) {
    if (!telegramLike || !hasUsernameOrPhone)
      return reject('CHAT_MISSING_CHAT_ID', 'chatId', 'chatId is not transmitted');
  } else if (chatType === 'whatsapp' && !/^[0-9]{9,16}$/.test(chatId)) {
    return reject('CHAT_INCORRECT_CHAT_ID_WHATSAPP', 'chatId', 'Incorrect WhatsApp number');
  } else if (chatType === 'instagram' && chatId.startsWith('@')) {
    return invalid('chatId', 'Instagram account must be given without @');
  }
  if (!telegramLike) {
    if (body.username !== undefined) return invalid('username', 'username is for Telegram only');
    if (body.phone !== undefined) return invalid('phone', 'phone is for Telegram only');
  }
  return undefined;
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
  const limit = rules.textLimits[body.chatType as string];
  if (text !== undefined && limit !== undefined && codePoints(text) > limit) {
    return reject(
      'MESSAGE_TEXT_TOO_LONG',
      'text',
      `The length of the text message exceeds ${limit} characters`,
    );
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
  const unknown = firstUnknownKey(body, TOP_LEVEL_FIELDS, '');
  if (unknown) return unknown;
  for (const field of TOP_LEVEL_FIELDS) {
    const problem = checkField(body, field, rules);
    if (problem) return problem;
  }
  return checkChat(body) ?? checkContent(body, rules);
}
