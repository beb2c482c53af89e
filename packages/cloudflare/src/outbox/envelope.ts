import type { SendMessageRequest } from '@wazzup-sdk/core';

/** A send-message request whose crmMessageId is fixed, as the outbox carries it. */
export type OutboxMessage = SendMessageRequest & { crmMessageId: string };

/** What `enqueueMessage` puts on the queue. */
export interface OutboxEnvelope {
  /** Marks the body as the outbox's, format version 1. */
  wazzupOutbox: 1;
  message: OutboxMessage;
  /** When the producer enqueued it (ms since the epoch). */
  enqueuedAt: number;
}

/** Whether a queue body is an outbox envelope. */
export function isOutboxEnvelope(body: unknown): body is OutboxEnvelope {
  const envelope = body as Partial<OutboxEnvelope> | null;
  return (
    typeof envelope === 'object' &&
    envelope !== null &&
    envelope.wazzupOutbox === 1 &&
    typeof envelope.message?.crmMessageId === 'string'
  );
}
