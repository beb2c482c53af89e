import { type SendMessageRequest, type Wazzup, WazzupConfigError } from '@wazzup-sdk/core';
import { hexDigest } from '@wazzup-sdk/core/internal';
import {
  createOutboxEngine,
  isOutboxJob,
  type Outbox,
  type OutboxClientOptions,
  type OutboxEnqueueOptions,
  type OutboxJob,
  type OutboxOptions,
  type OutboxRecord,
  type OutboxStore,
  outboxJob,
  outboxSend,
  outboxSettings,
  type StatusEvent,
  WazzupEnqueueError,
} from '@wazzup-sdk/core/outbox';
import { createWazzup } from '../create-wazzup';
import { changeAtomically, checkKv, checkPrefix, type KvAtomic, type KvLike } from './kv';
import { kvRateLimit } from './kv-rate-limit';

/**
 * A part of a KV key: `Deno.KvKeyPart` but for `symbol`, which the outbox never uses and the
 * `@deno/kv` package (Node, Bun) does not take.
 */
type KvKeyPart = string | number | bigint | boolean | Uint8Array;

/** What the outbox needs of a `Deno.Kv` beyond the stores': its queue and listing. */
export interface KvQueueLike extends KvLike {
  atomic(): KvAtomic & {
    enqueue(value: unknown, options?: { delay?: number }): KvAtomic;
  };
  enqueue(value: unknown, options?: { delay?: number }): Promise<unknown>;
  listenQueue(handler: (value: unknown) => Promise<void> | void): Promise<void>;
  list<T = unknown>(
    selector: { prefix: readonly KvKeyPart[] },
    options?: { limit?: number; reverse?: boolean },
  ): AsyncIterable<{ key: readonly unknown[]; value: T }>;
}

/** Options of {@link createKvOutbox}. */
export interface KvOutboxOptions extends OutboxOptions, OutboxClientOptions<Wazzup> {
  /** The `Deno.Kv` (from `Deno.openKv()`): a local file by default, Deno Deploy's, or denokv. */
  kv: KvQueueLike;
  /** The outbox's name within the KV; default `outbox`. */
  name?: string;
  /** The first part of every key; default `'wazzup'`. */
  prefix?: string;
}

/** How a message is queued. */
export type KvEnqueueOptions = OutboxEnqueueOptions;

/** The outbox on Deno KV: core's `Outbox`, as the Redis outbox is, and its workers. */
export interface KvOutbox extends Outbox {
  /**
   * Handles one value from `kv.listenQueue`: `true` when it was this outbox's (and is done with),
   * `false` for anything else. For a KV whose queue carries other work too.
   */
  handle(value: unknown): Promise<boolean>;
  /**
   * Listens to the KV's queue and sends from it, for a KV whose queue is the outbox's alone (a KV
   * has one listener), `concurrency` messages at a time (default 20). `close()` stops handling and
   * waits for what is in hand; close the KV after.
   */
  startWorker(options?: { concurrency?: number }): { close(): Promise<void> };
}

/** What the outbox puts on the KV's queue. */
interface QueuedMessage {
  wazzupKvOutbox: 1;
  outbox: string;
  id: string;
  job: OutboxJob;
  /** Deliveries so far, by the outbox's own retries. */
  attempts: number;
}

const MAX_DELAY_SECONDS = 30 * 24 * 60 * 60;
/** How long a waiting interactive message holds bulk ones back, at most (a crash can't starve them). */
const INTERACTIVE_HOLD_MS = 60_000;
/** How soon a bulk message that stood back for an interactive one comes again. */
const STAND_BACK_MS = 200;
/** How soon a message a busy worker handed back comes again (and as much again, at random). */
const BUSY_MS = 500;

function isQueued(value: unknown, outbox: string): value is QueuedMessage {
  const queued = value as Partial<QueuedMessage> | null;
  return (
    typeof queued === 'object' &&
    queued !== null &&
    queued.wazzupKvOutbox === 1 &&
    queued.outbox === outbox &&
    typeof queued.id === 'string' &&
    typeof queued.attempts === 'number' &&
    isOutboxJob(queued.job)
  );
}

/** The outbox's store in KV: records under checked atomic writes, indexes beside them. */
function kvOutboxStore(kv: KvQueueLike, base: string[], ttlMs: number): OutboxStore {
  const recordKey = (id: string) => [...base, 'm', id];
  const orphan = (messageId: string) => [...base, 'orphans', messageId];
  return {
    get: async (id) => (await kv.get<OutboxRecord>(recordKey(id))).value ?? undefined,
    update: (id, change) =>
      changeAtomically<OutboxRecord, OutboxRecord | undefined>(kv, recordKey(id), (current) => {
        const next = change(current ?? undefined);
        return next === undefined
          ? { result: current ?? undefined }
          : { result: next, write: { value: next, expireIn: ttlMs } };
      }),
    async index(messageId, id) {
      await changeAtomically(kv, [...base, 'by-message', messageId], () => ({
        result: undefined,
        write: { value: id, expireIn: ttlMs },
      }));
    },
    lookup: async (messageId) =>
      (await kv.get<string>([...base, 'by-message', messageId])).value ?? undefined,
    async keepOrphan(messageId, event) {
      await changeAtomically<StatusEvent[], void>(kv, orphan(messageId), (kept) => ({
        result: undefined,
        write: { value: [...(kept ?? []), event], expireIn: 10 * 60 * 1000 },
      }));
    },
    takeOrphans: (messageId) =>
      changeAtomically<StatusEvent[], StatusEvent[]>(kv, orphan(messageId), (kept) =>
        kept ? { result: kept, write: { value: null } } : { result: [] },
      ),
    async addDead(id, at) {
      await changeAtomically(kv, [...base, 'dead', at, id], () => ({
        result: undefined,
        write: { value: id, expireIn: ttlMs },
      }));
    },
    async removeDead(id) {
      for await (const entry of kv.list<string>({ prefix: [...base, 'dead'] })) {
        if (entry.value === id) {
          await changeAtomically(kv, entry.key, () => ({
            result: undefined,
            write: { value: null },
          }));
        }
      }
    },
    async listDead(offset, limit) {
      const ids: string[] = [];
      let seen = 0;
      for await (const entry of kv.list<string>({ prefix: [...base, 'dead'] }, { reverse: true })) {
        if (seen++ < offset) continue;
        ids.push(entry.value);
        if (ids.length >= limit) break;
      }
      return ids;
    },
  };
}

/**
 * A durable outbox on Deno KV's queue: `kv.enqueue` keeps each message until a process handles
 * it (a local KV file keeps them across restarts with no server; Deno Deploy's KV and denokv are
 * shared by every instance), under one rate limit in the same KV, interactive ones first. The
 * decision after each attempt and the ledger are core's, as in the Redis outbox: a message whose
 * process died is sent again only inside the service's duplicate window (answered `duplicate`),
 * and given up as `outcome-unknown` past it.
 *
 * @example
 * const kv = await Deno.openKv();
 * const outbox = createKvOutbox({ kv });
 * outbox.startWorker();
 * const { crmMessageId } = await outbox.enqueue(message, { lane: 'bulk' });
 */
export function createKvOutbox(options: KvOutboxOptions): KvOutbox {
  const { kv } = options;
  checkKv(kv);
  if (typeof kv.enqueue !== 'function' || typeof kv.listenQueue !== 'function') {
    throw new WazzupConfigError('kv', 'kv: a Deno.Kv with queues (Deno.openKv())');
  }
  const prefix = checkPrefix(options.prefix);
  const name = options.name ?? 'outbox';
  const settings = outboxSettings(options, options.wazzup ? undefined : options.client?.timeoutMs);
  const { ledgerTtlMs } = settings;
  const base: string[] = [prefix, 'outbox', name];
  const waiting = [...base, 'interactive'];
  const engine = createOutboxEngine(
    kvOutboxStore(kv, base, ledgerTtlMs),
    outboxSend(options, createWazzup, () => kvRateLimit(kv, { prefix })),
    settings,
  );
  const idOf = (crmMessageId: string) => hexDigest('SHA-256', crmMessageId);

  async function queuedOf(message: SendMessageRequest, queued: KvEnqueueOptions) {
    const { job, delayMs } = outboxJob(message, queued, options.schema, MAX_DELAY_SECONDS);
    const id = await idOf(job.message.crmMessageId);
    const value: QueuedMessage = { wazzupKvOutbox: 1, outbox: name, id, job, attempts: 1 };
    return { value, delay: delayMs };
  }

  /**
   * Queues a message with its record in one atomic write: a crmMessageId already queued is not
   * queued again. An interactive one also marks itself waiting, which holds bulk ones back.
   */
  async function put({ value, delay }: { value: QueuedMessage; delay: number }): Promise<void> {
    const record: OutboxRecord = {
      crmMessageId: value.job.message.crmMessageId,
      state: 'queued',
      attempts: 0,
      timeline: [],
    };
    const key = [...base, 'm', value.id];
    const atomic = kv
      .atomic()
      .check({ key, versionstamp: null })
      .set(key, record, { expireIn: ledgerTtlMs }) as ReturnType<KvQueueLike['atomic']>;
    atomic.enqueue(value, { delay });
    if (value.job.lane === 'interactive') {
      atomic.set([...waiting, value.id], true, { expireIn: delay + INTERACTIVE_HOLD_MS });
    }
    await atomic.commit();
  }

  async function interactiveWaits(): Promise<boolean> {
    for await (const _ of kv.list({ prefix: waiting }, { limit: 1 })) return true;
    return false;
  }

  async function handle(value: unknown): Promise<boolean> {
    if (!isQueued(value, name)) return false;
    if (value.job.lane === 'bulk' && (await interactiveWaits())) {
      await kv.enqueue(value, { delay: STAND_BACK_MS });
      return true;
    }
    const verdict = await engine.attempt(value.id, value.job, value.attempts);
    if ('retryInMs' in verdict) {
      await kv.enqueue({ ...value, attempts: value.attempts + 1 }, { delay: verdict.retryInMs });
    } else if (value.job.lane === 'interactive') {
      await changeAtomically(kv, [...waiting, value.id], () => ({
        result: undefined,
        write: { value: null },
      }));
    }
    return true;
  }

  return {
    async enqueue(message, queued = {}) {
      const item = await queuedOf(message, queued);
      await put(item);
      return { crmMessageId: item.value.job.message.crmMessageId };
    },

    async enqueueMany(messages, queued = {}) {
      const items = await Promise.all(messages.map((message) => queuedOf(message, queued)));
      const ids = items.map((item) => ({ crmMessageId: item.value.job.message.crmMessageId }));
      for (const [at, item] of items.entries()) {
        try {
          await put(item);
        } catch (cause) {
          throw new WazzupEnqueueError(ids.slice(0, at), ids.slice(at), cause);
        }
      }
      return ids;
    },

    status: async (crmMessageId) => engine.status(await idOf(crmMessageId)),
    recordStatus: (event) => engine.recordStatus(event),
    deadLetters: (listed) => engine.deadLetters(listed),

    async redrive(crmMessageId) {
      const id = await idOf(crmMessageId);
      const dead = await engine.revive(id);
      if (!dead) return false;
      const item = await queuedOf(dead.message as SendMessageRequest, {});
      await kv.enqueue(item.value);
      return true;
    },

    handle,

    startWorker({ concurrency = 20 } = {}) {
      if (!Number.isInteger(concurrency) || concurrency < 1) {
        throw new WazzupConfigError('concurrency', 'concurrency: a whole number from 1');
      }
      let open = true;
      const running = new Set<Promise<unknown>>();
      void kv.listenQueue(async (value) => {
        // Closed, or busy: it goes back to the queue as it was, for whoever is next. Deno KV
        // hands a process every message at once and gives a dead process's back only after about
        // 60 s, so few in hand means few to wait for after a crash.
        if ((!open || running.size >= concurrency) && isQueued(value, name)) {
          return void (await kv.enqueue(value, {
            delay: open ? BUSY_MS + Math.random() * BUSY_MS : 0,
          }));
        }
        const handling = handle(value);
        running.add(handling);
        try {
          await handling;
        } finally {
          running.delete(handling);
        }
      });
      return {
        async close() {
          open = false;
          await Promise.allSettled([...running]);
        },
      };
    },
  };
}
