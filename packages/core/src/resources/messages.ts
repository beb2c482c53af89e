import * as v from 'valibot';
import type { CallOptions } from '../client/contract';
import { validateInput } from '../client/validate';
import { deferred, perMode } from '../schemas/deferred';
import { exactObject } from '../schemas/exact-object';
import { issueMessage } from '../schemas/issue-message';
import { call, type Engine, goneAfterRetry, idPath, readDone, withBody } from './shared';

/** The new content of a sent message: its text, or a file by URL, never both. */
export type MessageEdit =
  | { text: string; contentUri?: never }
  | { contentUri: string; text?: never };

/** Per-call options of `editMessage`. */
export interface EditMessageOptions extends CallOptions {
  /** The CRM user making the edit, as with `crmUserId` on a send. */
  crmUserId?: string;
}

const nonBlank = (field: string, code: string) =>
  v.pipe(
    v.string(issueMessage('VALIDATION_ERROR', `${field} must be a string`)),
    v.check((text) => text.trim() !== '', issueMessage(code, `${field} must not be blank`)),
  );

type EditBody = {
  text?: string | undefined;
  contentUri?: string | undefined;
  crmUserId?: string | undefined;
};

const editMessageRequestSchema = /* @__PURE__ */ perMode(
  (unknownKeys): v.GenericSchema<unknown, EditBody> =>
    v.pipe(
      exactObject(
        {
          text: v.optional(nonBlank('text', 'MESSAGE_TEXT_CAN_NOT_BE_BLANK')),
          contentUri: v.optional(
            v.pipe(
              nonBlank('contentUri', 'MESSAGE_CONTENT_CAN_NOT_BE_BLANK'),
              v.url(issueMessage('VALIDATION_ERROR', 'contentUri must be a URL')),
            ),
          ),
          crmUserId: v.optional(nonBlank('crmUserId', 'VALIDATION_ERROR')),
        },
        'the edit',
        { unknownKeys },
      ),
      v.check(
        (edit) => edit.text === undefined || edit.contentUri === undefined,
        issueMessage('MESSAGE_ONLY_TEXT_OR_CONTENT', 'edit either text or contentUri, not both'),
      ),
      v.check(
        (edit) => edit.text !== undefined || edit.contentUri !== undefined,
        issueMessage('MESSAGE_NOTHING_TO_SEND', 'give text or contentUri'),
      ),
    ),
);

/** Schema of an edit's body: `{ text }` or `{ contentUri }` (never both), and `crmUserId?`. */
export const EditMessageRequestSchema: v.GenericSchema<unknown, EditBody> =
  /* @__PURE__ */ deferred(() => editMessageRequestSchema('refuse'));

/** Edit and delete of sent messages. */
export interface MessageMethods {
  /**
   * Changes a sent message's text or file (`PATCH /v3/message/:messageId`). Safe to repeat: an
   * edit sets the content, so a second one sets it again. Past the service's time limit it answers
   * `MESSAGES_EDITING_TIME_EXPIRED`; WABA channels refuse edits
   * (`CHANNEL_INVALID_TRANSPORT_FOR_EDITING`).
   */
  editMessage(messageId: string, edit: MessageEdit, options?: EditMessageOptions): Promise<void>;
  /**
   * Deletes a sent message (`DELETE /v3/message/:messageId`). Safe to repeat; a retry answered
   * `MESSAGES_NOT_FOUND` after an attempt that may have reached the service counts as deleted.
   */
  deleteMessage(messageId: string, options?: CallOptions): Promise<void>;
}

/** The message methods on an engine. */
export function messageMethods(engine: Engine): MessageMethods {
  return {
    async editMessage(messageId, edit, options = {}) {
      const path = `/v3/message/${idPath(messageId, 'messageId')}`;
      const { crmUserId, ...callOptions } = options;
      const body = validateInput(
        editMessageRequestSchema(engine.unknownKeys),
        { ...edit, crmUserId },
        'VALIDATION_ERROR',
      );
      await call(engine, withBody('PATCH', path, body, readDone), callOptions);
    },
    async deleteMessage(messageId, options) {
      const path = `/v3/message/${idPath(messageId, 'messageId')}`;
      await call(
        engine,
        { method: 'DELETE', path, read: readDone, settle: goneAfterRetry },
        options,
      );
    },
  };
}
