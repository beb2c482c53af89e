import type { OutboxRecord, OutboxStore, StatusEvent } from '@wazzup-sdk/core/outbox';
import type { DurableObjectNamespaceLike } from './bindings';
import type { LedgerCall } from './object-ledger';

/** The outbox's store, and queued records written in bulk (which only this backend needs). */
export interface ObjectOutboxStore extends OutboxStore {
  /** Stores each record that is not there yet. */
  create(records: OutboxRecord[]): Promise<void>;
}

/** A call's body without its op, which goes in the path. */
type Body<Op extends LedgerCall['op']> = Omit<Extract<LedgerCall, { op: Op }>, 'op'>;

/**
 * The outbox's store on the {@link WazzupOutbox} object named `name`: the engine's rules run here,
 * in the consumer, and each read-change-write is a read and a compare-and-set in the object.
 */
export function objectOutboxStore(
  namespace: DurableObjectNamespaceLike,
  name: string,
  ttlMs: number,
): ObjectOutboxStore {
  const stub = namespace.get(namespace.idFromName(name) as never);
  async function call<T, Op extends LedgerCall['op']>(op: Op, body: Body<Op>): Promise<T> {
    const response = await stub.fetch(`https://wazzup-outbox/outbox/${op}`, {
      method: 'POST',
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`the outbox Durable Object answered ${response.status}`);
    return (await response.json()) as T;
  }
  const parse = (raw: string | null) => (raw ? (JSON.parse(raw) as OutboxRecord) : undefined);

  return {
    get: async (id) => parse((await call<{ raw: string | null }, 'get'>('get', { id })).raw),
    async update(id, change) {
      // Bounded: each retry means another write landed; a hundred in a row is a bug.
      for (let attempt = 0; attempt < 100; attempt++) {
        const { raw } = await call<{ raw: string | null }, 'get'>('get', { id });
        const current = parse(raw);
        const next = change(current && structuredClone(current));
        if (next === undefined) return current;
        const written = { id, expected: raw ?? '', next: JSON.stringify(next), ttlMs };
        if ((await call<{ ok: boolean }, 'cas'>('cas', written)).ok) return next;
      }
      throw new Error(`the outbox record ${id} kept changing under 100 tries`);
    },
    async create(records) {
      const raw = records.map((record) => ({
        id: record.crmMessageId,
        raw: JSON.stringify(record),
      }));
      await call('create', { records: raw, ttlMs });
    },
    async index(messageId, id) {
      await call('index', { messageId, id, ttlMs });
    },
    lookup: async (messageId) =>
      (await call<{ id: string | null }, 'lookup'>('lookup', { messageId })).id ?? undefined,
    async keepOrphan(messageId, event) {
      await call('keepOrphan', { messageId, event });
    },
    takeOrphans: async (messageId) =>
      (await call<{ events: StatusEvent[] }, 'takeOrphans'>('takeOrphans', { messageId })).events,
    async addDead(id, at) {
      await call('addDead', { id, at, ttlMs });
    },
    async removeDead(id) {
      await call('removeDead', { id });
    },
    listDead: async (offset, limit) =>
      (await call<{ ids: string[] }, 'listDead'>('listDead', { offset, limit })).ids,
  };
}
