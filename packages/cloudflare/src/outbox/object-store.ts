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
 * How many objects a key's ledger is spread over: at the service's full rate a message costs
 * its ledger about six calls and each of its three status webhooks three more, some 1 500 calls a
 * second, past what one Durable Object serves; eight share that. Fixed: a record's object follows
 * from its id, so changing it would lose every record.
 */
const SHARDS = 8;

/** Which of the shards a key lives in (FNV-1a: stable, and spreads ids evenly). */
function shardOf(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % SHARDS;
}

/**
 * The outbox's store on the {@link WazzupOutbox} objects named `name:0` to `name:7`: the engine's
 * rules run here, in the consumer, and each read-change-write is a read and a compare-and-set in
 * the object that holds the record (by its id; the messageId index and waiting statuses by the
 * messageId). The dead list is each object's own, merged when read.
 */
export function objectOutboxStore(
  namespace: DurableObjectNamespaceLike,
  name: string,
  ttlMs: number,
): ObjectOutboxStore {
  const stubs = Array.from({ length: SHARDS }, (_, shard) =>
    namespace.get(namespace.idFromName(`${name}:${shard}`) as never),
  );
  async function call<T, Op extends LedgerCall['op']>(
    key: string | number,
    op: Op,
    body: Body<Op>,
  ): Promise<T> {
    const stub = stubs[typeof key === 'number' ? key : shardOf(key)] as (typeof stubs)[number];
    const response = await stub.fetch(`https://wazzup-outbox/outbox/${op}`, {
      method: 'POST',
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`the outbox Durable Object answered ${response.status}`);
    return (await response.json()) as T;
  }
  const parse = (raw: string | null) => (raw ? (JSON.parse(raw) as OutboxRecord) : undefined);
  const read = async (id: string) =>
    (await call<{ raw: string | null }, 'get'>(id, 'get', { id })).raw;

  return {
    get: async (id) => parse(await read(id)),
    async update(id, change) {
      // Bounded: each retry means another write landed; a hundred in a row is a bug.
      for (let attempt = 0; attempt < 100; attempt++) {
        const raw = await read(id);
        const current = parse(raw);
        const next = change(current && structuredClone(current));
        if (next === undefined) return current;
        const written = { id, expected: raw ?? '', next: JSON.stringify(next), ttlMs };
        if ((await call<{ ok: boolean }, 'cas'>(id, 'cas', written)).ok) return next;
      }
      throw new Error(`the outbox record ${id} kept changing under 100 tries`);
    },
    async create(records) {
      const byShard = new Map<number, { id: string; raw: string }[]>();
      for (const record of records) {
        const id = record.crmMessageId;
        const shard = shardOf(id);
        byShard.set(shard, [...(byShard.get(shard) ?? []), { id, raw: JSON.stringify(record) }]);
      }
      await Promise.all(
        [...byShard].map(([shard, raw]) => call(shard, 'create', { records: raw, ttlMs })),
      );
    },
    async index(messageId, id) {
      await call(messageId, 'index', { messageId, id, ttlMs });
    },
    lookup: async (messageId) =>
      (await call<{ id: string | null }, 'lookup'>(messageId, 'lookup', { messageId })).id ??
      undefined,
    async keepOrphan(messageId, event) {
      await call(messageId, 'keepOrphan', { messageId, event });
    },
    takeOrphans: async (messageId) =>
      (
        await call<{ events: StatusEvent[] }, 'takeOrphans'>(messageId, 'takeOrphans', {
          messageId,
        })
      ).events,
    async addDead(id, at) {
      await call(id, 'addDead', { id, at, ttlMs });
    },
    async removeDead(id) {
      await call(id, 'removeDead', { id });
    },
    async listDead(offset, limit) {
      const pages = await Promise.all(
        stubs.map((_, shard) =>
          call<{ dead: [string, number][] }, 'listDead'>(shard, 'listDead', {
            offset: 0,
            limit: offset + limit,
          }),
        ),
      );
      return pages
        .flatMap((page) => page.dead)
        .sort((a, b) => b[1] - a[1])
        .slice(offset, offset + limit)
        .map(([id]) => id);
    },
  };
}
