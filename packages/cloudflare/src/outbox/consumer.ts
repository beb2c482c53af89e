import type { RateLimit, SendMessageResult, WazzupOptions } from '@wazzup-sdk/core';
import { DEFAULT_RATE_LIMIT, DUPLICATE_WINDOW_MS } from '@wazzup-sdk/core/internal';
import {
  afterClaim,
  type DeadLetter,
  type DeadLetterReason,
  decide,
  describeError,
  type LedgerSettings,
  type NextStep,
  outboxTiming,
  type Settlement,
  type SlotEnd,
} from '@wazzup-sdk/core/outbox';
import { createSender, type WazzupEnv } from '../create-wazzup';
import type {
  DurableObjectNamespaceLike,
  QueueBatch,
  QueueMessage,
  QueueProducer,
} from './bindings';
import { isOutboxEnvelope, type OutboxEnvelope } from './envelope';
import { outboxFor } from './outbox-stub';
import type { Begin } from './protocol';

/** Options of {@link createOutboxConsumer}. */
export interface OutboxConsumerOptions<Env = unknown> {
  /** Env binding of the {@link WazzupOutbox} Durable Object; default `WAZZUP_OUTBOX`. */
  outboxBinding?: string;
  /** Env binding of the dead-letter queue producer; default `WAZZUP_DEAD_LETTERS`. */
  deadLetterBinding?: string;
  /** Requests per window for the key, shared by every consumer; default the API's 500 / 5 s. */
  rateLimit?: RateLimit;
  /** How long the service remembers a crmMessageId; default 60 000 ms. */
  duplicateWindowMs?: number;
  /** Deliveries of one message before it is dead-lettered; keep it below the queue's max_retries. Default 10. */
  maxAttempts?: number;
  /** Longest retry delay, in seconds; default 60. */
  maxRetryDelaySeconds?: number;
  /**
   * Re-sends, within the same delivery, of a send whose outcome is unknown (5xx, reset, timeout),
   * before handing the message back to the queue; default 2.
   */
  inlineResends?: number;
  /** How long the ledger remembers a crmMessageId; default 14 days, Queues' longest retention. */
  ledgerTtlMs?: number;
  /** Options of the client that sends (its own retries and rate limit are off: the queue and the outbox do both). */
  client?: Partial<Omit<WazzupOptions, 'apiKey' | 'maxRetries' | 'rateLimit'>>;
  /**
   * Called with each send's result before the ledger records it (to store the messageId, count,
   * log). If it throws, the batch fails like a crash: the queue delivers the message again and the
   * ledger makes that a `duplicate`, so it runs at least once per message.
   */
  onResult?: (
    result: SendMessageResult,
    message: QueueMessage<OutboxEnvelope>,
    env: Env,
  ) => unknown;
}

/** A Worker `queue()` handler. */
export type OutboxConsumer<Env> = (batch: QueueBatch<unknown>, env: Env) => Promise<void>;

// The client's numbers come from core's contract, never copied: the margin below and the lease
// TTL are only right while they match what core's client does.
const DEFAULTS = {
  outboxBinding: 'WAZZUP_OUTBOX',
  deadLetterBinding: 'WAZZUP_DEAD_LETTERS',
  rateLimit: DEFAULT_RATE_LIMIT,
  duplicateWindowMs: DUPLICATE_WINDOW_MS,
  maxAttempts: 10,
  maxRetryDelaySeconds: 60,
  inlineResends: 2,
  ledgerTtlMs: 14 * 24 * 60 * 60 * 1000,
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Creates the `queue()` handler of the outbox: sends each message with core under the key's
 * shared rate limit, acks it on `sent` and `duplicate`, retries transient failures with the
 * queue's own delay, and puts refusals and messages whose outcome can no longer be known on the
 * dead-letter queue with the typed error. See the README's "Sending at scale" for the guarantee.
 *
 * @example
 * export { WazzupOutbox } from '@wazzup-sdk/cloudflare/outbox';
 * const consume = createOutboxConsumer();
 * export default { queue: (batch, env) => consume(batch, env) };
 */
export function createOutboxConsumer<Env extends WazzupEnv>(
  options: OutboxConsumerOptions<Env> = {},
): OutboxConsumer<Env> {
  const settings = { ...DEFAULTS, ...options };
  const timing = outboxTiming(options.client?.timeoutMs);
  const ledger: LedgerSettings = {
    duplicateWindowMs: settings.duplicateWindowMs,
    marginMs: timing.marginMs,
    ttlMs: settings.ledgerTtlMs,
  };
  const decision = { ...settings, marginMs: ledger.marginMs };

  return async (batch, env) => {
    const bindings = env as unknown as Record<string, unknown>;
    const namespace = bindings[settings.outboxBinding] as DurableObjectNamespaceLike;
    const deadLetters = bindings[settings.deadLetterBinding] as QueueProducer<DeadLetter>;
    if (!namespace || !deadLetters) {
      throw new Error(
        `The outbox needs the ${settings.outboxBinding} and ${settings.deadLetterBinding} bindings`,
      );
    }
    // createSender throws WazzupConfigError when the key is missing, so the key below is set.
    const client = createSender({ ...options.client, env, maxRetries: 0, rateLimit: false });
    const outbox = await outboxFor(namespace, env.WAZZUP_API_KEY as string);
    // Each message settles on its own; a crash in one fails the batch only after the others are
    // acked, so the queue redelivers just the unfinished ones.
    const results = await Promise.allSettled(
      batch.messages.map((message) => handle(message as QueueMessage<OutboxEnvelope>)),
    );
    const crash = results.find((result) => result.status === 'rejected');
    if (crash) throw (crash as PromiseRejectedResult).reason;

    async function deadLetter(
      message: QueueMessage<unknown>,
      reason: DeadLetterReason,
      details: { error?: unknown; mayHaveBeenSent: boolean },
    ) {
      const envelope = isOutboxEnvelope(message.body) ? message.body : undefined;
      await deadLetters.send({
        wazzupDeadLetter: 1,
        reason,
        mayHaveBeenSent: details.mayHaveBeenSent,
        crmMessageId: envelope?.message.crmMessageId,
        message: envelope?.message ?? message.body,
        error: describeError(details.error),
        attempts: message.attempts,
        enqueuedAt: envelope?.enqueuedAt,
        deadAt: Date.now(),
      });
      message.ack();
    }

    /** Waits for a slot under the key's rate limit, and asks the ledger about the message. */
    async function begin(
      crmMessageId: string,
      urgent: boolean,
    ): Promise<Exclude<Begin, { waitMs: number }>> {
      for (;;) {
        const answer = await outbox.call({
          op: 'begin',
          crmMessageId,
          settings: ledger,
          rate: settings.rateLimit,
          leaseTtlMs: timing.leaseTtlMs,
          urgent,
        });
        if (!('waitMs' in answer)) return answer;
        await sleep(answer.waitMs);
      }
    }

    /** Carries a decision out; `resend` is the caller's to do (it loops). */
    async function carryOut(
      step: Exclude<NextStep, { action: 'resend' }>,
      message: QueueMessage<OutboxEnvelope>,
      error?: unknown,
    ): Promise<void> {
      if (step.action === 'ack') return message.ack();
      if (step.action === 'retry') return message.retry({ delaySeconds: step.delaySeconds });
      return deadLetter(message, step.reason, { error, mayHaveBeenSent: step.mayHaveBeenSent });
    }

    async function handle(message: QueueMessage<OutboxEnvelope>): Promise<void> {
      if (!isOutboxEnvelope(message.body)) {
        return deadLetter(message, 'malformed', { mayHaveBeenSent: false });
      }
      const { crmMessageId } = message.body.message;
      for (let resend = 0; ; resend++) {
        const begun = await begin(crmMessageId, resend > 0 || message.attempts > 1);
        if (!('lease' in begun)) return carryOut(afterClaim(begun.claim), message);
        const { claim, lease } = begun;
        const finish = (settlement: Settlement, slot: SlotEnd = 'release') =>
          outbox.call({
            op: 'finish',
            crmMessageId,
            claim,
            settlement,
            settings: ledger,
            lease,
            rate: settings.rateLimit,
            slot,
          });
        let outcome: { result: SendMessageResult } | { error: unknown };
        try {
          outcome = { result: await client.messages.send(message.body.message) };
        } catch (error) {
          outcome = { error };
        }
        const { settlement, slot, next } = decide({
          outcome,
          claim,
          resend,
          attempts: message.attempts,
          now: Date.now(),
          settings: decision,
        });
        if ('result' in outcome) await options.onResult?.(outcome.result, message, env);
        await finish(settlement, slot);
        if (next.action === 'resend') {
          await sleep(next.pauseMs);
          continue;
        }
        return carryOut(next, message, 'error' in outcome ? outcome.error : undefined);
      }
    }
  };
}
