import { toJsonSchema } from '@valibot/to-json-schema';
import type { JSONSchema7, JSONSchema7Definition } from 'json-schema';
import { BUTTON_KEYS, OBJECT_KEYS } from '../src/schemas/buttons';
import {
  type ButtonLayout,
  CHAT_RULES,
  type ChatRule,
  MAX_BUTTON_INTENTS,
  MAX_BUTTON_TYPES,
  WABA_RULE,
} from '../src/schemas/chat-types';
import { createSendMessageRequestSchema } from '../src/schemas/request';
/** Where the generated schema is published, relative to the package root. */
export const JSON_SCHEMA_FILE = 'send-message.schema.json';

// JSON Schema patterns carry no flags and JS's \s is exactly what String#trim strips, so "not
// blank" is "has a non-space character".
const NOT_BLANK = '\\S';
const UUID_ANY_CASE = '^[\\da-fA-F]{8}(?:-[\\da-fA-F]{4}){3}-[\\da-fA-F]{12}$';
// core parses contentUri with `new URL`; a pattern can only say "an http(s) URL with a host".
const HTTP_URL = '^[hH][tT][tT][pP][sS]?://[^\\s/?#]+';

/** A string rule inside a conditional (the field's type is already checked at the top). */
function text(rules: JSONSchema7): JSONSchema7 {
  return { type: 'string', ...rules };
}

/** A rule that holds where `condition` does. */
function when(condition: JSONSchema7, then: JSONSchema7): JSONSchema7 {
  return { if: condition, then };
}

function whenChatType(chatType: string, then: JSONSchema7): JSONSchema7 {
  return when({ properties: { chatType: { const: chatType } }, required: ['chatType'] }, then);
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

/** How a chat of this type is named: chatId (in its format), or a field that stands in for it. */
function chatOf(chatType: string, rule: ChatRule): JSONSchema7 {
  const chatId: JSONSchema7 = { pattern: NOT_BLANK };
  if (rule.chatId === 'phone') {
    const [min, max] = rule.chatIdLength ?? [1, ''];
    chatId.pattern = `^\\d{${min},${max}}$`;
  } else if (rule.chatId === 'account') chatId.pattern = '^(?!@)[\\s\\S]*\\S';
  const elsewhere = (['username', 'phone'] as const).filter(
    (field) => !rule.reachBy.includes(field),
  );
  return whenChatType(chatType, {
    anyOf: [
      { required: ['chatId'], properties: { chatId: text(chatId) } },
      ...rule.reachBy.map((field) => ({ required: [field] })),
    ],
    ...(elsewhere.length > 0 && {
      not: { anyOf: elsewhere.map((field) => ({ required: [field] })) },
    }),
  });
}

/** Fields listed as allowed, with the rules given for some of them. */
function only(keys: readonly string[], rules: Record<string, JSONSchema7>): JSONSchema7 {
  return {
    type: 'object',
    additionalProperties: false,
    properties: Object.fromEntries(keys.map((key) => [key, rules[key] ?? {}])),
  };
}

/** A button of a layout, closed to the fields that layout takes. */
function buttonOf(
  layout: Exclude<ButtonLayout, 'none'>,
  textLimit: number | undefined,
): JSONSchema7 {
  const rules: Record<string, JSONSchema7> = {
    text: { type: 'string', ...(textLimit && { maxLength: textLimit }) },
    type: layout === 'max' ? { enum: [...MAX_BUTTON_TYPES] } : { const: 'text' },
    payload: { type: 'string' },
    url: { type: 'string', pattern: HTTP_URL },
    callbackData: { type: 'string' },
    intent: { enum: [...MAX_BUTTON_INTENTS] },
  };
  return {
    type: 'object',
    ...(layout === 'max' && { required: ['type'] }),
    ...only(BUTTON_KEYS[layout], rules),
  };
}

/** The buttons a chat type takes: its layout, or none at all. */
function buttonsOf(chatType: string, rule: ChatRule): JSONSchema7 {
  const { buttons: layout, buttonText } = rule;
  const buttons: JSONSchema7 =
    layout === 'none'
      ? { type: 'array', maxItems: 0 }
      : layout === 'list'
        ? { type: 'array', maxItems: WABA_RULE.maxButtons, items: buttonOf(layout, buttonText) }
        : { type: 'array', items: { type: 'array', items: buttonOf(layout, buttonText) } };
  const rules = { buttons, ...(layout === 'max' && { chatType: { const: 'max' } }) };
  return whenChatType(chatType, {
    properties: { buttonsObject: only(OBJECT_KEYS[layout], rules) },
  });
}

/** The longest text of each chat type; WABA's, for a template or a message with buttons. */
function textLimits(): JSONSchema7[] {
  const waba = {
    properties: { chatType: { const: 'whatsapp' } },
    required: ['chatType'],
  } satisfies JSONSchema7;
  const withButtons: JSONSchema7 = {
    required: ['buttonsObject'],
    properties: {
      buttonsObject: {
        type: 'object',
        required: ['buttons'],
        properties: { buttons: { type: 'array', minItems: 1 } },
      },
    },
  };
  return [
    ...Object.entries(CHAT_RULES).map(([chatType, rule]) =>
      whenChatType(chatType, { properties: { text: text({ maxLength: rule.textLimit }) } }),
    ),
    when(
      { ...waba, required: ['chatType', 'templateId'] },
      { properties: { text: text({ maxLength: WABA_RULE.templateTextLimit }) } },
    ),
    when(
      { allOf: [waba, withButtons, { not: { required: ['templateId'] } }] },
      { properties: { text: text({ maxLength: WABA_RULE.textLimit }) } },
    ),
  ];
}

/**
 * The send-message request as JSON Schema (draft-07), for tools outside TypeScript: generated
 * from core's valibot schema by `@valibot/to-json-schema`, with the rules valibot keeps in
 * custom checks (exact objects, who the chat is, what is sent, the buttons and limits of each
 * chat type) written out as JSON Schema from the same table. It accepts and rejects what the
 * default valibot schema does; it cannot name the server's error code, so validate with core when
 * you need that.
 */
export function sendMessageJsonSchema(): JSONSchema7 {
  const schema = toJsonSchema(createSendMessageRequestSchema(), { errorMode: 'ignore' });
  closeObjects(schema);
  property(schema, 'channelId').pattern = UUID_ANY_CASE;
  property(schema, 'username').pattern = '^(?!@)[\\s\\S]*\\S';
  property(schema, 'text').pattern = NOT_BLANK;
  property(schema, 'crmMessageId').pattern = NOT_BLANK;
  property(schema, 'contentUri').pattern = HTTP_URL;
  // Which fields buttonsObject takes is the chat type's layout (below), not one closed list.
  delete property(schema, 'buttonsObject').additionalProperties;

  const rules = Object.entries(CHAT_RULES);
  const content: JSONSchema7[] = [
    { not: { required: ['text', 'contentUri'] } },
    { anyOf: [{ required: ['text'] }, { required: ['contentUri'] }, { required: ['templateId'] }] },
    ...textLimits(),
  ];
  return {
    $schema: schema.$schema,
    title: 'Wazzup24 POST /v3/message request',
    description:
      'Generated from @wazzup-sdk/core. Lengths count Unicode code points, as the service does.',
    ...schema,
    allOf: [
      ...rules.map(([chatType, rule]) => chatOf(chatType, rule)),
      ...content,
      ...rules.map(([chatType, rule]) => buttonsOf(chatType, rule)),
    ],
  };
}
