import type { OutboxMessage } from '@wazzup-sdk/core/outbox';

export type { OutboxMessage } from '@wazzup-sdk/core/outbox';

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
