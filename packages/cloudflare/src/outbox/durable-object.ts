import type { DurableObjectStateLike } from './bindings';
import { createLeaseWindow, type OutboxRateLimit } from './lease-window';
import { type Claim, createLedger, type LedgerSettings, type Settlement } from './ledger';

// How long a `begin` may wait for a slot before the consumer is told to ask again.
const MAX_WAIT_MS = 10_000;

/** The calls a consumer makes to the outbox object, one JSON body per request. */
export type OutboxCall =
  | {
      op: 'begin';
      crmMessageId: string;
      settings: LedgerSettings;
      rate: OutboxRateLimit;
      leaseTtlMs: number;
      /**
       * A message sent before (a re-send, a redelivery): it goes ahead of first attempts, since an
       * earlier attempt may have started the service's duplicate window, which a long wait would
       * outlast.
       */
      urgent: boolean;
    }
  | {
      op: 'finish';
      crmMessageId: string;
      claim: { claimedAt: number; uncertainSince: number };
      settlement: Settlement;
      settings: LedgerSettings;
      lease: string;
      rate: OutboxRateLimit;
      slot: SlotEnd;
    };

/**
 * How an attempt gives its send slot back. `release`: the answer came, the slot counts from now.
 * `pause`: the service said 429, so every slot is held for one more window. `hold`: no answer
 * came (a timeout), and the service may still read the request after the client gave up, so the
 * slot stays taken until the lease's TTL, as for a consumer that never came back.
 */
export type SlotEnd = 'release' | 'pause' | 'hold';

/**
 * What `begin` answers: wait for a slot; or the ledger's word on a message that needs no send
 * (ack it, or dead-letter it); or a slot (`lease`) to send it with.
 */
export type Begin =
  | { waitMs: number }
  | { claim: Exclude<Claim, { action: 'send' }> }
  | { claim: Extract<Claim, { action: 'send' }>; lease: string };

/** What each call answers. */
export type OutboxAnswer<C extends OutboxCall> = C['op'] extends 'begin'
  ? Begin
  : Record<string, never>;

/**
 * The Durable Object behind the outbox, one instance per API key: the rate limit every consumer
 * of the key shares, and the ledger of crmMessageIds. Export it from your Worker and bind it
 * (`WAZZUP_OUTBOX` by default):
 *
 * @example
 * // worker.ts
 * export { WazzupOutbox } from '@wazzup-sdk/cloudflare/outbox';
 * // wrangler.json (apps/outbox has the whole file)
 * // "durable_objects": { "bindings": [{ "name": "WAZZUP_OUTBOX", "class_name": "WazzupOutbox" }] },
 * // "migrations": [{ "tag": "v1", "new_sqlite_classes": ["WazzupOutbox"] }]
 */
export class WazzupOutbox {
  // The window lives in memory: the object is evicted only after idling, by which time every slot
  // has ended anyway. The ledger lives in storage, since it must outlast any one instance.
  readonly #window = createLeaseWindow();
  readonly #ledger: ReturnType<typeof createLedger>;

  constructor(state: DurableObjectStateLike, _env?: unknown) {
    this.#ledger = createLedger(state.storage);
  }

  /** Answers one {@link OutboxCall}. */
  async fetch(request: Request): Promise<Response> {
    const call = (await request.json()) as OutboxCall;
    return Response.json(await this.#answer(call));
  }

  /** Forgets expired ledger entries. */
  async alarm(): Promise<void> {
    await this.#ledger.sweep();
  }

  async #answer(call: OutboxCall): Promise<Begin | Record<string, never>> {
    switch (call.op) {
      case 'begin': {
        // The slot comes first, so the ledger's clock starts when the send really does.
        const grant = await this.#window.take(call.rate, call.leaseTtlMs, MAX_WAIT_MS, call.urgent);
        if (!('lease' in grant)) return grant;
        const claim = await this.#ledger.claim(call.crmMessageId, call.settings);
        if (claim.action === 'send') return { claim, lease: grant.lease };
        this.#window.cancel(grant.lease);
        return { claim };
      }
      case 'finish':
        if (call.slot !== 'hold')
          this.#window.release(call.lease, call.rate, call.slot === 'pause');
        await this.#ledger.settle(call.crmMessageId, call.claim, call.settlement, call.settings);
        return {};
    }
  }
}
