import {
  createWazzup,
  type RateLimit,
  type SendMessageRequest,
  type SendMessageResult,
  type Wazzup,
  WazzupConfigError,
  type WazzupOptions,
} from '@wazzup-sdk/core';
import {
  DEFAULT_RATE_LIMIT,
  DUPLICATE_WINDOW_MS,
  type SendMessageRequestSchemaType,
} from '@wazzup-sdk/core/internal';
import {
  type Claim,
  claimEntry,
  type DeadLetter,
  type DeadLetterReason,
  decide,
  describeError,
  type LedgerEntry,
  type LedgerSettings,
  type OutboxStatus,
  outboxMessage,
  outboxTiming,
  settleEntry,
  WazzupEnqueueError,
} from '@wazzup-sdk/core/outbox';
import { type Job, Queue, UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { checkPrefix, sha256 } from '../redis-client';
import { redisRateLimit } from '../redis-rate-limit';
import { type OutboxJob, type OutboxRecord, recordStore, statusOf } from './record';

/** Options of {@link createRedisOutbox}. */
export interface RedisOutboxOptions {
  /** Your ioredis client: the ledger, the shared rate limit and BullMQ's queue all use it. */
  connection: Redis;
  /**
   * The client to send with. Give it `rateLimit.store: redisRateLimit(connection)` so every
   * worker shares one limit; without it, one is made from `apiKey`, `baseUrl` and `client` (and
   * the environment, as `createWazzup` reads it) with that store.
   */
  wazzup?: Wazzup;
  apiKey?: string;
  baseUrl?: string;
  /** More options of the client made here; its retries are the outbox's (`maxRetries: 0`). */
  client?: Omit<WazzupOptions, 'apiKey' | 'baseUrl' | 'rateLimit'>;
  /** The key's limit, shared by every worker through Redis; default the service's 500 per 5 s. */
  rateLimit?: Omit<RateLimit, 'store'>;
  /** The BullMQ queue's name; default `wazzup-outbox`. */
  name?: string;
  /** What every key starts with; default `wazzup`. */
  prefix?: string;
  /** How long the service remembers a crmMessageId; default 60 000 ms. */
  duplicateWindowMs?: number;
  /** Deliveries of one message before it is dead-lettered; default 10. */
  maxAttempts?: number;
  /** Longest wait before a message is tried again, in seconds; default 60. */
  maxRetryDelaySeconds?: number;
  /** Re-sends within one delivery of a send whose outcome is unknown; default 2. */
  inlineResends?: number;
  /** How long a message's record (ledger, status, timeline) is kept; default 14 days. */
  ledgerTtlMs?: number;
  /** The schema messages are checked with: the sending client's, if it has `textLimits` or `allowChatTypes`. */
  schema?: SendMessageRequestSchemaType;
}

/** How a message is queued. */
export interface EnqueueOptions {
  /** `interactive` (the default) is sent before any `bulk` message waiting. */
  lane?: 'interactive' | 'bulk';
  /** Hold it back this long before its first try. */
  delaySeconds?: number;
}

/** A worker's options, BullMQ's own. */
export interface OutboxWorkerOptions {
  /** Messages in flight at once in this process; default 50 (they wait for slots in the limiter). */
  concurrency?: number;
  /** How long a job is locked to its worker before it counts as stalled; BullMQ's default 30 000 ms. */
  lockDuration?: number;
  /** How often stalled jobs are looked for; BullMQ's default 30 000 ms. */
  stalledInterval?: number;
  /** Stalls of one job before BullMQ gives up on it; default 10 (a crash is a stall). */
  maxStalledCount?: number;
}

/** A webhook status, as `createWebhookHandler`'s `onStatus` gives it. */
export interface StatusEvent {
  messageId: string;
  status: string;
  timestamp?: string | undefined;
  error?: { error?: string | undefined } | undefined;
}

/** The outbox: enqueue, track and re-drive messages; run workers with {@link RedisOutbox.startWorker}. */
export interface RedisOutbox {
  /** Validates a message and queues it: bad input throws `WazzupValidationError` and queues nothing. */
  enqueue(message: SendMessageRequest, options?: EnqueueOptions): Promise<{ crmMessageId: string }>;
  /** Validates every message first, then queues them in batches; see `WazzupEnqueueError`. */
  enqueueMany(
    messages: readonly SendMessageRequest[],
    options?: EnqueueOptions,
  ): Promise<{ crmMessageId: string }[]>;
  /** Where a message stands, or `undefined` for one this outbox never queued (or forgot). */
  status(crmMessageId: string): Promise<OutboxStatus | undefined>;
  /**
   * Records a status webhook against its message; `false` when no message of this outbox has that
   * messageId yet (it is kept ten minutes, for a send whose answer is still on its way).
   */
  recordStatus(status: StatusEvent): Promise<boolean>;
  /** Dead letters, newest first. */
  deadLetters(options?: { offset?: number; limit?: number }): Promise<DeadLetter[]>;
  /**
   * Queues a dead message again, with a clean ledger: for `outcome-unknown`, only once you know
   * the service does not have it. `false` when it is not dead.
   */
  redrive(crmMessageId: string): Promise<boolean>;
  /** Starts a worker in this process: it sends until closed. */
  startWorker(options?: OutboxWorkerOptions): { close(): Promise<void> };
  /** Closes the workers this outbox started and its queue (not your connection). */
  close(): Promise<void>;
}

/** A job that goes back to BullMQ to come again after `delayMs` (its backoff). */
class RetryLater extends Error {
  constructor(readonly delayMs: number) {
    super(`tried again in ${delayMs} ms`);
  }
}

const ORPHAN_TTL_MS = 10 * 60 * 1000;
const MAX_DELAY_SECONDS = 365 * 24 * 60 * 60;

// Takes every status kept for a messageId, at once, so two takers never both get one.
const TAKE_ORPHANS = `
local items = redis.call('LRANGE', KEYS[1], 0, -1)
redis.call('DEL', KEYS[1])
return items
`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A durable outbox on BullMQ: messages are validated and queued as jobs (the crmMessageId is the
 * job's id, so queuing one twice queues it once), sent by workers in any number of processes
 * under one rate limit in Redis, interactive ones first. A job whose worker died is resumed by
 * BullMQ; the ledger then sends it again only while the service's duplicate window covers the
 * first attempt (answered `duplicate`), and past it gives it up as `outcome-unknown`, never sent
 * blindly. `status()` tells where each message stands, with the statuses its webhooks brought.
 *
 * @example
 * const outbox = createRedisOutbox({ connection: new Redis(process.env.REDIS_URL) });
 * outbox.startWorker();
 * const { crmMessageId } = await outbox.enqueue(message, { lane: 'bulk' });
 */
export function createRedisOutbox(options: RedisOutboxOptions): RedisOutbox {
  const { connection } = options;
  if (!connection || typeof connection.eval !== 'function') {
    throw new WazzupConfigError('connection', 'connection: an ioredis client');
  }
  const prefix = checkPrefix(options.prefix);
  const name = options.name ?? 'wazzup-outbox';
  if (!/^[\w.-]{1,64}$/.test(name)) {
    throw new WazzupConfigError('name', 'name: 1 to 64 letters, digits or _ . -');
  }
  const settings = {
    duplicateWindowMs: options.duplicateWindowMs ?? DUPLICATE_WINDOW_MS,
    maxAttempts: options.maxAttempts ?? 10,
    maxRetryDelaySeconds: options.maxRetryDelaySeconds ?? 60,
    inlineResends: options.inlineResends ?? 2,
  };
  const ttlMs = options.ledgerTtlMs ?? 14 * 24 * 60 * 60 * 1000;
  const timing = outboxTiming(options.wazzup ? undefined : options.client?.timeoutMs);
  const ledger: LedgerSettings = {
    duplicateWindowMs: settings.duplicateWindowMs,
    marginMs: timing.marginMs,
    ttlMs,
  };
  const decision = { ...settings, marginMs: timing.marginMs };
  const base = `${prefix}:outbox:${name}`;
  const records = recordStore(connection, ttlMs);
  const queue = new Queue<OutboxJob>(name, { connection, prefix: `${prefix}:bull` });
  const workers = new Set<{ close(): Promise<void> }>();
  let wazzup = options.wazzup;

  /** The job's id and the record's key: a hash of the crmMessageId (BullMQ refuses `:`). */
  const idOf = async (crmMessageId: string) => `m-${await sha256(crmMessageId)}`;
  const recordKey = (id: string) => `${base}:m:${id}`;
  const fresh = (crmMessageId: string): OutboxRecord => ({
    crmMessageId,
    state: 'queued',
    attempts: 0,
    timeline: [],
  });

  function client(): Wazzup {
    wazzup ??= createWazzup({
      ...options.client,
      ...(options.apiKey !== undefined && { apiKey: options.apiKey }),
      ...(options.baseUrl !== undefined && { baseUrl: options.baseUrl }),
      rateLimit: {
        ...(options.rateLimit ?? DEFAULT_RATE_LIMIT),
        store: redisRateLimit(connection, { prefix }),
      },
    });
    return wazzup;
  }

  async function jobOf(message: SendMessageRequest, queued: EnqueueOptions) {
    const lane = queued.lane ?? 'interactive';
    if (lane !== 'interactive' && lane !== 'bulk') {
      throw new WazzupConfigError('lane', "lane: 'interactive' or 'bulk'");
    }
    const { delaySeconds } = queued;
    if (
      delaySeconds !== undefined &&
      !(Number.isInteger(delaySeconds) && delaySeconds >= 0 && delaySeconds <= MAX_DELAY_SECONDS)
    ) {
      throw new WazzupConfigError(
        'delaySeconds',
        `delaySeconds: a whole number of seconds from 0 to ${MAX_DELAY_SECONDS}`,
      );
    }
    const data: OutboxJob = {
      wazzupOutbox: 1,
      message: outboxMessage(message, options.schema),
      lane,
      enqueuedAt: Date.now(),
    };
    return {
      name: 'send',
      data,
      opts: {
        jobId: await idOf(data.message.crmMessageId),
        // BullMQ serves jobs without a priority before prioritized ones.
        ...(lane === 'bulk' && { priority: 1 }),
        ...(delaySeconds && { delay: delaySeconds * 1000 }),
        // One more than the outbox's own limit, so the outbox decides the last one.
        attempts: settings.maxAttempts + 1,
        backoff: { type: 'wazzup' },
        removeOnComplete: true,
        removeOnFail: false,
      },
    };
  }

  /** Files a message as given up: the dead letter in its record and in the dead list. */
  async function bury(
    id: string,
    data: OutboxJob,
    attempts: number,
    reason: DeadLetterReason,
    details: { mayHaveBeenSent: boolean; error?: unknown },
  ): Promise<void> {
    const deadAt = Date.now();
    const dead: DeadLetter = {
      wazzupDeadLetter: 1,
      reason,
      mayHaveBeenSent: details.mayHaveBeenSent,
      crmMessageId: data.message.crmMessageId,
      message: data.message,
      error: describeError(details.error),
      attempts,
      enqueuedAt: data.enqueuedAt,
      deadAt,
    };
    await records.update(recordKey(id), (record) => {
      if (record?.state === 'sent') return undefined;
      const state = reason === 'outcome-unknown' ? 'outcome-unknown' : 'dead';
      return { ...(record ?? fresh(data.message.crmMessageId)), state, dead };
    });
    await connection.zadd(`${base}:dead`, deadAt, id);
  }

  /** Appends statuses to a record's timeline, in time order, each once. */
  function withStatuses(record: OutboxRecord, events: StatusEvent[]): OutboxRecord {
    for (const event of events) {
      const at = Date.parse(event.timestamp ?? '') || Date.now();
      const entry = {
        status: event.status,
        at,
        ...(event.error?.error && { code: event.error.error }),
      };
      const seen = record.timeline.some((one) => one.status === entry.status && one.at === at);
      if (!seen) record.timeline.push(entry);
    }
    record.timeline.sort((a, b) => a.at - b.at);
    return record;
  }

  /** Moves statuses that came before their message's messageId was known onto its record. */
  async function adoptOrphans(id: string, messageId: string): Promise<void> {
    const raw = (await connection.eval(
      TAKE_ORPHANS,
      1,
      `${base}:orphans:${messageId}`,
    )) as string[];
    if (!raw.length) return;
    const events = raw.map((item) => JSON.parse(item) as StatusEvent);
    await records.update(recordKey(id), (record) => record && withStatuses(record, events));
  }

  async function processJob(job: Job<OutboxJob>): Promise<void> {
    const { data } = job;
    const id = job.id as string;
    const attempts = job.attemptsMade + 1;
    if (data?.wazzupOutbox !== 1 || typeof data.message?.crmMessageId !== 'string') {
      await connection.zadd(`${base}:dead`, Date.now(), id);
      throw new UnrecoverableError('malformed: not an outbox job');
    }
    const key = recordKey(id);
    for (let resend = 0; ; resend++) {
      let claim: Claim = { action: 'ack', messageId: undefined };
      await records.update(key, (record): OutboxRecord | undefined => {
        const current = record ?? fresh(data.message.crmMessageId);
        const claimed = claimEntry(current.ledger, Date.now(), ledger);
        claim = claimed.claim;
        if (claim.action === 'send') {
          return {
            ...current,
            ledger: claimed.write as LedgerEntry,
            state: 'sending',
            attempts: current.attempts + 1,
          };
        }
        return claim.action === 'ack' && current.state !== 'sent'
          ? { ...current, state: 'sent' }
          : undefined;
      });
      // TypeScript cannot see the callback set it.
      const claimed = claim as Claim;
      if (claimed.action === 'ack') return;
      if (claimed.action === 'dead-letter') {
        await bury(id, data, attempts, 'outcome-unknown', { mayHaveBeenSent: true });
        throw new UnrecoverableError('outcome-unknown');
      }
      let outcome: { result: SendMessageResult } | { error: unknown };
      try {
        outcome = {
          result: await client().messages.send(data.message, { lane: data.lane, maxRetries: 0 }),
        };
      } catch (error) {
        outcome = { error };
      }
      // Throws on a bug (not a WazzupError): the job fails, the ledger keeps the attempt uncertain.
      const { settlement, next } = decide({
        outcome,
        claim: claimed,
        resend,
        attempts,
        now: Date.now(),
        settings: decision,
      });
      const messageId = settlement.outcome === 'sent' ? settlement.messageId : undefined;
      // The index first: a worker that dies after it leaves statuses findable, never orphaned.
      if (messageId !== undefined) {
        await connection.set(`${base}:by-message:${messageId}`, id, 'PX', ttlMs);
      }
      await records.update(key, (record) => {
        const current = record ?? fresh(data.message.crmMessageId);
        const entry = settleEntry(current.ledger, claimed, settlement, Date.now(), ledger);
        const updated: OutboxRecord = { ...current, ...(entry && { ledger: entry }) };
        if (settlement.outcome === 'sent') {
          updated.state = 'sent';
          if (messageId !== undefined) updated.messageId = messageId;
        } else if (updated.state !== 'sent') updated.state = 'queued';
        return updated;
      });
      if (messageId !== undefined) await adoptOrphans(id, messageId);
      const error = 'error' in outcome ? outcome.error : undefined;
      switch (next.action) {
        case 'ack':
          return;
        case 'resend':
          await sleep(next.pauseMs);
          continue;
        case 'retry':
          throw new RetryLater(next.delaySeconds * 1000);
        case 'dead-letter':
          await bury(id, data, attempts, next.reason, {
            mayHaveBeenSent: next.mayHaveBeenSent,
            error,
          });
          throw new UnrecoverableError(next.reason);
      }
    }
  }

  return {
    async enqueue(message, queued = {}) {
      const job = await jobOf(message, queued);
      await queue.add(job.name, job.data, job.opts);
      return { crmMessageId: job.data.message.crmMessageId };
    },

    async enqueueMany(messages, queued = {}) {
      const jobs = await Promise.all(messages.map((message) => jobOf(message, queued)));
      const ids = jobs.map((job) => ({ crmMessageId: job.data.message.crmMessageId }));
      for (let start = 0; start < jobs.length; start += 100) {
        try {
          await queue.addBulk(jobs.slice(start, start + 100));
        } catch (cause) {
          throw new WazzupEnqueueError(ids.slice(0, start), ids.slice(start), cause);
        }
      }
      return ids;
    },

    async status(crmMessageId) {
      const id = await idOf(crmMessageId);
      const record = await records.get(recordKey(id));
      if (record) return statusOf(record);
      // Queued, not yet picked up.
      return (await queue.getJob(id)) ? statusOf(fresh(crmMessageId)) : undefined;
    },

    async recordStatus(event) {
      if (typeof event?.messageId !== 'string' || typeof event.status !== 'string') return false;
      const orphans = `${base}:orphans:${event.messageId}`;
      let id = await connection.get(`${base}:by-message:${event.messageId}`);
      if (!id) {
        await connection.rpush(orphans, JSON.stringify(event));
        await connection.pexpire(orphans, ORPHAN_TTL_MS);
        // The send's answer may have been recorded in between: then adopt it now.
        id = await connection.get(`${base}:by-message:${event.messageId}`);
        if (!id) return false;
        await adoptOrphans(id, event.messageId);
        return true;
      }
      await records.update(recordKey(id), (record) => record && withStatuses(record, [event]));
      return true;
    },

    async deadLetters({ offset = 0, limit = 100 } = {}) {
      const ids = await connection.zrevrange(`${base}:dead`, offset, offset + limit - 1);
      const found = await Promise.all(ids.map((id) => records.get(recordKey(id))));
      return found.flatMap((record) => (record?.dead ? [record.dead] : []));
    },

    async redrive(crmMessageId) {
      const id = await idOf(crmMessageId);
      const record = await records.get(recordKey(id));
      if (!record?.dead) return false;
      await records.update(recordKey(id), (current) =>
        current?.dead
          ? {
              crmMessageId,
              state: 'queued',
              attempts: current.attempts,
              timeline: current.timeline,
            }
          : undefined,
      );
      await connection.zrem(`${base}:dead`, id);
      const job = await queue.getJob(id);
      if (job && (await job.getState()) === 'failed') {
        await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
      } else if (!job) {
        const again = await jobOf(record.dead.message as SendMessageRequest, {});
        await queue.add(again.name, again.data, again.opts);
      }
      return true;
    },

    startWorker(worker = {}) {
      // BullMQ's blocking reads need a connection of their own that never gives a command up.
      const blocking = connection.duplicate({ maxRetriesPerRequest: null });
      const running = new Worker<OutboxJob>(name, processJob, {
        connection: blocking,
        prefix: `${prefix}:bull`,
        concurrency: worker.concurrency ?? 50,
        maxStalledCount: worker.maxStalledCount ?? 10,
        ...(worker.lockDuration !== undefined && { lockDuration: worker.lockDuration }),
        ...(worker.stalledInterval !== undefined && { stalledInterval: worker.stalledInterval }),
        settings: {
          backoffStrategy: (_attempts: number, _type?: string, error?: Error) =>
            error instanceof RetryLater ? error.delayMs : 1000,
        },
      });
      // BullMQ gave up on a job the outbox had not (its attempts, or a job stalled too often).
      running.on('failed', (job, error) => {
        if (!job || error instanceof UnrecoverableError) return;
        if (job.attemptsMade < (job.opts.attempts ?? 1) && !/stalled/i.test(error.message)) return;
        void bury(job.id as string, job.data, job.attemptsMade, 'queue-gave-up', {
          mayHaveBeenSent: true,
          error,
        }).catch(() => undefined);
      });
      // A Redis error is retried by ioredis; without a listener, Node would crash on it.
      running.on('error', () => undefined);
      const close = async () => {
        if (!workers.delete(stop)) return;
        await running.close();
        await blocking.quit().catch(() => undefined);
      };
      const stop = { close };
      workers.add(stop);
      return stop;
    },

    async close() {
      await Promise.all([...workers].map((worker) => worker.close()));
      await queue.close();
    },
  };
}
