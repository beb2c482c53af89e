import { type SendMessageRequest, WazzupConfigError } from '@wazzup-sdk/core';
import type { SendMessageRequestSchemaType } from '@wazzup-sdk/core/internal';
import { outboxMessage, WazzupEnqueueError } from '@wazzup-sdk/core/outbox';

export { WazzupEnqueueError } from '@wazzup-sdk/core/outbox';

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

/** The longest delay Cloudflare Queues take: 12 hours. */
const MAX_DELAY_SECONDS = 43_200;

/** The send options a queue takes: the delay, when one is set, checked first. */
function sendOptions(options: EnqueueOptions): { delaySeconds?: number } {
  const { delaySeconds } = options;
  if (delaySeconds === undefined) return {};
  if (!Number.isInteger(delaySeconds) || delaySeconds < 0 || delaySeconds > MAX_DELAY_SECONDS) {
    throw new WazzupConfigError(
      'delaySeconds',
      `delaySeconds must be a whole number of seconds from 0 to ${MAX_DELAY_SECONDS}`,
    );
  }
  return { delaySeconds };
}

function envelopeFor(input: SendMessageRequest, options: EnqueueOptions): OutboxEnvelope {
  return { wazzupOutbox: 1, message: outboxMessage(input, options.schema), enqueuedAt: Date.now() };
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
  const delay = sendOptions(options);
  const envelope = envelopeFor(input, options);
  await queue.send(envelope, delay);
  return { crmMessageId: envelope.message.crmMessageId };
}

/**
 * {@link enqueueMessage} for many messages, in `sendBatch` calls of 100. Every message (and the
 * delay) is checked before the first is enqueued, so one bad message enqueues none. If a later
 * batch fails, the call throws {@link WazzupEnqueueError} with the ids already queued and those
 * not, so a retry enqueues only what is missing.
 */
export async function enqueueMessages(
  queue: QueueProducer<OutboxEnvelope>,
  inputs: readonly SendMessageRequest[],
  options: EnqueueOptions = {},
): Promise<{ crmMessageId: string }[]> {
  const delay = sendOptions(options);
  const envelopes = inputs.map((input) => envelopeFor(input, options));
  const ids = envelopes.map((envelope) => ({ crmMessageId: envelope.message.crmMessageId }));
  for (let start = 0; start < envelopes.length; start += BATCH_LIMIT) {
    try {
      await queue.sendBatch(
        envelopes.slice(start, start + BATCH_LIMIT).map((body) => ({ body, ...delay })),
      );
    } catch (cause) {
      throw new WazzupEnqueueError(ids.slice(0, start), ids.slice(start), cause);
    }
  }
  return ids;
}
