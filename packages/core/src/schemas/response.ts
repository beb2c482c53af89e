import * as v from 'valibot';
import { deferred } from './deferred';

/** The 201 answer to a send: the new message's id and the chat it went to. */
export interface SendMessageResponse {
  /** Wazzup's id of the message. */
  messageId: string;
  /** The chat id (for Telegram sends by username or phone, the id to use next time). */
  chatId: string;
}

/** Schema of the 201 answer; fields the service may add are ignored, not rejected. */
export const SendMessageResponseSchema: v.GenericSchema<SendMessageResponse> =
  /* @__PURE__ */ deferred(() =>
    v.object({
      messageId: v.pipe(v.string(), v.minLength(1)),
      chatId: v.string(),
    }),
  );
