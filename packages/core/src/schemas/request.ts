import * as v from 'valibot';
import { CHAT_TYPES, type ChatType, type ExtraChatType } from './chat-types';
import { exactObject } from './exact-object';
import { issueMessage } from './issue-message';
import {
  DEFAULT_TEXT_LIMITS,
  isLongerThan,
  MAX_BUTTON_TEXT,
  MAX_BUTTONS,
  type TextLimits,
} from './limits';

/** One button of an interactive message, or the payload of a template's button. */
export interface Button {
  /** Button text, at most 20 characters; for interactive messages. */
  text?: string;
  /** The only supported type is `"text"`. */
  type?: 'text';
  /** Payload bound to a template's button. */
  payload?: string;
}

/** Buttons attached to a message (WABA templates and interactive messages). */
export interface ButtonsObject {
  /** At most 10 buttons. */
  buttons?: Button[];
  /** Payload from interactive message buttons. */
  id?: string;
  /** Payload from template message buttons. */
  payload?: string;
}

/** Fields every message may carry, whatever its chat and content. */
export interface MessageFields {
  /** The channel (a UUID) to send through. */
  channelId: string;
  /** Id of the message to quote. */
  refMessageId?: string;
  /** The CRM user sending, as registered with the users API. */
  crmUserId?: string;
  /** Your id for this message; the service refuses a second message with the same one (~60 s). */
  crmMessageId?: string;
  /** `false` keeps the unanswered counter as it is (for automated replies). */
  clearUnanswered?: boolean;
  /** Values for the template's variables. */
  templateValues?: string[];
  /** Buttons for WABA templates and interactive messages. */
  buttonsObject?: ButtonsObject;
}

/** Who receives the message: the chat type decides which ways of naming the chat are allowed. */
export type ChatTarget =
  | {
      chatType: Exclude<ChatType, 'telegram'>;
      chatId: string;
      username?: never;
      phone?: never;
    }
  | { chatType: 'telegram'; chatId: string; username?: string; phone?: string }
  | { chatType: 'telegram'; chatId?: string; username: string; phone?: string }
  | { chatType: 'telegram'; chatId?: string; username?: string; phone: string }
  | { chatType: ExtraChatType; chatId?: string; username?: string; phone?: string };

/** What is sent: a text, a file by URL, or a WABA template — text and file never together. */
export type MessageContent =
  | { text: string; contentUri?: never; templateId?: string }
  | { contentUri: string; text?: never; templateId?: string }
  | { templateId: string; text?: never; contentUri?: never };

/** A valid body for `POST /v3/message`. */
export type SendMessageRequest = MessageFields & ChatTarget & MessageContent;

/** Options that change which requests are valid, mirroring what a given account's server allows. */
export interface RequestSchemaOptions {
  /** Per-chat-type text limits in code points, over the page's defaults. */
  textLimits?: TextLimits;
  /** Extra chat types to accept (e.g. `viber`, `telegroup`); they skip per-type checks. */
  allowChatTypes?: readonly string[];
}

/** The valibot schema type of a send-message request. */
export type SendMessageRequestSchemaType = v.GenericSchema<SendMessageRequest>;

const UUID = /^[\da-f]{8}(?:-[\da-f]{4}){3}-[\da-f]{12}$/i;
const WHATSAPP_CHAT_ID = /^\d{9,16}$/;
const DIGITS = /^\d+$/;

// @__NO_SIDE_EFFECTS__
function optionalString(field: string) {
  return v.optional(v.string(issueMessage('VALIDATION_ERROR', `${field} must be a string`)));
}

// @__NO_SIDE_EFFECTS__
function optionalBoolean(field: string) {
  return v.optional(v.boolean(issueMessage('VALIDATION_ERROR', `${field} must be a boolean`)));
}

function isBlank(text: string): boolean {
  return text.trim() === '';
}

function isHttpUrl(text: string): boolean {
  try {
    const { protocol } = new URL(text);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

type Flat = Record<string, unknown> & {
  chatType: string;
  chatId?: string;
  username?: string;
  phone?: string;
  text?: string;
  contentUri?: string;
  templateId?: string;
};
type AddIssue = (info: {
  message: string;
  path: [{ type: 'object'; origin: 'value'; input: Flat; key: string; value: unknown }];
}) => void;

function reporter(addIssue: AddIssue, value: Flat) {
  return (key: string, code: string, text: string) =>
    addIssue({
      message: issueMessage(code, text),
      path: [{ type: 'object', origin: 'value', input: value, key, value: value[key] }],
    });
}

// Built inside the request schema's factory rather than at module level, so importing this module
// costs nothing and a bundle that never validates leaves valibot out.
function buttonSchema() {
  return exactObject(
    {
      text: v.optional(
        v.pipe(
          v.string(issueMessage('VALIDATION_ERROR', 'button text must be a string')),
          v.check(
            (text) => !isLongerThan(text, MAX_BUTTON_TEXT),
            issueMessage(
              'VALIDATION_ERROR',
              `button text is limited to ${MAX_BUTTON_TEXT} characters: shorten it`,
            ),
          ),
        ),
      ),
      type: v.optional(
        v.literal(
          'text',
          issueMessage('VALIDATION_ERROR', 'button type must be "text", the only type supported'),
        ),
      ),
      payload: optionalString('button payload'),
      // Newer send pages: a link button, and Telegram's callback data.
      url: v.optional(
        v.pipe(
          v.string(issueMessage('VALIDATION_ERROR', 'button url must be a string')),
          v.check(isHttpUrl, issueMessage('VALIDATION_ERROR', 'button url must be an http(s) URL')),
        ),
      ),
      callbackData: optionalString('button callbackData'),
    },
    'a button',
  );
}

function buttonsObjectSchema() {
  return exactObject(
    {
      buttons: v.optional(
        v.pipe(
          v.array(
            v.unknown(),
            issueMessage('VALIDATION_ERROR', 'buttonsObject.buttons must be an array'),
          ),
          v.maxLength(MAX_BUTTONS, (issue) =>
            issueMessage(
              'VALIDATION_ERROR',
              `at most ${MAX_BUTTONS} buttons are allowed: remove ${(issue.input as unknown[]).length - MAX_BUTTONS}`,
            ),
          ),
          v.array(buttonSchema()),
        ),
      ),
      id: optionalString('buttonsObject.id'),
      payload: optionalString('buttonsObject.payload'),
      replyMarkup: optionalString('buttonsObject.replyMarkup'),
      removeKeyboard: optionalBoolean('buttonsObject.removeKeyboard'),
      oneTimeKeyboard: optionalBoolean('buttonsObject.oneTimeKeyboard'),
    },
    'buttonsObject',
  );
}

/**
 * Builds the send-message request schema for a client's options. Rules run in a fixed order so the
 * first issue is the one the server would answer: unknown keys, then each field's own type, then
 * who the chat is, then what is sent.
 */
// @__NO_SIDE_EFFECTS__
export function createSendMessageRequestSchema(
  options: RequestSchemaOptions = {},
): SendMessageRequestSchemaType {
  const chatTypes: string[] = [...CHAT_TYPES, ...(options.allowChatTypes ?? [])];
  const textLimits: TextLimits = { ...DEFAULT_TEXT_LIMITS, ...options.textLimits };
  const chatTypeList = chatTypes.join(', ');
  const missingChatType = issueMessage(
    'CHAT_MISSING_CHAT_TYPE',
    `chatType is required: one of ${chatTypeList}`,
  );
  const wrongChatType = issueMessage(
    'CHAT_WRONG_CHAT_TYPE',
    `chatType must be one of ${chatTypeList}`,
  );

  const schema = v.pipe(
    exactObject(
      {
        channelId: v.pipe(
          v.string(issueMessage('VALIDATION_ERROR', 'channelId must be a string')),
          v.regex(UUID, issueMessage('VALIDATION_ERROR', 'channelId must be a channel UUID')),
        ),
        chatType: v.picklist(chatTypes, (issue) =>
          issue.input === undefined ? missingChatType : wrongChatType,
        ),
        chatId: optionalString('chatId'),
        text: optionalString('text'),
        contentUri: optionalString('contentUri'),
        refMessageId: optionalString('refMessageId'),
        crmUserId: optionalString('crmUserId'),
        // A blank id would make every blank-id message after the first a "duplicate", never sent.
        crmMessageId: v.optional(
          v.pipe(
            v.string(issueMessage('VALIDATION_ERROR', 'crmMessageId must be a string')),
            v.check(
              (id) => !isBlank(id),
              issueMessage(
                'VALIDATION_ERROR',
                'crmMessageId must not be blank: it is what keeps a message from being sent twice',
              ),
            ),
          ),
        ),
        username: v.optional(
          v.pipe(
            v.string(issueMessage('VALIDATION_ERROR', 'username must be a string')),
            v.check(
              (name) => !isBlank(name) && !name.startsWith('@'),
              issueMessage(
                'VALIDATION_ERROR',
                'username must be the Telegram username without the leading @',
              ),
            ),
          ),
        ),
        phone: v.optional(
          v.pipe(
            v.string(issueMessage('VALIDATION_ERROR', 'phone must be a string')),
            v.regex(
              DIGITS,
              issueMessage(
                'VALIDATION_ERROR',
                'phone must be digits only with the country code, no + (e.g. 79011112233)',
              ),
            ),
          ),
        ),
        clearUnanswered: v.optional(
          v.boolean(issueMessage('VALIDATION_ERROR', 'clearUnanswered must be a boolean')),
        ),
        templateId: optionalString('templateId'),
        templateValues: v.optional(
          v.array(
            v.string(issueMessage('VALIDATION_ERROR', 'templateValues must hold strings only')),
            issueMessage('VALIDATION_ERROR', 'templateValues must be an array of strings'),
          ),
        ),
        buttonsObject: v.optional(buttonsObjectSchema()),
      },
      'the message',
      {
        channelId: issueMessage(
          'VALIDATION_ERROR',
          'channelId is required: the UUID of the channel to send through',
        ),
        chatType: missingChatType,
      },
    ),
    v.rawCheck(({ dataset, addIssue }) => {
      if (!dataset.typed) return;
      const value = dataset.value as Flat;
      const report = reporter(addIssue as AddIssue, value);
      const { chatType, chatId, username, phone } = value;
      const documented = (CHAT_TYPES as readonly string[]).includes(chatType);
      const byUsernameOrPhone = chatType === 'telegram' || !documented;
      if (chatId === undefined || isBlank(chatId)) {
        if (!byUsernameOrPhone || (username === undefined && phone === undefined)) {
          report(
            'chatId',
            'CHAT_MISSING_CHAT_ID',
            byUsernameOrPhone ? 'chatId, username or phone is required' : 'chatId is required',
          );
        }
      } else if (chatType === 'whatsapp' && !WHATSAPP_CHAT_ID.test(chatId)) {
        report(
          'chatId',
          'CHAT_INCORRECT_CHAT_ID_WHATSAPP',
          'a WhatsApp chatId is the phone number, 9 to 16 digits without + or spaces (e.g. 79011112233)',
        );
      } else if (chatType === 'instagram' && chatId.startsWith('@')) {
        report(
          'chatId',
          'VALIDATION_ERROR',
          'an Instagram chatId is the account without the leading @',
        );
      }
      if (!byUsernameOrPhone) {
        for (const key of ['username', 'phone'] as const) {
          if (value[key] !== undefined) {
            report(
              key,
              'VALIDATION_ERROR',
              `${key} is for Telegram chats only: use chatId for ${chatType}`,
            );
          }
        }
      }
    }),
    v.rawCheck(({ dataset, addIssue }) => {
      if (!dataset.typed) return;
      const value = dataset.value as Flat;
      const report = reporter(addIssue as AddIssue, value);
      const { text, contentUri, templateId, chatType } = value;
      const limit = textLimits[chatType];
      if (text !== undefined && contentUri !== undefined) {
        report(
          'contentUri',
          'MESSAGE_ONLY_TEXT_OR_CONTENT',
          'send either text or contentUri, not both',
        );
      } else if (text === undefined && contentUri === undefined && templateId === undefined) {
        report('text', 'MESSAGE_NOTHING_TO_SEND', 'give text, contentUri or templateId');
      } else if (text !== undefined && isBlank(text)) {
        report('text', 'MESSAGE_TEXT_CAN_NOT_BE_BLANK', 'text must not be blank');
      } else if (contentUri !== undefined && isBlank(contentUri)) {
        report('contentUri', 'MESSAGE_CONTENT_CAN_NOT_BE_BLANK', 'contentUri must not be blank');
      } else if (contentUri !== undefined && !isHttpUrl(contentUri)) {
        report(
          'contentUri',
          'VALIDATION_ERROR',
          'contentUri must be an http(s) URL the server can download',
        );
      } else if (text !== undefined && limit !== undefined && isLongerThan(text, limit)) {
        report(
          'text',
          'MESSAGE_TEXT_TOO_LONG',
          `text is limited to ${limit} characters for ${chatType}`,
        );
      }
    }),
  );
  // The checks above are what narrow the flat object into the union; TypeScript cannot see
  // through rawCheck, so the schema is typed by what it guarantees.
  return schema as unknown as SendMessageRequestSchemaType;
}

/** The send-message request schema with the page's chat types and limits. */
export const SendMessageRequestSchema: SendMessageRequestSchemaType =
  /* @__PURE__ */ createSendMessageRequestSchema();
