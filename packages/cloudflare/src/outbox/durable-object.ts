import { WazzupRateLimit } from '../rate-limit/durable-object-rate-limit';
import type { DurableObjectStateLike } from './bindings';
import {
  createObjectLedger,
  LEDGER_OPS,
  type LedgerCall,
  type ObjectLedger,
} from './object-ledger';

/**
 * The Durable Object behind the outbox: the ledger of each message (its record, status and
 * timeline, the messageId index, the dead list), one object per API key, and the key's shared rate
 * limit (it answers what {@link WazzupRateLimit} answers, so `durableObjectRateLimit` on this
 * binding shares the outbox's limit with your direct sends). Export it from your Worker and bind it
 * (`WAZZUP_OUTBOX` by default):
 *
 * @example
 * // worker.ts
 * export { WazzupOutbox } from '@wazzup-sdk/cloudflare/outbox';
 * // wrangler.json (apps/outbox has the whole file)
 * // "durable_objects": { "bindings": [{ "name": "WAZZUP_OUTBOX", "class_name": "WazzupOutbox" }] },
 * // "migrations": [{ "tag": "v1", "new_sqlite_classes": ["WazzupOutbox"] }]
 */
export class WazzupOutbox extends WazzupRateLimit {
  readonly #ledger: ObjectLedger;

  constructor(state: DurableObjectStateLike, _env?: unknown) {
    super();
    this.#ledger = createObjectLedger(state.storage);
  }

  /** Answers a ledger call POSTed to `/outbox/<op>`, or a rate-limit one. */
  override async fetch(request: Request): Promise<Response> {
    const { pathname } = new URL(request.url);
    if (!pathname.startsWith('/outbox/')) return super.fetch(request);
    const op = pathname.slice('/outbox/'.length);
    if (request.method !== 'POST' || !LEDGER_OPS.includes(op)) {
      return new Response(null, { status: 404 });
    }
    const call = (await request.json().catch(() => null)) as LedgerCall | null;
    if (typeof call !== 'object' || call === null) return new Response(null, { status: 400 });
    return Response.json(await this.#ledger.answer({ ...call, op } as LedgerCall));
  }

  /** Forgets what has expired. */
  async alarm(): Promise<void> {
    await this.#ledger.sweep();
  }
}
