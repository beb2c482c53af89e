import {
  createCrmMessageId,
  parseSendMessageRequest,
  type SendMessageRequest,
  type SendMessageRequestSchemaType,
} from '@wazzup-sdk/core';
import type { QueueProducer } from './bindings';
import type { OutboxEnvelope } from './envelope';

/** Options of {@link enqueueMessage} and {@link enqueueMessages}. */
export interface EnqueueOptions {
  /** The schema to validate with: pass the consumer client's if it has textLimits or allowChatTypes. */
  schema?: SendMessageRequestSchemaType;
  /** Hold the message back this long before its first delivery. */
  delaySeconds?: number;
}

/** Cloudflare's limit on messages per `sendBatch`. */
const BATCH_LIMIT = 100;

/** The send options a queue takes: the delay, when one is set. */
function sendOptions(options: EnqueueOptions): { delaySeconds?: number } {
  return options.delaySeconds === undefined ? {} : { delaySeconds: options.delaySeconds };
}

function envelopeFor(input: SendMessageRequest, options: EnqueueOptions): OutboxEnvelope {
  const message = parseSendMessageRequest(input, options.schema);
  return {
    wazzupOutbox: 1,
    message: { ...message, crmMessageId: message.crmMessageId ?? createCrmMessageId() },
    enqueuedAt: Date.now(),
  };
}

/**
 * Validates a message with core's schema and puts it on the outbox queue with its crmMessageId
 * (yours, or one made here), which it returns so you can track the message. Bad input throws
 * `WazzupValidationError` here and is never parked in the queue.
 *
 * @example
 * const { crmMessageId } = await enqueueMessage(env.WAZZUP_QUEUE, {
 *   channelId, chatType: 'whatsapp', chatId: '79011112233', text: 'Your order has shipped',
 * });
 */
export async function enqueueMessage(
  queue: QueueProducer<OutboxEnvelope>,
  input: SendMessageRequest,
  options: EnqueueOptions = {},
): Promise<{ crmMessageId: string }> {
  const envelope = envelopeFor(input, options);
  await queue.send(envelope, sendOptions(options));
  return { crmMessageId: envelope.message.crmMessageId };
}

/**
 * {@link enqueueMessage} for many messages, in `sendBatch` calls of 100. Every message is
 * validated before the first is enqueued, so one bad message enqueues none.
 */
export async function enqueueMessages(
  queue: QueueProducer<OutboxEnvelope>,
  inputs: readonly SendMessageRequest[],
  options: EnqueueOptions = {},
): Promise<{ crmMessageId: string }[]> {
  const envelopes = inputs.map((input) => envelopeFor(input, options));
  const delay = sendOptions(options);
  for (let start = 0; start < envelopes.length; start += BATCH_LIMIT) {
    await queue.sendBatch(
      envelopes.slice(start, start + BATCH_LIMIT).map((body) => ({ body, ...delay })),
    );
  }
  return envelopes.map((envelope) => ({ crmMessageId: envelope.message.crmMessageId }));
}
