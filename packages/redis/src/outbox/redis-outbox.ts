import {
  createWazzup,
  type SendMessageRequest,
  type Wazzup,
  WazzupConfigError,
} from '@wazzup-sdk/core';
import { hexDigest } from '@wazzup-sdk/core/internal';
import {
  createOutboxEngine,
  freshRecord,
  isOutboxJob,
  type Outbox,
  type OutboxClientOptions,
  type OutboxEnqueueOptions,
  type OutboxJob,
  type OutboxOptions,
  outboxJob,
  outboxSend,
  outboxSettings,
  statusOf,
  WazzupEnqueueError,
} from '@wazzup-sdk/core/outbox';
import { type Job, Queue, UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { checkPrefix } from '../redis-client';
import { redisRateLimit } from '../redis-rate-limit';
import { redisOutboxStore } from './redis-outbox-store';

/**
 * Options of {@link createRedisOutbox}. Give `wazzup` a client with `rateLimit.store:
 * redisRateLimit(connection)` so every worker shares one limit; without it, one is made from
 * `apiKey`, `baseUrl` and `client` (and the environment, as `createWazzup` reads it) with that
 * store.
 */
export interface RedisOutboxOptions extends OutboxOptions, OutboxClientOptions<Wazzup> {
  /** Your ioredis client: the ledger, the shared rate limit and BullMQ's queue all use it. */
  connection: Redis;
  /** The BullMQ queue's name; default `wazzup-outbox`. */
  name?: string;
  /** What every key starts with; default `wazzup`. */
  prefix?: string;
  /** What `startWorker()` runs with when it is given nothing. */
  worker?: OutboxWorkerOptions;
}

/** How a message is queued. */
export type EnqueueOptions = OutboxEnqueueOptions;

/** A worker's options, BullMQ's own. */
export interface OutboxWorkerOptions {
  /** Messages in flight at once in this process; default 50 (they wait for slots in the limiter). */
  concurrency?: number;
  /**
   * How long a job is locked to its worker before it counts as stalled (BullMQ renews the lock
   * while the job runs); default 10 000 ms, so a dead worker's jobs are resumed well inside the
   * service's 60 s duplicate window (BullMQ's own default, 30 s, plus its check would not be).
   */
  lockDuration?: number;
  /** How often stalled jobs are looked for; default 5 000 ms. */
  stalledInterval?: number;
  /** Stalls of one job before BullMQ gives up on it; default 10 (a crash is a stall). */
  maxStalledCount?: number;
}

/** The outbox (core's `Outbox`); run workers with {@link RedisOutbox.startWorker}. */
export interface RedisOutbox extends Outbox {
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

const MAX_DELAY_SECONDS = 365 * 24 * 60 * 60;

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
  const settings = outboxSettings(options, options.wazzup ? undefined : options.client?.timeoutMs);
  const base = `${prefix}:outbox:${name}`;
  const queue = new Queue<OutboxJob>(name, { connection, prefix: `${prefix}:bull` });
  const workers = new Set<{ close(): Promise<void> }>();
  const engine = createOutboxEngine(
    redisOutboxStore(connection, base, settings.ledgerTtlMs),
    outboxSend(options, createWazzup, () => redisRateLimit(connection, { prefix })),
    settings,
  );

  /** The job's id and the record's: a hash of the crmMessageId (BullMQ refuses `:`). */
  const idOf = async (crmMessageId: string) => `m-${await hexDigest('SHA-256', crmMessageId)}`;

  async function jobOf(message: SendMessageRequest, queued: EnqueueOptions) {
    const { job: data, delayMs } = outboxJob(message, queued, options.schema, MAX_DELAY_SECONDS);
    const { lane } = data;
    return {
      name: 'send',
      data,
      opts: {
        jobId: await idOf(data.message.crmMessageId),
        // BullMQ serves jobs without a priority before prioritized ones.
        ...(lane === 'bulk' && { priority: 1 }),
        ...(delayMs && { delay: delayMs }),
        // One more than the outbox's own limit, so the outbox decides the last one.
        attempts: settings.maxAttempts + 1,
        backoff: { type: 'wazzup' },
        removeOnComplete: true,
        removeOnFail: false,
      },
    };
  }

  /** One delivery of a job, as BullMQ sees it: done, tried again after a delay, or failed for good. */
  async function processJob(job: Job<OutboxJob>): Promise<void> {
    const id = job.id as string;
    if (!isOutboxJob(job.data)) throw new UnrecoverableError('malformed: not an outbox job');
    const verdict = await engine.attempt(id, job.data, job.attemptsMade + 1);
    if ('retryInMs' in verdict) throw new RetryLater(verdict.retryInMs);
    if (verdict.done === 'dead') throw new UnrecoverableError('dead-lettered');
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
      const status = await engine.status(id);
      if (status) return status;
      // Queued, not yet picked up.
      return (await queue.getJob(id)) ? statusOf(freshRecord(crmMessageId)) : undefined;
    },

    recordStatus: (event) => engine.recordStatus(event),

    deadLetters: (listed) => engine.deadLetters(listed),

    async redrive(crmMessageId) {
      const id = await idOf(crmMessageId);
      const dead = await engine.revive(id);
      if (!dead) return false;
      const job = await queue.getJob(id);
      if (job && (await job.getState()) === 'failed') {
        await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
      } else if (!job) {
        const again = await jobOf(dead.message as SendMessageRequest, {});
        await queue.add(again.name, again.data, again.opts);
      }
      return true;
    },

    startWorker(worker = options.worker ?? {}) {
      // BullMQ's blocking reads need a connection of their own that never gives a command up.
      const blocking = connection.duplicate({ maxRetriesPerRequest: null });
      const running = new Worker<OutboxJob>(name, processJob, {
        connection: blocking,
        prefix: `${prefix}:bull`,
        concurrency: worker.concurrency ?? 50,
        maxStalledCount: worker.maxStalledCount ?? 10,
        lockDuration: worker.lockDuration ?? 10_000,
        stalledInterval: worker.stalledInterval ?? 5_000,
        settings: {
          backoffStrategy: (_attempts: number, _type?: string, error?: Error) =>
            error instanceof RetryLater ? error.delayMs : 1000,
        },
      });
      // BullMQ gave up on a job the outbox had not (its attempts, or a job stalled too often).
      running.on('failed', (job, error) => {
        if (!job || error instanceof UnrecoverableError) return;
        if (job.attemptsMade < (job.opts.attempts ?? 1) && !/stalled/i.test(error.message)) return;
        if (!isOutboxJob(job.data)) return;
        void engine
          .bury(job.id as string, job.data, job.attemptsMade, 'queue-gave-up', {
            mayHaveBeenSent: true,
            error,
          })
          .catch(() => undefined);
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
