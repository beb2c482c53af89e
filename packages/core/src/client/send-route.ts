import { WazzupApiError } from '../errors/classes';
import type { Redact } from '../errors/redact';
import type { SendMessageResult } from './contract';
import { parseJson, type RawAnswer } from './raw-answer';
import type { Route } from './retry-loop';

const DUPLICATE_CODE = 'repeatedCrmMessageId';

/**
 * `POST /v3/message` as a route. Safe to repeat because its body carries one crmMessageId on
 * every attempt: a repeat the service already has is answered `repeatedCrmMessageId`, which
 * settles the call as `duplicate` instead of failing it. A class, so a send waiting in the queue
 * holds two strings and no closures (a queue may hold tens of thousands).
 */
class SendRoute implements Route<SendMessageResult> {
  readonly method = 'POST';
  readonly path = '/v3/message';
  constructor(
    readonly body: string,
    readonly crmMessageId: string,
  ) {}

  read(answer: RawAnswer, redact: Redact): SendMessageResult | WazzupApiError {
    const { crmMessageId } = this;
    // The shape of SendMessageResponseSchema, read by hand: a send bundles no schema for it.
    const { messageId, chatId } = (parseJson(answer.text) ?? {}) as Record<string, unknown>;
    // Ids that hold a secret come from a server echoing it, not from Wazzup: never hand them on.
    if (
      typeof messageId === 'string' &&
      messageId !== '' &&
      typeof chatId === 'string' &&
      redact(messageId) === messageId &&
      redact(chatId) === chatId
    ) {
      return { status: 'sent', messageId, chatId, crmMessageId };
    }
    // Never retried: the service said yes, so the message may well be out.
    return new WazzupApiError({
      status: answer.status,
      code: 'INVALID_RESPONSE',
      description: `HTTP ${answer.status} with a body that is not a send result; the message may have been sent (crmMessageId ${crmMessageId})`,
    });
  }

  settle(error: WazzupApiError): SendMessageResult | undefined {
    return error.code === DUPLICATE_CODE
      ? { status: 'duplicate', crmMessageId: this.crmMessageId }
      : undefined;
  }
}

/** `POST /v3/message` with this body and crmMessageId, as a route for the retry loop. */
export function sendRoute(body: string, crmMessageId: string): Route<SendMessageResult> {
  return new SendRoute(body, crmMessageId);
}
