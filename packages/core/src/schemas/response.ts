import * as v from 'valibot';

/** The 201 answer to a send: the new message's id and the chat it went to. */
export interface SendMessageResponse {
  /** Wazzup's id of the message. */
  messageId: string;
  /** The chat id (for Telegram sends by username or phone, the id to use next time). */
  chatId: string;
}

/** Schema of the 201 answer; fields the service may add are ignored, not rejected. */
export const SendMessageResponseSchema: v.GenericSchema<SendMessageResponse> =
  /* @__PURE__ */ v.object({
    messageId: /* @__PURE__ */ v.pipe(/* @__PURE__ */ v.string(), /* @__PURE__ */ v.minLength(1)),
    chatId: /* @__PURE__ */ v.string(),
  });
