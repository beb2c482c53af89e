import * as v from 'valibot';
import { checkButtons } from './buttons';
import { isBlank, phoneSchema, usernameSchema } from './chat-target';
import { CHAT_TYPES } from './chat-types';
import { deferred } from './deferred';
import { exactObject } from './exact-object';
import { issueMessage } from './issue-message';
import type { TextLimits } from './limits';
import {
  type AddIssue,
  checkChatTarget,
  checkContent,
  type Flat,
  INVALID,
  reporter,
} from './request-rules';
import type { RequestSchemaOptions, SendMessageRequestSchemaType } from './request-types';

// The send request's schema: each field's own checks, then the cross-field rules (who the chat
// is, what is sent, the buttons). Its public types live in request-types.ts.

const UUID = /^[\da-f]{8}(?:-[\da-f]{4}){3}-[\da-f]{12}$/i;

// @__NO_SIDE_EFFECTS__
function optionalString(field: string) {
  return v.optional(v.string(issueMessage(INVALID, `${field} must be a string`)));
}

// @__NO_SIDE_EFFECTS__
function optionalBoolean(field: string) {
  return v.optional(v.boolean(issueMessage(INVALID, `${field} must be a boolean`)));
}

// Built inside the request schema's factory rather than at module level, so importing this module
// costs nothing and a bundle that never validates leaves valibot out. The fields every layout may
// carry have their types checked here; which of them a chat type takes is the buttons rule's.
function buttonsObjectSchema() {
  return v.pipe(
    v.custom<Record<string, unknown>>(
      (input) => typeof input === 'object' && input !== null && !Array.isArray(input),
      issueMessage(INVALID, 'buttonsObject must be an object'),
    ),
    v.looseObject({
      buttons: v.optional(
        v.array(v.unknown(), issueMessage(INVALID, 'buttonsObject.buttons must be an array')),
      ),
      id: optionalString('buttonsObject.id'),
      payload: optionalString('buttonsObject.payload'),
      replyMarkup: optionalString('buttonsObject.replyMarkup'),
      removeKeyboard: optionalBoolean('buttonsObject.removeKeyboard'),
      oneTimeKeyboard: optionalBoolean('buttonsObject.oneTimeKeyboard'),
      chatType: optionalString('buttonsObject.chatType'),
    }),
  );
}

/**
 * Builds the send-message request schema for a client's options. Rules run in a fixed order so the
 * first issue is the one the server would answer: unknown keys, then each field's own type, then
 * who the chat is, then what is sent, then the buttons.
 */
// @__NO_SIDE_EFFECTS__
export function createSendMessageRequestSchema(
  options: RequestSchemaOptions = {},
): SendMessageRequestSchemaType {
  const chatTypes: string[] = [...CHAT_TYPES, ...(options.allowChatTypes ?? [])];
  const textLimits: TextLimits = { ...options.textLimits };
  const unknownKeys = options.unknownKeys ?? 'refuse';
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
          v.string(issueMessage(INVALID, 'channelId must be a string')),
          v.regex(UUID, issueMessage(INVALID, 'channelId must be a channel UUID')),
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
            v.string(issueMessage(INVALID, 'crmMessageId must be a string')),
            v.check(
              (id) => !isBlank(id),
              issueMessage(
                INVALID,
                'crmMessageId must not be blank: it is what keeps a message from being sent twice',
              ),
            ),
          ),
        ),
        username: v.optional(usernameSchema(INVALID)),
        phone: v.optional(phoneSchema(INVALID)),
        clearUnanswered: optionalBoolean('clearUnanswered'),
        templateId: optionalString('templateId'),
        templateValues: v.optional(
          v.array(
            v.string(issueMessage(INVALID, 'templateValues must hold strings only')),
            issueMessage(INVALID, 'templateValues must be an array of strings'),
          ),
        ),
        buttonsObject: v.optional(buttonsObjectSchema()),
      },
      'the message',
      {
        missing: {
          channelId: issueMessage(
            INVALID,
            'channelId is required: the UUID of the channel to send through',
          ),
          chatType: missingChatType,
        },
        code: INVALID,
        unknownKeys,
      },
    ),
    // The rules in one action, in order: one pipe step and one reporter per send.
    v.rawCheck(({ dataset, addIssue }) => {
      if (!dataset.typed) return;
      const value = dataset.value as Flat;
      const report = reporter(addIssue as AddIssue, value);
      checkChatTarget(value, report);
      checkContent(value, report, textLimits);
      checkButtons(value, report, unknownKeys);
    }),
  );
  // The checks above are what narrow the flat object into the union; TypeScript cannot see
  // through rawCheck, so the schema is typed by what it guarantees.
  return schema as unknown as SendMessageRequestSchemaType;
}

/** The send-message request schema with the service's chat types and limits. */
export const SendMessageRequestSchema: SendMessageRequestSchemaType = /* @__PURE__ */ deferred(() =>
  createSendMessageRequestSchema(),
);
