import { describe, expect, it, vi } from 'vitest';
import { webhookMessage } from '../../test/fixtures';
import { WazzupConfigError, type WazzupError } from '../errors/classes';
import { createWebhookHandler } from './create-webhook-handler';
import { createMemoryDedupe, type DedupeStore } from './dedupe';
import { WazzupWebhookTimeoutError } from './errors';
import type { WebhookHandlerOptions } from './options';
import type { WebhookEvent } from './parse-webhook';
import { createWebhookSecret, safeEqual, webhookAddress } from './secret';

const TOKEN = 'tok_5f1c9a7e3b2d4c6a8e0f1a2b';

function deliver(
  handle: (request: Request) => Promise<Response>,
  body: unknown,
  { token = TOKEN, method = 'POST', headers = {} as Record<string, string> } = {},
) {
  const url = `https://crm.example.com/wazzup${token ? `?token=${encodeURIComponent(token)}` : ''}`;
  return handle(
    new Request(url, {
      method,
      headers: { 'content-type': 'application/json', ...headers },
      ...(method === 'POST' && { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    }),
  );
}

/** A handler that records what each handler saw, in order. */
function recording(options: Partial<WebhookHandlerOptions> = {}) {
  const seen: string[] = [];
  const errors: WazzupError[] = [];
  const handle = createWebhookHandler({
    token: TOKEN,
    onMessage: ({ message: m }) => {
      seen.push(`message ${m.messageId}`);
    },
    onStatus: ({ status }) => {
      seen.push(`status ${status.messageId} ${status.status}`);
    },
    onError: (error) => {
      errors.push(error);
    },
    ...options,
  });
  return { handle, seen, errors };
}

describe('createWebhookHandler', () => {
  it('refuses to start without a secret unless told to', () => {
    expect(() => createWebhookHandler({})).toThrow(WazzupConfigError);
    expect(() => createWebhookHandler({ token: 'short' })).toThrow(WazzupConfigError);
    expect(() => createWebhookHandler({ allowUnauthenticated: true })).not.toThrow();
    for (const bad of [
      { handlerTimeoutMs: '100' },
      { handlerTimeoutMs: 0 },
      { maxBodyBytes: 1.5 },
    ]) {
      expect(() => createWebhookHandler({ token: TOKEN, ...(bad as object) })).toThrow(
        WazzupConfigError,
      );
    }
  });

  it('answers 401 to a wrong or missing token, and runs no handler', async () => {
    const { handle, seen } = recording();
    const body = { messages: [webhookMessage('m1')] };
    expect((await deliver(handle, body, { token: `${TOKEN}x` })).status).toBe(401);
    expect((await deliver(handle, body, { token: '' })).status).toBe(401);
    expect((await deliver(handle, body, { token: TOKEN.slice(0, -1) })).status).toBe(401);
    expect(seen).toEqual([]);
  });

  it('takes the crmKey as a Bearer header instead', async () => {
    const { handle, seen } = recording({ token: undefined, crmKey: 'crm-key-1234567890' });
    const body = { messages: [webhookMessage('m1')] };
    const ok = await deliver(handle, body, {
      token: '',
      headers: { authorization: 'Bearer crm-key-1234567890' },
    });
    expect(ok.status).toBe(200);
    const wrong = await deliver(handle, body, {
      token: '',
      headers: { authorization: 'Bearer x' },
    });
    expect(wrong.status).toBe(401);
    expect(seen).toEqual(['message m1']);
  });

  it('answers the probe 200, other methods 405, big bodies 413 and non-JSON 400', async () => {
    const { handle, seen } = recording({ maxBodyBytes: 1000 });
    expect((await deliver(handle, { test: true })).status).toBe(200);
    const get = await deliver(handle, undefined, { method: 'GET' });
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    expect((await deliver(handle, { messages: [webhookMessage('x'.repeat(2000))] })).status).toBe(
      413,
    );
    expect((await deliver(handle, '{"messages":')).status).toBe(400);
    expect(seen).toEqual([]);
  });

  it('calls the handlers in delivery order, and onEvent for every event', async () => {
    const events: string[] = [];
    const { handle, seen } = recording({ onEvent: (event) => void events.push(event.type) });
    const response = await deliver(handle, {
      messages: [webhookMessage('m1')],
      statuses: [{ messageId: 'm0', timestamp: '2026-12-01T08:00:01Z', status: 'DELIVERED' }],
    });
    expect(response.status).toBe(200);
    expect(seen).toEqual(['message m1', 'status m0 delivered']);
    expect(events).toEqual(['message', 'status']);
  });

  it('drops a repeated delivery of the same item, and can be told not to', async () => {
    const { handle, seen } = recording();
    const body = { messages: [webhookMessage('m1')] };
    await deliver(handle, body);
    await deliver(handle, body);
    await deliver(handle, { messages: [webhookMessage('m1', { isEdited: true })] });
    expect(seen).toEqual(['message m1', 'message m1']);
    const off = recording({ dedupe: false });
    await deliver(off.handle, body);
    await deliver(off.handle, body);
    expect(off.seen).toEqual(['message m1', 'message m1']);
  });

  it('reports a malformed item to onError and handles the others', async () => {
    const { handle, seen, errors } = recording();
    const response = await deliver(handle, {
      messages: [webhookMessage('m1'), { nope: 1 }, webhookMessage('m2')],
    });
    expect(response.status).toBe(200);
    expect(seen).toEqual(['message m1', 'message m2']);
    expect(errors.map((error) => error.name)).toEqual(['WazzupWebhookError']);
  });

  it('answers 500 when a handler throws, so the service may redeliver, and skips what was done', async () => {
    let fail = true;
    const { handle, seen, errors } = recording({
      onStatus: () => {
        if (fail) throw new Error('database down');
        seen.push('status');
      },
    });
    const body = {
      messages: [webhookMessage('m1')],
      statuses: [{ messageId: 'm1', timestamp: 't', status: 'read' }],
    };
    expect((await deliver(handle, body)).status).toBe(500);
    expect(errors[0]?.name).toBe('WazzupWebhookHandlerError');
    fail = false;
    expect((await deliver(handle, body)).status).toBe(200);
    expect(seen).toEqual(['message m1', 'status']);
  });

  it('cuts a handler off past handlerTimeoutMs with 503 and a clear error', async () => {
    vi.useFakeTimers();
    try {
      const { handle, errors } = recording({
        handlerTimeoutMs: 1000,
        onMessage: () => new Promise(() => {}),
      });
      const pending = deliver(handle, { messages: [webhookMessage('m1')] });
      await vi.advanceTimersByTimeAsync(1000);
      const response = await pending;
      expect(response.status).toBe(503);
      expect(errors[0]).toBeInstanceOf(WazzupWebhookTimeoutError);
    } finally {
      vi.useRealTimers();
    }
  });

  it('answers at once and goes on through waitUntil, as on Workers', async () => {
    const later: Promise<unknown>[] = [];
    let release = () => {};
    const slow = new Promise<void>((resolve) => {
      release = resolve;
    });
    const { handle, seen } = recording({
      waitUntil: (promise) => void later.push(promise),
      onMessage: async ({ message: m }) => {
        await slow;
        seen.push(`message ${m.messageId}`);
      },
    });
    expect((await deliver(handle, { messages: [webhookMessage('m1')] })).status).toBe(200);
    expect(seen).toEqual([]);
    release();
    await Promise.all(later);
    expect(seen).toEqual(['message m1']);
  });

  it('answers a createContact with the handler’s entity, validated first', async () => {
    const request = {
      createContact: {
        responsibleUserId: 'u1',
        name: 'Anna',
        contactData: [{ chatType: 'whatsapp', chatId: '79011112233' }],
        source: 'auto',
      },
    };
    const handle = createWebhookHandler({
      token: TOKEN,
      onCreateContact: ({ request: asked }) => ({
        id: 'crm-42',
        responsibleUserId: asked.responsibleUserId,
        name: asked.name ?? 'New contact',
        contactData: asked.contactData.map(({ chatType, chatId }) => ({ chatType, chatId })),
      }),
    });
    const response = await deliver(handle, request);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ id: 'crm-42', name: 'Anna' });
    const errors: WazzupError[] = [];
    const broken = createWebhookHandler({
      token: TOKEN,
      onCreateContact: () => ({ id: '', responsibleUserId: 'u1', name: 'x', contactData: [] }),
      onError: (error) => void errors.push(error),
    });
    expect((await deliver(broken, request)).status).toBe(500);
    expect(errors[0]?.name).toBe('WazzupWebhookError');
    // Without a handler it cannot answer, but an onEvent (a logger) still sees the request.
    const seen: string[] = [];
    const none = createWebhookHandler({
      token: TOKEN,
      onEvent: (event) => void seen.push(event.type),
    });
    expect((await deliver(none, request)).status).toBe(501);
    expect(seen).toEqual(['createContact']);
  });

  it('never crashes on any bytes, and runs no handler for them', async () => {
    const { handle, seen } = recording();
    for (const body of ['', 'null', '[1,2]', '{"messages":7}', '\u0000\u0001', '"x"', '{"a":']) {
      const response = await deliver(handle, body);
      expect([200, 400]).toContain(response.status);
    }
    expect(seen).toEqual([]);
  });
});

describe('what succeeded stays done, and every failure is told', () => {
  it('runs again only the handler that failed: onMessage ran, onEvent threw', async () => {
    let failing = true;
    const { handle, seen, errors } = recording({
      onEvent: (event) => {
        if (failing) throw new Error('audit log down');
        seen.push(`event ${event.type}`);
      },
    });
    const body = { messages: [webhookMessage('m1')] };
    expect((await deliver(handle, body)).status).toBe(500);
    expect(errors.map((error) => error.name)).toEqual(['WazzupWebhookHandlerError']);
    failing = false;
    expect((await deliver(handle, body)).status).toBe(200);
    expect(seen).toEqual(['message m1', 'event message']);
  });

  it('a store that fails to remember is told as the store’s failure; the handled delivery stands', async () => {
    const memory = createMemoryDedupe();
    const store: DedupeStore = {
      claim: (key, leaseMs) => memory.claim(key, leaseMs),
      complete: () => Promise.reject(new Error('store unreachable')),
      release: (key) => memory.release(key),
    };
    const { handle, seen, errors } = recording({ dedupe: store });
    expect((await deliver(handle, { messages: [webhookMessage('m1')] })).status).toBe(200);
    expect(seen).toEqual(['message m1']);
    expect(
      errors.map((error) => [error.name, (error as { operation?: string }).operation]),
    ).toEqual([['WazzupWebhookStoreError', 'complete']]);
  });

  it('a store that cannot claim runs nothing, answers 500 and tells onError, never rejecting', async () => {
    const store: DedupeStore = {
      claim: () => Promise.reject(new Error('store unreachable')),
      complete: () => {},
      release: () => {},
    };
    const { handle, seen, errors } = recording({ dedupe: store });
    const response = await deliver(handle, { messages: [webhookMessage('m1')] });
    expect(response.status).toBe(500);
    expect(seen).toEqual([]);
    expect(errors.map((error) => error.name)).toEqual(['WazzupWebhookStoreError']);
  });

  it('runs no repeat that arrives while the first copy still runs, and acknowledges it only once done', async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let runs = 0;
    const { handle } = recording({
      onMessage: async () => {
        runs++;
        await gate;
      },
    });
    const body = { messages: [webhookMessage('m1')] };
    const first = deliver(handle, body);
    const second = await deliver(handle, body);
    // Not acknowledged: if the first copy failed, the item must come again.
    expect(second.status).toBe(503);
    expect(await second.json()).toMatchObject({ error: 'IN_PROGRESS' });
    release();
    expect((await first).status).toBe(200);
    expect((await deliver(handle, body)).status).toBe(200);
    expect(runs).toBe(1);
  });

  it('handles the messages that come with a createContact, then answers the entity', async () => {
    const { handle, seen } = recording({
      onCreateContact: ({ request }) => ({
        id: 'crm-1',
        responsibleUserId: request.responsibleUserId,
        name: 'Anna',
        contactData: [{ chatType: 'whatsapp', chatId: '79011112233' }],
      }),
    });
    const response = await deliver(handle, {
      createContact: {
        responsibleUserId: 'u1',
        contactData: [{ chatType: 'whatsapp', chatId: '79011112233' }],
      },
      messages: [webhookMessage('m1')],
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ id: 'crm-1' });
    expect(seen).toEqual(['message m1']);
  });

  it('cuts a createContact handler that hangs off with 503, and never answers a throw’s words', async () => {
    vi.useFakeTimers();
    try {
      const request = { createContact: { responsibleUserId: 'u1', contactData: [] } };
      const hung = recording({
        handlerTimeoutMs: 1000,
        onCreateContact: () => new Promise(() => {}),
      });
      const pending = deliver(hung.handle, request);
      await vi.advanceTimersByTimeAsync(1000);
      expect((await pending).status).toBe(503);
      expect(hung.errors[0]).toBeInstanceOf(WazzupWebhookTimeoutError);
    } finally {
      vi.useRealTimers();
    }
    const secret = 'postgres://crm:hunter2-secret@db.internal/crm';
    const throwing = recording({
      onCreateContact: () => {
        throw new Error(`cannot connect to ${secret}`);
      },
    });
    const response = await deliver(throwing.handle, {
      createContact: { responsibleUserId: 'u1', contactData: [] },
    });
    expect(response.status).toBe(500);
    expect(await response.text()).not.toContain('hunter2');
    expect(throwing.errors[0]?.message).toContain('cannot connect');
  });

  it('answers 408 to a body that does not arrive within bodyTimeoutMs', async () => {
    const { handle, errors } = recording({ bodyTimeoutMs: 100 });
    const trickle = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"messages":'));
      },
    });
    const response = await handle(
      new Request(`https://crm.example.com/wazzup?token=${TOKEN}`, {
        method: 'POST',
        body: trickle,
        duplex: 'half',
      } as RequestInit),
    );
    expect(response.status).toBe(408);
    expect(errors.map((error) => error.name)).toEqual(['WazzupWebhookBodyTimeoutError']);
  });

  it('refuses bad options when it is made, each by name', () => {
    for (const [option, value] of [
      ['maxBodyBytes', -5],
      ['bodyTimeoutMs', 0],
      ['handlerTimeoutMs', '25000'],
      ['dedupe', { has: () => false, add: () => {} }],
    ] as const) {
      expect(() => createWebhookHandler({ token: TOKEN, [option]: value } as never)).toThrow(
        expect.objectContaining({ name: 'WazzupConfigError', variable: option }),
      );
    }
  });
});

describe('the secret helpers', () => {
  it('make a long random token and the address that carries it', () => {
    const token = createWebhookSecret();
    expect(token).toMatch(/^[\w-]{43}$/);
    expect(createWebhookSecret()).not.toBe(token);
    expect(webhookAddress('https://crm.example.com/wazzup?x=1', token)).toBe(
      `https://crm.example.com/wazzup?x=1&token=${token}`,
    );
  });

  it('compare in constant time, and correctly', () => {
    expect(safeEqual('abc', 'abc')).toBe(true);
    expect(safeEqual('abd', 'abc')).toBe(false);
    expect(safeEqual('ab', 'abc')).toBe(false);
    expect(safeEqual('abcd', 'abc')).toBe(false);
    expect(safeEqual('', 'abc')).toBe(false);
  });

  it('bound the in-memory dedupe store by size and age', () => {
    let now = 0;
    const store = createMemoryDedupe({ maxKeys: 4, ttlMs: 100, now: () => now });
    for (const key of ['a', 'b', 'c', 'd', 'e']) {
      store.claim(key, 10);
      store.complete(key);
    }
    // The newest keys are kept; the oldest generations went whole.
    expect(['d', 'e', 'a', 'b'].map((key) => store.claim(key, 10))).toEqual([
      'done',
      'done',
      'claimed',
      'claimed',
    ]);
    now = 150;
    expect(store.claim('e', 10)).toBe('claimed');
  });

  it('claim atomically: busy while a lease holds, free again after it or a release', () => {
    let now = 0;
    const store = createMemoryDedupe({ now: () => now });
    expect(store.claim('k', 1000)).toBe('claimed');
    expect(store.claim('k', 1000)).toBe('busy');
    now = 1000;
    expect(store.claim('k', 1000)).toBe('claimed');
    store.release('k');
    expect(store.claim('k', 1000)).toBe('claimed');
    store.complete('k');
    expect(store.claim('k', 1000)).toBe('done');
  });
});

// The type of every event a handler can get, for the compiler to check the union is exhaustive.
export type Checked = WebhookEvent['type'];
