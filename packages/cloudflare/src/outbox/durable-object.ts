import type { DurableObjectStateLike } from './bindings';
import { createLeaseWindow } from './lease-window';
import { createLedger } from './ledger';
import type { Begin, OutboxCall } from './protocol';

// How long a `begin` may wait for a slot before the consumer is told to ask again.
const MAX_WAIT_MS = 10_000;

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
