import type { StatusEvent } from '@wazzup-sdk/core/outbox';
import type { DurableObjectStorageLike } from './bindings';

// The outbox's store inside its Durable Object: one object per key runs one call at a time, so
// every operation below is atomic without locks. Records are kept as the JSON the consumer wrote,
// so a compare-and-set compares strings, as the Redis store does.

/** One stored value and when it may be forgotten. */
interface Kept<T> {
  v: T;
  exp: number;
}

/** The calls the consumer's store makes, one JSON body per request to `/outbox/<op>`. */
export type LedgerCall =
  | { op: 'get'; id: string }
  | { op: 'cas'; id: string; expected: string; next: string; ttlMs: number }
  | { op: 'create'; records: { id: string; raw: string }[]; ttlMs: number }
  | { op: 'index'; messageId: string; id: string; ttlMs: number }
  | { op: 'lookup'; messageId: string }
  | { op: 'keepOrphan'; messageId: string; event: StatusEvent }
  | { op: 'takeOrphans'; messageId: string }
  | { op: 'addDead'; id: string; at: number; ttlMs: number }
  | { op: 'removeDead'; id: string }
  | { op: 'listDead'; offset: number; limit: number };

export const LEDGER_OPS: readonly string[] = [
  'get',
  'cas',
  'create',
  'index',
  'lookup',
  'keepOrphan',
  'takeOrphans',
  'addDead',
  'removeDead',
  'listDead',
] satisfies LedgerCall['op'][];

const ORPHAN_TTL_MS = 10 * 60 * 1000;
const SWEEP_EVERY_MS = 60 * 60 * 1000;
const PAGE = 1000;

/** Keys by kind: records, the messageId index, waiting statuses, the dead list by time and by id. */
const key = {
  record: (id: string) => `m:${id}`,
  byMessage: (messageId: string) => `b:${messageId}`,
  orphans: (messageId: string) => `o:${messageId}`,
  // Zero-padded, so the list's order is the time order.
  dead: (at: number, id: string) => `d:${String(at).padStart(15, '0')}:${id}`,
  deadOf: (id: string) => `k:${id}`,
};

/** What the object does with its storage: answer a call, and forget what has expired. */
export interface ObjectLedger {
  answer(call: LedgerCall): Promise<unknown>;
  /** Deletes what has expired; sets the next alarm while anything is left. */
  sweep(): Promise<void>;
}

/** The ledger on a Durable Object's storage; `now` is the object's clock. */
export function createObjectLedger(
  storage: DurableObjectStorageLike,
  now: () => number = Date.now,
): ObjectLedger {
  // Whether this instance has seen a sweep alarm set, so a write checks storage for one only
  // until then, not on every write.
  let sweepScheduled = false;

  async function read<T>(name: string): Promise<T | undefined> {
    const kept = await storage.get<Kept<T>>(name);
    return kept && kept.exp > now() ? kept.v : undefined;
  }

  async function write(name: string, value: unknown, ttlMs: number): Promise<void> {
    await storage.put(name, { v: value, exp: now() + ttlMs } satisfies Kept<unknown>);
    if (sweepScheduled) return;
    if ((await storage.getAlarm()) === null) await storage.setAlarm(now() + SWEEP_EVERY_MS);
    sweepScheduled = true;
  }

  /** Pages of stored entries under a prefix, in key order. */
  async function* entries<T>(prefix: string): AsyncGenerator<[string, Kept<T>]> {
    let startAfter: string | undefined;
    for (;;) {
      const page = await storage.list<Kept<T>>({
        prefix,
        limit: PAGE,
        ...(startAfter === undefined ? {} : { startAfter }),
      });
      yield* page;
      if (page.size < PAGE) return;
      startAfter = [...page.keys()].at(-1);
    }
  }

  async function answer(call: LedgerCall): Promise<unknown> {
    switch (call.op) {
      case 'get':
        return { raw: (await read<string>(key.record(call.id))) ?? null };
      case 'cas': {
        const current = (await read<string>(key.record(call.id))) ?? '';
        if (current !== call.expected) return { ok: false };
        await write(key.record(call.id), call.next, call.ttlMs);
        return { ok: true };
      }
      case 'create':
        for (const { id, raw } of call.records) {
          if ((await read(key.record(id))) === undefined) {
            await write(key.record(id), raw, call.ttlMs);
          }
        }
        return {};
      case 'index':
        await write(key.byMessage(call.messageId), call.id, call.ttlMs);
        return {};
      case 'lookup':
        return { id: (await read<string>(key.byMessage(call.messageId))) ?? null };
      case 'keepOrphan': {
        const kept = (await read<StatusEvent[]>(key.orphans(call.messageId))) ?? [];
        await write(key.orphans(call.messageId), [...kept, call.event], ORPHAN_TTL_MS);
        return {};
      }
      case 'takeOrphans': {
        const events = (await read<StatusEvent[]>(key.orphans(call.messageId))) ?? [];
        if (events.length) await storage.delete([key.orphans(call.messageId)]);
        return { events };
      }
      case 'addDead': {
        const before = await read<string>(key.deadOf(call.id));
        if (before) await storage.delete([before]);
        const name = key.dead(call.at, call.id);
        await write(name, call.id, call.ttlMs);
        await write(key.deadOf(call.id), name, call.ttlMs);
        return {};
      }
      case 'removeDead': {
        const name = await read<string>(key.deadOf(call.id));
        await storage.delete(name ? [name, key.deadOf(call.id)] : [key.deadOf(call.id)]);
        return {};
      }
      case 'listDead': {
        // Each with when it died (its key holds the time), so the store can merge the shards.
        const page = await storage.list<Kept<string>>({
          prefix: 'd:',
          reverse: true,
          limit: call.offset + call.limit,
        });
        const at = now();
        const dead = [...page]
          .filter(([, kept]) => kept.exp > at)
          .map(([name, kept]) => [kept.v, Number(name.slice(2, 17))] as const);
        return { dead: dead.slice(call.offset) };
      }
    }
  }

  return {
    answer,

    async sweep(): Promise<void> {
      const at = now();
      let left = false;
      const expired: string[] = [];
      for await (const [name, kept] of entries<unknown>('')) {
        if (kept.exp <= at) expired.push(name);
        else left = true;
      }
      for (let start = 0; start < expired.length; start += 128) {
        await storage.delete(expired.slice(start, start + 128));
      }
      if (left) await storage.setAlarm(at + SWEEP_EVERY_MS);
      // The alarm that ran this sweep is spent: unless one was set again, the next write sets one.
      sweepScheduled = left;
    },
  };
}
