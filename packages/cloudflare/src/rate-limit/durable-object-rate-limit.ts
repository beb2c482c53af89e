import { defineRateLimitStore, type RateLimitStore } from '@wazzup-sdk/core';
import { createSlotTable } from '@wazzup-sdk/core/internal';
import type { DurableObjectNamespaceLike } from '../outbox/bindings';

type Operation = 'take' | 'release' | 'pause';
const OPERATIONS: readonly string[] = ['take', 'release', 'pause'] satisfies Operation[];

/**
 * The Durable Object that keeps one key's shared rate limit for every Worker, isolate and
 * invocation that sends on it: one instance per key (named by its hash), which runs one request
 * at a time, so each take, release and pause is atomic on the object's own clock. Export it from
 * your Worker and bind it (`WAZZUP_RATE_LIMIT` in the examples), then pass
 * {@link durableObjectRateLimit} as the client's `rateLimit.store`:
 *
 * @example
 * // worker.ts
 * export { WazzupRateLimit } from '@wazzup-sdk/cloudflare';
 * const wazzup = createWazzup({
 *   env,
 *   rateLimit: { limit: 500, windowMs: 5000, store: durableObjectRateLimit(env.WAZZUP_RATE_LIMIT) },
 * });
 * // wrangler.json
 * // "durable_objects": { "bindings": [{ "name": "WAZZUP_RATE_LIMIT", "class_name": "WazzupRateLimit" }] },
 * // "migrations": [{ "tag": "v1", "new_sqlite_classes": ["WazzupRateLimit"] }]
 */
export class WazzupRateLimit {
  // In memory: an evicted object has idled past every lease, so nothing it held still counts.
  readonly #slots = createSlotTable();

  /** Answers one operation, POSTed to `/<take|release|pause>` with its request as JSON. */
  async fetch(request: Request): Promise<Response> {
    const operation = new URL(request.url).pathname.slice(1);
    if (request.method !== 'POST' || !OPERATIONS.includes(operation)) {
      return new Response(null, { status: 404 });
    }
    let body: unknown;
    try {
      body = await request.json();
    } catch {
      return new Response(null, { status: 400 });
    }
    if (typeof body !== 'object' || body === null) return new Response(null, { status: 400 });
    switch (operation as Operation) {
      case 'take':
        return Response.json(this.#slots.take(body as Parameters<RateLimitStore['take']>[0]));
      case 'release':
        this.#slots.release(body as Parameters<RateLimitStore['release']>[0]);
        return Response.json({});
      case 'pause':
        this.#slots.pause(body as Parameters<RateLimitStore['pause']>[0]);
        return Response.json({});
    }
  }
}

/**
 * A `RateLimitStore` (core) on the {@link WazzupRateLimit} Durable Object bound as `namespace`:
 * every client made with it, in any Worker or invocation, counts against one limit per key, and
 * a 429 pauses them all. A call that cannot reach the object fails as the store failing does.
 */
export function durableObjectRateLimit(namespace: DurableObjectNamespaceLike): RateLimitStore {
  const call = async <T>(key: string, operation: Operation, body: unknown): Promise<T> => {
    const stub = namespace.get(namespace.idFromName(key) as never);
    const response = await stub.fetch(`https://wazzup-rate-limit/${operation}`, {
      method: 'POST',
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`the rate-limit Durable Object answered ${response.status}`);
    return (await response.json()) as T;
  };
  return defineRateLimitStore({
    take: (request) => call(request.key, 'take', request),
    release: async (request) => {
      await call(request.key, 'release', request);
    },
    pause: async (request) => {
      await call(request.key, 'pause', request);
    },
  });
}
