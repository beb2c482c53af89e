import { WazzupApiError } from '@wazzup-sdk/core';
import { WazzupEnqueueError } from '@wazzup-sdk/core/outbox';
import { describe, expect, it } from 'vitest';
import type {
  DurableObjectNamespaceLike,
  DurableObjectStorageLike,
  QueueProducer,
} from './bindings';
import { WazzupOutbox } from './durable-object';
import { createObjectLedger } from './object-ledger';
import { createQueueOutbox } from './queue-outbox';

// The outbox's own parts on Node: the object is the real class, its storage a Map. The whole
// thing runs inside workerd, with real queues, in test/outbox.test.ts.

function memoryStorage(): DurableObjectStorageLike & {
  data: Map<string, unknown>;
  alarm(): number | null;
} {
  const data = new Map<string, unknown>();
  let alarm: number | null = null;
  return {
    data,
    alarm: () => alarm,
    get: async <T>(key: string) => structuredClone(data.get(key)) as T | undefined,
    put: async (key, value) => {
      data.set(key, structuredClone(value));
    },
    delete: async (keys) => keys.filter((key) => data.delete(key)).length,
    list: async <T>(options: { prefix: string; limit: number; reverse?: boolean }) => {
      const keys = [...data.keys()].filter((key) => key.startsWith(options.prefix)).sort();
      if (options.reverse) keys.reverse();
      return new Map(keys.slice(0, options.limit).map((key) => [key, data.get(key)])) as Map<
        string,
        T
      >;
    },
    getAlarm: async () => alarm,
    setAlarm: async (time) => {
      alarm = time;
    },
  };
}

function namespace(): DurableObjectNamespaceLike {
  const objects = new Map<string, WazzupOutbox>();
  return {
    idFromName: (name) => name,
    get(id) {
      const name = id as unknown as string;
      const object = objects.get(name) ?? new WazzupOutbox({ storage: memoryStorage() });
      objects.set(name, object);
      return { fetch: (input, init) => object.fetch(new Request(input, init)) };
    },
  };
}

/** A queue whose `sendBatch` fails from its `failAt`-th call on. */
function queue(failAt = Number.POSITIVE_INFINITY) {
  const queued: { body: unknown; delaySeconds?: number }[] = [];
  let batches = 0;
  const producer: QueueProducer<unknown> = {
    send: async (body) => {
      queued.push({ body });
    },
    sendBatch: async (messages) => {
      if (++batches >= failAt) throw new Error('Queue sendBatch failed: 500');
      queued.push(...messages);
    },
  };
  return { producer, queued };
}

const blocked = () =>
  new WazzupApiError({ status: 400, code: 'CHANNEL_BLOCKED', description: 'off' });

const message = (i: number) => ({
  channelId: 'e0629e11-0f67-4567-92a9-2237e91ec1b9',
  chatType: 'whatsapp' as const,
  chatId: '79011112233',
  text: `Message ${i}`,
});

function outboxWith(failAt?: number) {
  const { producer, queued } = queue(failAt);
  const bulk = queue();
  const env = {
    WAZZUP_API_KEY: 'k'.repeat(32),
    WAZZUP_OUTBOX: namespace(),
    WAZZUP_QUEUE: producer,
    WAZZUP_BULK_QUEUE: bulk.producer,
  };
  return { outbox: createQueueOutbox(env), queued, bulk: bulk.queued };
}

describe('createQueueOutbox', () => {
  it('says which ids were queued when a later batch fails, so a retry sends only the rest', async () => {
    const { outbox, queued } = outboxWith(3);
    const messages = Array.from({ length: 250 }, (_, i) => message(i));
    const error = await outbox.enqueueMany(messages).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WazzupEnqueueError);
    const { queued: done, notQueued } = error as WazzupEnqueueError;
    expect(done).toHaveLength(200);
    expect(notQueued).toHaveLength(50);
    const onQueue = queued.map(
      ({ body }) => (body as { message: { crmMessageId: string } }).message,
    );
    expect(done.map((each) => each.crmMessageId)).toEqual(onQueue.map((m) => m.crmMessageId));
    // Those queued are known to the ledger at once; those not, not at all.
    expect(await outbox.status(done[0]?.crmMessageId ?? '')).toMatchObject({ state: 'queued' });
    expect(await outbox.status(notQueued[0]?.crmMessageId ?? '')).toBeUndefined();
  });

  it('checks the lane and delaySeconds before anything is queued', async () => {
    const { outbox, queued } = outboxWith();
    for (const delaySeconds of [-1, 1.5, 43_201, Number.NaN, '10' as unknown as number]) {
      await expect(outbox.enqueue(message(1), { delaySeconds })).rejects.toThrow(
        expect.objectContaining({ name: 'WazzupConfigError', variable: 'delaySeconds' }),
      );
    }
    await expect(outbox.enqueue(message(1), { lane: 'urgent' as 'bulk' })).rejects.toThrow(
      expect.objectContaining({ variable: 'lane' }),
    );
    expect(queued).toHaveLength(0);
    await outbox.enqueue(message(1), { delaySeconds: 43_200 });
    expect(queued).toEqual([{ body: expect.any(Object), delaySeconds: 43_200 }]);
  });

  it('puts bulk messages on the bulk queue, replies on the first', async () => {
    const { outbox, queued, bulk } = outboxWith();
    await outbox.enqueue(message(1), { lane: 'bulk' });
    await outbox.enqueue(message(2));
    expect(bulk.map(({ body }) => (body as { lane: string }).lane)).toEqual(['bulk']);
    expect(queued.map(({ body }) => (body as { lane: string }).lane)).toEqual(['interactive']);
  });

  it('consume never throws: a failed delivery comes again and is told, the others are acked', async () => {
    const { producer, queued } = queue();
    const errors: unknown[] = [];
    const env = {
      WAZZUP_API_KEY: 'k'.repeat(32),
      WAZZUP_OUTBOX: namespace(),
      WAZZUP_QUEUE: producer,
    };
    const outbox = createQueueOutbox(env, {
      wazzup: {
        messages: { send: async () => ({ status: 'sent', messageId: 'm-1' }) },
      } as never,
      onResult: (_result, message) => {
        if (message.text === 'Message 2') throw new Error('injected crash');
      },
      onError: (error) => void errors.push(error),
    });
    await outbox.enqueueMany([message(1), message(2)]);
    const settled: string[] = [];
    const delivery = (body: unknown, id: string) => ({
      id,
      body,
      attempts: 1,
      ack: () => void settled.push(`ack ${id}`),
      retry: () => void settled.push(`retry ${id}`),
    });
    const batch = {
      queue: 'wazzup-outbox',
      messages: queued.map(({ body }, i) => delivery(body, `q${i}`)),
    };
    await expect(outbox.consume(batch)).resolves.toBeUndefined();
    expect(settled.sort()).toEqual(['ack q0', 'retry q1']);
    expect(errors).toEqual([new Error('injected crash')]);
  });

  it('names the missing binding when it is made', () => {
    expect(() => createQueueOutbox({ WAZZUP_API_KEY: 'k' })).toThrow(
      expect.objectContaining({ name: 'WazzupConfigError', variable: 'WAZZUP_OUTBOX' }),
    );
    expect(() => createQueueOutbox({ WAZZUP_OUTBOX: namespace() } as never)).toThrow(
      expect.objectContaining({ variable: 'apiKey' }),
    );
  });
});

describe('the object ledger', () => {
  it('compares and sets a record: a write from a stale read is refused', async () => {
    const ledger = createObjectLedger(memoryStorage());
    const cas = (expected: string, next: string) =>
      ledger.answer({ op: 'cas', id: 'a', expected, next, ttlMs: 60_000 });
    expect(await cas('', 'one')).toEqual({ ok: true });
    expect(await cas('', 'two')).toEqual({ ok: false });
    expect(await cas('one', 'two')).toEqual({ ok: true });
    expect(await ledger.answer({ op: 'get', id: 'a' })).toEqual({ raw: 'two' });
  });

  it('lists the dead newest first, each once, and forgets one taken out', async () => {
    const ledger = createObjectLedger(memoryStorage());
    for (const [id, at] of [
      ['a', 1_000],
      ['b', 3_000],
      ['c', 2_000],
      ['a', 4_000],
    ] as const) {
      await ledger.answer({ op: 'addDead', id, at, ttlMs: 60_000 });
    }
    expect(await ledger.answer({ op: 'listDead', offset: 0, limit: 10 })).toEqual({
      dead: [
        ['a', 4_000],
        ['b', 3_000],
        ['c', 2_000],
      ],
    });
    await ledger.answer({ op: 'removeDead', id: 'b' });
    expect(await ledger.answer({ op: 'listDead', offset: 1, limit: 10 })).toEqual({
      dead: [['c', 2_000]],
    });
  });

  it('spreads a key’s ledger over its objects, and lists their dead letters as one, newest first', async () => {
    const objects = new Set<string>();
    const spread = namespace();
    const env = {
      WAZZUP_API_KEY: 'k'.repeat(32),
      WAZZUP_QUEUE: queue().producer,
      WAZZUP_OUTBOX: {
        idFromName: (name: string) => {
          objects.add(name);
          return spread.idFromName(name);
        },
        get: spread.get,
      },
    };
    const outbox = createQueueOutbox(env, {
      wazzup: { messages: { send: () => Promise.reject(blocked()) } } as never,
    });
    const ids = await outbox.enqueueMany(Array.from({ length: 40 }, (_, i) => message(i)));
    for (const [i, { crmMessageId }] of ids.entries()) {
      const job = {
        wazzupOutbox: 1,
        message: { ...message(i), crmMessageId },
        lane: 'interactive',
        enqueuedAt: 0,
      };
      const delivery = { id: `q${i}`, body: job, attempts: 1, ack() {}, retry() {} };
      await outbox.consume({ queue: 'wazzup-outbox', messages: [delivery] });
    }
    expect(objects.size).toBe(8);
    const dead = await outbox.deadLetters({ limit: 100 });
    expect(dead.map((letter) => letter.crmMessageId).sort()).toEqual(
      ids.map((id) => id.crmMessageId).sort(),
    );
    const deadAt = dead.map((letter) => letter.deadAt);
    expect(deadAt).toEqual([...deadAt].sort((a, b) => b - a));
    expect((await outbox.deadLetters({ offset: 35, limit: 10 })).length).toBe(5);
  });

  it('sweeps what expired, keeps the rest, and sets an alarm while anything is left', async () => {
    let now = 1_000_000;
    const storage = memoryStorage();
    const ledger = createObjectLedger(storage, () => now);
    await ledger.answer({ op: 'cas', id: 'short', expected: '', next: 'x', ttlMs: 1_000 });
    await ledger.answer({ op: 'cas', id: 'long', expected: '', next: 'y', ttlMs: 10_000 });
    expect(storage.alarm()).not.toBeNull();
    now += 5_000;
    // Expired but not swept yet: it reads as gone already.
    expect(await ledger.answer({ op: 'get', id: 'short' })).toEqual({ raw: null });
    await ledger.sweep();
    expect([...storage.data.keys()]).toEqual(['m:long']);
    expect(storage.alarm()).toBeGreaterThan(now);
    now += 10_000;
    await storage.setAlarm(null as never);
    await ledger.sweep();
    expect(storage.data.size).toBe(0);
    expect(storage.alarm()).toBeNull();
  });
});
