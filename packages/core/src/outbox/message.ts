import { parseSendMessageRequest } from '../core/validate';
import { WazzupError } from '../errors/classes';
import { createCrmMessageId } from '../internal/crm-message-id';
import type { SendMessageRequest, SendMessageRequestSchemaType } from '../schemas/request-types';

/** A send-message request whose crmMessageId is fixed, as an outbox carries it. */
export type OutboxMessage = SendMessageRequest & { crmMessageId: string };

/**
 * What an outbox queues: the message validated with core's schema (pass the sending client's, if
 * it has `textLimits` or `allowChatTypes`) and its crmMessageId, yours or a new one. Bad input
 * throws `WazzupValidationError` here, so it never enters a queue.
 */
export function outboxMessage(
  input: SendMessageRequest,
  schema?: SendMessageRequestSchemaType,
): OutboxMessage {
  const message = parseSendMessageRequest(input, schema);
  return { ...message, crmMessageId: message.crmMessageId ?? createCrmMessageId() };
}

/**
 * Part of an `enqueueMany` call failed after earlier parts were queued: `queued` are on the queue
 * and will be sent (do not enqueue them again), `notQueued` are not.
 */
export class WazzupEnqueueError extends WazzupError {
  override name = 'WazzupEnqueueError';
  constructor(
    readonly queued: readonly { crmMessageId: string }[],
    readonly notQueued: readonly { crmMessageId: string }[],
    cause: unknown,
  ) {
    super(
      `${queued.length} messages were queued and ${notQueued.length} were not: ${cause instanceof Error ? cause.message : String(cause)}`,
      { cause },
    );
  }
}
