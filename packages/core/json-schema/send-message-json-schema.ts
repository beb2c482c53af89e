import { toJsonSchema } from '@valibot/to-json-schema';
import type { JSONSchema7, JSONSchema7Definition } from 'json-schema';
import { CHAT_TYPES } from '../src/schemas/chat-types';
import { DEFAULT_TEXT_LIMITS, MAX_BUTTON_TEXT } from '../src/schemas/limits';
import { createSendMessageRequestSchema } from '../src/schemas/request';

/** Where the generated schema is published, relative to the package root. */
export const JSON_SCHEMA_FILE = 'send-message.schema.json';

// JSON Schema patterns carry no flags and JS's \s is exactly what String#trim strips, so "not
// blank" is "has a non-space character".
const NOT_BLANK = '\\S';
const UUID_ANY_CASE = '^[\\da-fA-F]{8}(?:-[\\da-fA-F]{4}){3}-[\\da-fA-F]{12}$';
// core parses contentUri with `new URL`; a pattern can only say "an http(s) URL with a host".
const HTTP_URL = '^[hH][tT][tT][pP][sS]?://[^\\s/?#]+';
const BY_CHAT_ID_ONLY = CHAT_TYPES.filter((type) => type !== 'telegram');

/** A string rule inside a conditional (the field's type is already checked at the top). */
function text(rules: JSONSchema7): JSONSchema7 {
  return { type: 'string', ...rules };
}

function whenChatType(chatType: string | readonly string[], then: JSONSchema7): JSONSchema7 {
  const match = typeof chatType === 'string' ? { const: chatType } : { enum: [...chatType] };
  return { if: { properties: { chatType: match }, required: ['chatType'] }, then };
}

/**
 * Every valibot object is exact (`exactObject` refuses unknown keys), which the converter cannot
 * see through a custom check, so each object gets `additionalProperties: false` here.
 */
function closeObjects(definition: JSONSchema7Definition): void {
  if (typeof definition !== 'object') return;
  if (definition.type === 'object') definition.additionalProperties = false;
  for (const child of Object.values(definition.properties ?? {})) closeObjects(child);
  if (definition.items && !Array.isArray(definition.items)) closeObjects(definition.items);
}

function property(schema: JSONSchema7, ...path: string[]): JSONSchema7 {
  let node = schema;
  for (const key of path) {
    const next = key === '[]' ? node.items : node.properties?.[key];
    if (typeof next !== 'object' || Array.isArray(next)) throw new Error(`no ${path.join('.')}`);
    node = next;
  }
  return node;
}

/**
 * The send-message request as JSON Schema (draft-07), for tools outside TypeScript: generated
 * from core's valibot schema by `@valibot/to-json-schema`, with the rules valibot keeps in
 * custom checks (exact objects, who the chat is, what is sent, limits per chat type) written out
 * as JSON Schema. It accepts and rejects what the default valibot schema does; it cannot name the
 * server's error code, so validate with core when you need that.
 */
export function sendMessageJsonSchema(): JSONSchema7 {
  const schema = toJsonSchema(createSendMessageRequestSchema(), { errorMode: 'ignore' });
  closeObjects(schema);
  property(schema, 'channelId').pattern = UUID_ANY_CASE;
  property(schema, 'username').pattern = '^(?!@)[\\s\\S]*\\S';
  property(schema, 'text').pattern = NOT_BLANK;
  property(schema, 'crmMessageId').pattern = NOT_BLANK;
  property(schema, 'contentUri').pattern = HTTP_URL;
  property(schema, 'buttonsObject', 'buttons', '[]', 'text').maxLength = MAX_BUTTON_TEXT;
  property(schema, 'buttonsObject', 'buttons', '[]', 'url').pattern = HTTP_URL;

  const chat: JSONSchema7[] = [
    whenChatType(BY_CHAT_ID_ONLY, {
      required: ['chatId'],
      properties: { chatId: text({ pattern: NOT_BLANK }) },
      not: { anyOf: [{ required: ['username'] }, { required: ['phone'] }] },
    }),
    whenChatType('whatsapp', { properties: { chatId: text({ pattern: '^\\d{9,16}$' }) } }),
    whenChatType('instagram', { properties: { chatId: text({ pattern: '^(?!@)' }) } }),
    whenChatType('telegram', {
      anyOf: [
        { required: ['chatId'], properties: { chatId: text({ pattern: NOT_BLANK }) } },
        { required: ['username'] },
        { required: ['phone'] },
      ],
    }),
  ];
  const content: JSONSchema7[] = [
    { not: { required: ['text', 'contentUri'] } },
    { anyOf: [{ required: ['text'] }, { required: ['contentUri'] }, { required: ['templateId'] }] },
    ...Object.entries(DEFAULT_TEXT_LIMITS).map(([chatType, limit]) =>
      whenChatType(chatType, { properties: { text: text({ maxLength: limit }) } }),
    ),
  ];
  return {
    $schema: schema.$schema,
    title: 'Wazzup24 POST /v3/message request',
    description:
      'Generated from @wazzup-sdk/core. Lengths count Unicode code points, as the service does.',
    ...schema,
    allOf: [...chat, ...content],
  };
}
