// What a Worker project's own types give its snippets: `Env` as `wrangler types` writes it for the
// guides' bindings, `ExecutionContext` as @cloudflare/workers-types declares it, and the app's
// own session check.
import type { WazzupEnv } from '@wazzup-sdk/cloudflare';
import type { DurableObjectNamespaceLike, QueueProducer } from '@wazzup-sdk/cloudflare/outbox';

declare global {
  interface Env extends WazzupEnv {
    WAZZUP_RATE_LIMIT: DurableObjectNamespaceLike;
    WAZZUP_OUTBOX: DurableObjectNamespaceLike;
    WAZZUP_QUEUE: QueueProducer<unknown>;
  }
  interface ExecutionContext {
    waitUntil(promise: Promise<unknown>): void;
    passThroughOnException(): void;
  }
  function isSignedIn(request: Request, env: Env): boolean;
}
