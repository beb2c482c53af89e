import { WazzupApiError } from '../errors/classes';
import type { SendMessageResult } from './contract';
import { parseJson } from './raw-answer';
import type { Route } from './retry-loop';

const DUPLICATE_CODE = 'repeatedCrmMessageId';

/**
 * `POST /v3/message` as a route. Safe to repeat because its body carries one crmMessageId on
 * every attempt: a repeat the service already has is answered `repeatedCrmMessageId`, which
 * settles the call as `duplicate` instead of failing it.
 */
export function sendRoute(body: string, crmMessageId: string): Route<SendMessageResult> {
  return {
    method: 'POST',
    path: '/v3/message',
    body,
    crmMessageId,
    read(answer, redact) {
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
    },
    settle: (error) =>
      error.code === DUPLICATE_CODE ? { status: 'duplicate', crmMessageId } : undefined,
  };
}
