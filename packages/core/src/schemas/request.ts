import * as v from 'valibot';
import { CHAT_TYPES } from './chat-types';
import { deferred } from './deferred';
import { exactObject } from './exact-object';
import { issueMessage } from './issue-message';
import {
  DEFAULT_TEXT_LIMITS,
  isLongerThan,
  MAX_BUTTON_TEXT,
  MAX_BUTTONS,
  type TextLimits,
} from './limits';
import {
  type AddIssue,
  checkChatTarget,
  checkContent,
  type Flat,
  isBlank,
  isHttpUrl,
  reporter,
} from './request-rules';
import type { RequestSchemaOptions, SendMessageRequestSchemaType } from './request-types';

// The send request's schema: each field's own checks, then the two cross-field rules
// (request-rules.ts). Its public types live in request-types.ts.

const UUID = /^[\da-f]{8}(?:-[\da-f]{4}){3}-[\da-f]{12}$/i;
const DIGITS = /^\d+$/;

// @__NO_SIDE_EFFECTS__
function optionalString(field: string) {
  return v.optional(v.string(issueMessage('VALIDATION_ERROR', `${field} must be a string`)));
}

// @__NO_SIDE_EFFECTS__
function optionalBoolean(field: string) {
  return v.optional(v.boolean(issueMessage('VALIDATION_ERROR', `${field} must be a boolean`)));
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
    // Both rules in one action, who before what: one pipe step and one reporter per send.
    v.rawCheck(({ dataset, addIssue }) => {
      if (!dataset.typed) return;
      const value = dataset.value as Flat;
      const report = reporter(addIssue as AddIssue, value);
      checkChatTarget(value, report);
      checkContent(value, report, textLimits);
    }),
  );
  // The checks above are what narrow the flat object into the union; TypeScript cannot see
  // through rawCheck, so the schema is typed by what it guarantees.
  return schema as unknown as SendMessageRequestSchemaType;
}

/** The send-message request schema with the page's chat types and limits. */
export const SendMessageRequestSchema: SendMessageRequestSchemaType = /* @__PURE__ */ deferred(() =>
  createSendMessageRequestSchema(),
);
