import { keepRecent } from '../state/history';
import type { MockWebhookSettings } from '../state/store';

// The other direction: the fake service POSTs webhooks to the address an account set with
// PATCH /v3/webhooks, as the webhooks pages describe them. Written from the pages, without core.

/** How the mock delivers webhooks. */
export interface WebhookDeliveryOptions {
  /**
   * How long after a send each status comes, in ms; default sent 20, delivered 60, read 120. A
   * send's statuses are delivered one after another, in order, each no sooner than its time.
   */
  statusDelays?: { sent?: number; delivered?: number; read?: number };
  /** Also deliver each API send back as an outgoing message (`isEcho: true`), as some report. */
  echoApiSends?: boolean;
  /** Chat ids whose messages fail: their timeline is `sent` → `error` (`BAD_CONTACT`). */
  failingChats?: readonly string[];
  /** Waits before each retry of a delivery that was not answered 200; default 50, 200, 1 000 ms. */
  retryDelaysMs?: readonly number[];
  /** How long a delivery may take before it counts as failed; default 30 000 ms, the service's. */
  timeoutMs?: number;
}

/** One attempt to deliver a webhook, as the inspection log keeps it. */
export interface WebhookAttempt {
  at: number;
  uri: string;
  /** The body sent: an object as JSON, or the exact text a raw delivery sent. */
  body: Record<string, unknown> | string;
  /** 1 for the first try. */
  attempt: number;
  /** The status answered, or `'failed'` when the request did not get one. */
  outcome: number | 'failed';
  /** The answer's JSON body, when there was one (a created contact or deal). */
  answer?: unknown;
}

/** What the deliverer needs from the mock. */
export interface DelivererDeps {
  fetch: (input: string, init: RequestInit) => Promise<Response>;
  now: () => number;
  /** Most attempts the log keeps. */
  maxLog: number;
}

/** Sends webhooks for one mock: scheduled, retried, logged. */
export interface WebhookDeliverer {
  /** Delivers `body` to the account's address if `switch` is on; resolves with the last attempt. */
  deliver(
    settings: MockWebhookSettings,
    subscription: keyof MockWebhookSettings['subscriptions'],
    body: Record<string, unknown>,
    delayMs?: number,
  ): Promise<WebhookAttempt | undefined>;
  /**
   * Delivers `steps` one after another, each `delayMs` after the previous one's delivery ended (or
   * gave up): a message's statuses arrive in order, as a timeline should.
   */
  deliverInOrder(
    settings: MockWebhookSettings,
    subscription: keyof MockWebhookSettings['subscriptions'],
    steps: readonly { body: Record<string, unknown>; delayMs: number }[],
  ): Promise<void>;
  /** Sends `body` once to `uri`, as it is (a string goes byte for byte), with no retry. */
  deliverOnce(uri: string, body: Record<string, unknown> | string): Promise<WebhookAttempt>;
  readonly log: readonly WebhookAttempt[];
  /** Resolves once every scheduled and retried delivery has ended. */
  idle(): Promise<void>;
  /** Drops scheduled deliveries and the log. */
  clear(): void;
}

/** Makes the deliverer of a mock. */
export function createWebhookDeliverer(
  options: WebhookDeliveryOptions,
  deps: DelivererDeps,
): WebhookDeliverer {
  const log: WebhookAttempt[] = [];
  const pending = new Set<Promise<unknown>>();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const retries = options.retryDelaysMs ?? [50, 200, 1000];
  const timeoutMs = options.timeoutMs ?? 30_000;
  let generation = 0;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  async function attempt(uri: string, body: Record<string, unknown> | string, number: number) {
    const entry: WebhookAttempt = { at: deps.now(), uri, body, attempt: number, outcome: 'failed' };
    keepRecent(log, entry, deps.maxLog);
    try {
      const response = await deps.fetch(uri, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: typeof body === 'string' ? body : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
      entry.outcome = response.status;
      const text = await response.text();
      if (text) {
        try {
          entry.answer = JSON.parse(text);
        } catch {}
      }
    } catch {}
    return entry;
  }

  function track<T>(promise: Promise<T>): Promise<T> {
    pending.add(promise);
    promise.finally(() => pending.delete(promise)).catch(() => {});
    return promise;
  }

  const deliverer: WebhookDeliverer = {
    log,
    deliverOnce: (uri, body) => track(attempt(uri, body, 1)),
    deliverInOrder(settings, subscription, steps) {
      return track(
        (async () => {
          for (const { body, delayMs } of steps) {
            await deliverer.deliver(settings, subscription, body, delayMs);
          }
        })(),
      );
    },
    deliver(settings, subscription, body, delayMs = 0) {
      const uri = settings.uri;
      if (!uri || !settings.subscriptions[subscription]) return Promise.resolve(undefined);
      const mine = generation;
      return track(
        (async () => {
          if (delayMs > 0) await sleep(delayMs);
          let last: WebhookAttempt | undefined;
          for (let number = 1; number <= retries.length + 1; number++) {
            if (mine !== generation) return last;
            last = await attempt(uri, body, number);
            if (last.outcome === 200) return last;
            const wait = retries[number - 1];
            if (wait === undefined) return last;
            await sleep(wait);
          }
          return last;
        })(),
      );
    },
    async idle() {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
    clear() {
      generation++;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      log.length = 0;
    },
  };
  return deliverer;
}

/** When each status of a send's timeline comes, and which they are. */
export function statusTimeline(
  options: WebhookDeliveryOptions,
  chatId: string,
): { status: 'sent' | 'delivered' | 'read' | 'error'; afterMs: number }[] {
  const delays = { sent: 20, delivered: 60, read: 120, ...options.statusDelays };
  if (options.failingChats?.includes(chatId)) {
    return [
      { status: 'sent', afterMs: delays.sent },
      { status: 'error', afterMs: delays.delivered },
    ];
  }
  return [
    { status: 'sent', afterMs: delays.sent },
    { status: 'delivered', afterMs: delays.delivered },
    { status: 'read', afterMs: delays.read },
  ];
}
