import { createWebhookHandler, type WebhookHandlerOptions } from '@wazzup-sdk/core/webhooks';
import { type RedisServer, startRedis } from '@wazzup-sdk/redis-server';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisDedupe } from '../src/index';

const TOKEN = 'tok_5f1c9a7e3b2d4c6a8e0f1a2b';
const message = (messageId: string) => ({
  messageId,
  channelId: 'c1',
  chatType: 'whatsapp',
  chatId: '79011112233',
  dateTime: '2026-12-01T08:00:00Z',
  type: 'text',
  status: 'inbound',
  text: 'Hi',
  isEcho: false,
});

let server: RedisServer;
const clients: Redis[] = [];

beforeAll(async () => {
  server = await startRedis();
});
afterAll(async () => {
  await Promise.all(clients.map((redis) => redis.quit().catch(() => undefined)));
  await server?.stop();
});

/**
 * A receiver as a replica runs it: its own Redis connection, the shared store, and a handler that
 * records each message it handled in `handled` (shared by every replica of the test).
 */
function replica(
  prefix: string,
  handled: string[],
  onMessage?: WebhookHandlerOptions['onMessage'],
) {
  const redis = new Redis(server.url);
  clients.push(redis);
  const errors: Error[] = [];
  const handle = createWebhookHandler({
    token: TOKEN,
    dedupe: redisDedupe(redis, { prefix }),
    onMessage:
      onMessage ??
      (({ message: item }) => {
        handled.push(item.messageId);
      }),
    onError: (error) => {
      errors.push(error);
    },
  });
  const deliver = (messages: unknown[]) =>
    handle(
      new Request(`https://crm.example.com/wazzup?token=${TOKEN}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ messages }),
      }),
    );
  return { deliver, errors, redis };
}

describe('redisDedupe: two receivers behind one address', () => {
  it('handles a repeated delivery once, whichever receiver each copy reaches', async () => {
    const handled: string[] = [];
    const [a, b] = [replica('repeat', handled), replica('repeat', handled)];
    expect((await a.deliver([message('m-1'), message('m-2')])).status).toBe(200);
    expect((await b.deliver([message('m-1'), message('m-2')])).status).toBe(200);
    expect((await a.deliver([message('m-2'), message('m-3')])).status).toBe(200);
    expect(handled).toEqual(['m-1', 'm-2', 'm-3']);
  });

  it('answers a copy that arrives while the other receiver still handles it 503, then drops it', async () => {
    const handled: string[] = [];
    let finish!: () => void;
    const slow = new Promise<void>((resolve) => {
      finish = resolve;
    });
    const a = replica('concurrent', handled, async ({ message: item }) => {
      await slow;
      handled.push(item.messageId);
    });
    const b = replica('concurrent', handled);
    const first = a.deliver([message('m-1')]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    // In flight on a: b must not run it, nor acknowledge it (a might still fail).
    expect((await b.deliver([message('m-1')])).status).toBe(503);
    finish();
    expect((await first).status).toBe(200);
    // The service's redelivery, after a completed.
    expect((await b.deliver([message('m-1')])).status).toBe(200);
    expect(handled).toEqual(['m-1']);
  });

  it('lets the other receiver handle an item whose first handler failed', async () => {
    const handled: string[] = [];
    const a = replica('failed', handled, () => {
      throw new Error('database down');
    });
    const b = replica('failed', handled);
    expect((await a.deliver([message('m-1')])).status).toBe(500);
    expect((await b.deliver([message('m-1')])).status).toBe(200);
    expect(handled).toEqual(['m-1']);
  });

  it('remembers what was handled across a restart (a new process, a new connection)', async () => {
    const handled: string[] = [];
    const before = replica('restart', handled);
    expect((await before.deliver([message('m-1')])).status).toBe(200);
    await before.redis.quit();
    const after = replica('restart', handled);
    expect((await after.deliver([message('m-1'), message('m-2')])).status).toBe(200);
    expect(handled).toEqual(['m-1', 'm-2']);
  });

  it('frees a claim whose receiver died mid-handler when its lease ends', async () => {
    const redis = new Redis(server.url);
    clients.push(redis);
    const store = redisDedupe(redis, { prefix: 'lease' });
    expect(await store.claim('message:m-1', 300)).toBe('claimed');
    expect(await store.claim('message:m-1', 300)).toBe('busy');
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect(await store.claim('message:m-1', 300)).toBe('claimed');
    await store.complete('message:m-1');
    expect(await store.claim('message:m-1', 300)).toBe('done');
    // A release never undoes a completed item.
    await store.release('message:m-1');
    expect(await store.claim('message:m-1', 300)).toBe('done');
    const keys = await redis.keys('lease:*');
    expect(keys).toEqual([expect.stringMatching(/^lease:dedupe:[0-9a-f]{64}$/)]);
  });
});
