import { describe, expect, it } from 'vitest';
import { WazzupApiError } from '../errors/classes';
import type { SendMessageResult } from '../resources/messages';
import {
  createOutboxEngine,
  type OutboxJob,
  type OutboxRecord,
  type OutboxSend,
  type OutboxStore,
} from './engine';

// The engine on a store in a Map: each backend runs it on its own store in its own suite (Redis,
// Deno KV, a Durable Object), with real processes; these are the rules that hold on any of them.

function memoryStore(): OutboxStore {
  const records = new Map<string, OutboxRecord>();
  const dead = new Map<string, number>();
  return {
    get: async (id) => structuredClone(records.get(id)),
    async update(id, change) {
      const next = change(structuredClone(records.get(id)));
      if (next === undefined) return records.get(id);
      records.set(id, structuredClone(next));
      return next;
    },
    index: async () => undefined,
    lookup: async () => undefined,
    keepOrphan: async () => undefined,
    takeOrphans: async () => [],
    addDead: async (id, at) => void dead.set(id, at),
    removeDead: async (id) => void dead.delete(id),
    listDead: async (offset, limit) =>
      [...dead]
        .sort((a, b) => b[1] - a[1])
        .slice(offset, offset + limit)
        .map(([id]) => id),
  };
}

const SETTINGS = {
  duplicateWindowMs: 60_000,
  maxAttempts: 3,
  maxRetryDelaySeconds: 1,
  inlineResends: 0,
  ledgerTtlMs: 60_000,
};

const job = (crmMessageId: string): OutboxJob => ({
  wazzupOutbox: 1,
  message: { channelId: 'c', chatType: 'whatsapp', chatId: '79011112233', text: 'x', crmMessageId },
  lane: 'interactive',
  enqueuedAt: 0,
});

const blocked = () =>
  new WazzupApiError({ status: 400, code: 'CHANNEL_BLOCKED', description: 'off' });

describe('the outbox engine', () => {
  it('sends a message once, and a later delivery of it is done without a send', async () => {
    let sends = 0;
    const send: OutboxSend = async () => {
      sends++;
      return { status: 'sent', messageId: 'm-1' } as SendMessageResult;
    };
    const engine = createOutboxEngine(memoryStore(), send, SETTINGS);
    expect(await engine.attempt('a', job('a'), 1)).toEqual({ done: 'sent' });
    expect(await engine.attempt('a', job('a'), 2)).toEqual({ done: 'sent' });
    expect(sends).toBe(1);
    expect(await engine.status('a')).toMatchObject({ state: 'sent', messageId: 'm-1' });
  });

  it('sends nothing for a stray delivery of a dead message, which stays dead until revived', async () => {
    let sends = 0;
    const send: OutboxSend = async () => {
      sends++;
      throw blocked();
    };
    const engine = createOutboxEngine(memoryStore(), send, SETTINGS);
    expect(await engine.attempt('a', job('a'), 1)).toEqual({ done: 'dead' });
    expect(await engine.attempt('a', job('a'), 2)).toEqual({ done: 'dead' });
    expect(sends).toBe(1);
    expect(await engine.status('a')).toMatchObject({ state: 'dead', reason: 'rejected' });
    expect(await engine.revive('a')).toMatchObject({ reason: 'rejected' });
    expect(await engine.status('a')).toMatchObject({ state: 'queued' });
    await engine.attempt('a', job('a'), 1);
    expect(sends).toBe(2);
  });

  it('lists a dead message that a dying worker filed but did not list, on its next delivery', async () => {
    const store = memoryStore();
    const send: OutboxSend = () => Promise.reject(blocked());
    const listing = store.addDead;
    let dies = true;
    store.addDead = async (id, at) => {
      if (dies) throw new Error('killed');
      return listing(id, at);
    };
    const engine = createOutboxEngine(store, send, SETTINGS);
    await expect(engine.attempt('a', job('a'), 1)).rejects.toThrow('killed');
    expect(await engine.deadLetters()).toEqual([]);
    dies = false;
    expect(await engine.attempt('a', job('a'), 2)).toEqual({ done: 'dead' });
    expect((await engine.deadLetters()).map((letter) => letter.crmMessageId)).toEqual(['a']);
  });

  it('keeps a dead letter when another delivery of the same message settles after it', async () => {
    // Two deliveries at once (an engine that ran a job twice): the second is refused while the
    // first still waits for its answer, which comes back as a 5xx only after the dead letter.
    let answerFirst: (error: unknown) => void = () => undefined;
    let calls = 0;
    const send: OutboxSend = () => {
      calls++;
      if (calls === 1) return new Promise((_, reject) => (answerFirst = reject));
      return Promise.reject(blocked());
    };
    const engine = createOutboxEngine(memoryStore(), send, SETTINGS);
    const first = engine.attempt('a', job('a'), 1);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await engine.attempt('a', job('a'), 2)).toEqual({ done: 'dead' });
    answerFirst(new WazzupApiError({ status: 503, code: 'SERVER_ERROR', description: 'down' }));
    await first;
    expect(await engine.status('a')).toMatchObject({ state: 'dead', reason: 'rejected' });
  });
});
