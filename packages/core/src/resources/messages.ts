import * as v from 'valibot';
import type { CallOptions } from '../core/options';
import { type WazzupPromise, wazzupPromise } from '../core/promise';
import { validateInput, validateRequest } from '../core/validate';
import { parseJson, type RawAnswer } from '../errors/answer';
import { WazzupApiError } from '../errors/classes';
import type { Redact } from '../errors/redact';
import { createCrmMessageId } from '../internal/crm-message-id';
import { type Engine, type Route, request } from '../internal/request';
import { deferred, perMode } from '../schemas/deferred';
import { exactObject } from '../schemas/exact-object';
import { issueMessage } from '../schemas/issue-message';
import { createSendMessageRequestSchema } from '../schemas/request';
import type { SendMessageRequest, SendMessageRequestSchemaType } from '../schemas/request-types';
import { SendMessageResponseSchema } from '../schemas/response';
import {
  call,
  engineOf,
  goneAfterRetry,
  guarded,
  idPath,
  Resource,
  readDone,
  withBody,
} from './shared';

/** A message the service accepted just now. */
export interface SentResult {
  status: 'sent';
  /** Wazzup's id of the new message. */
  messageId: string;
  /** The chat it went to (for Telegram by username or phone: the id to use from now on). */
  chatId: string;
  /** The idempotency key used: yours, or the one generated for this call. */
  crmMessageId: string;
}

/** The service had already delivered a message with this crmMessageId; nothing new was sent. */
export interface DuplicateResult {
  status: 'duplicate';
  crmMessageId: string;
}

/** What `messages.send` resolves to. */
export type SendMessageResult = SentResult | DuplicateResult;

/** The duplicate's codes: the newer pages' and the send page's prose spelling, both seen. */
const DUPLICATE_CODES = ['repeatedCrmMessageId', 'REPEATED_CRM_MESSAGE_ID'];

/**
 * `POST /v3/message` as a route. Safe to repeat because its body carries one crmMessageId on
 * every attempt: a repeat the service already has is answered as a duplicate, which settles the
 * call as `duplicate` instead of failing it. A class, so a send queued behind the rate limit holds
 * its fields and not two closures of its own.
 */
class SendRoute implements Route<SendMessageResult> {
  readonly method = 'POST';
  readonly path = '/v3/message';
  readonly route = 'POST /v3/message';

  constructor(
    readonly body: string,
    readonly crmMessageId: string,
  ) {}

  read(answer: RawAnswer, redact: Redact): SendMessageResult | WazzupApiError {
    const { crmMessageId } = this;
    const parsed = v.safeParse(SendMessageResponseSchema, parseJson(answer.text));
    // Ids that hold a secret come from a server echoing it, not from Wazzup: never hand them on.
    if (
      parsed.success &&
      redact(parsed.output.messageId) === parsed.output.messageId &&
      redact(parsed.output.chatId) === parsed.output.chatId
    ) {
      return { status: 'sent', ...parsed.output, crmMessageId };
    }
    // Never retried: the service said yes, so the message may well be out.
    return new WazzupApiError({
      status: answer.status,
      code: 'INVALID_RESPONSE',
      description: `HTTP ${answer.status} with a body that is not a send result; the message may have been sent (crmMessageId ${crmMessageId})`,
    });
  }

  settle(error: WazzupApiError): { settled: SendMessageResult } | undefined {
    return DUPLICATE_CODES.includes(error.code)
      ? { settled: { status: 'duplicate', crmMessageId: this.crmMessageId } }
      : undefined;
  }
}

/** The send schema of each engine's options, built at its first send. */
const sendSchemas = /* @__PURE__ */ new WeakMap<Engine, SendMessageRequestSchemaType>();

function sendSchemaOf(engine: Engine): SendMessageRequestSchemaType {
  let schema = sendSchemas.get(engine);
  if (!schema) {
    schema = createSendMessageRequestSchema(engine.options.schema);
    sendSchemas.set(engine, schema);
  }
  return schema;
}

/** Sending: all a sender has, and so all it bundles. */
export class MessageSender extends Resource {
  /**
   * Validates `input` (rejecting with `WazzupValidationError` before any request, with the code
   * the service would answer and the field), then sends it with one crmMessageId (yours, or a new
   * one) on every attempt. Resolves `{ status: 'sent', messageId, chatId, crmMessageId }`, or
   * `{ status: 'duplicate', crmMessageId }` when the service already had this crmMessageId.
   */
  send(input: SendMessageRequest, options?: CallOptions): WazzupPromise<SendMessageResult> {
    return guarded(() => {
      const engine = engineOf(this);
      const message = validateRequest(sendSchemaOf(engine), input);
      // The request is valibot's output, a fresh object, so it may take the generated id.
      message.crmMessageId ??= createCrmMessageId();
      // The send's answer is small: the transport's own read limit, not the read routes' `call`.
      const route = new SendRoute(JSON.stringify(message), message.crmMessageId);
      return wazzupPromise(request(engine, route, options));
    });
  }
}

/** The new content of a sent message: its text, or a file by URL, never both. */
export type MessageEdit =
  | { text: string; contentUri?: never }
  | { contentUri: string; text?: never };

/** Per-call options of `messages.edit`. */
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

/** `wazzup.messages`: send, edit and delete. */
export class Messages extends MessageSender {
  /**
   * Changes a sent message's text or file (`PATCH /v3/message/:messageId`). Safe to repeat: an
   * edit sets the content, so a second one sets it again. Past the service's time limit it answers
   * `MESSAGES_EDITING_TIME_EXPIRED`; WABA channels refuse edits
   * (`CHANNEL_INVALID_TRANSPORT_FOR_EDITING`).
   */
  edit(
    messageId: string,
    edit: MessageEdit,
    options: EditMessageOptions = {},
  ): WazzupPromise<void> {
    return guarded(() => {
      const path = `/v3/message/${idPath(messageId, 'messageId')}`;
      const { crmUserId, ...callOptions } = options;
      const body = validateInput(
        editMessageRequestSchema(engineOf(this).options.schema.unknownKeys),
        { ...edit, crmUserId },
        'VALIDATION_ERROR',
      );
      const route = withBody('PATCH', path, body, readDone, 'PATCH /v3/message/:messageId');
      return call(engineOf(this), route, callOptions);
    });
  }

  /**
   * Deletes a sent message (`DELETE /v3/message/:messageId`). Safe to repeat; a retry answered
   * `MESSAGES_NOT_FOUND` after an attempt that may have reached the service counts as deleted.
   */
  delete(messageId: string, options?: CallOptions): WazzupPromise<void> {
    return guarded(() => {
      const path = `/v3/message/${idPath(messageId, 'messageId')}`;
      return call(
        engineOf(this),
        {
          method: 'DELETE',
          path,
          route: 'DELETE /v3/message/:messageId',
          read: readDone,
          settle: goneAfterRetry,
        },
        options,
      );
    });
  }
}
