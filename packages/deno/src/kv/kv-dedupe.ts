import { hexDigest } from '@wazzup-sdk/core/internal';
import type { Claim, DedupeStore } from '@wazzup-sdk/core/webhooks';
import { changeAtomically, checkKv, checkPrefix, type KvLike, type KvStoreOptions } from './kv';

/** An item in KV: handled, or claimed until a time. */
type Item = { done: true } | { done: false; until: number };

/** Options of {@link kvDedupe}. */
export interface KvDedupeOptions extends KvStoreOptions {
  /** How long a handled item is remembered, in ms; default 24 h. */
  ttlMs?: number | undefined;
}

/**
 * A webhook dedupe store in Deno KV: `createWebhookHandler({ dedupe: kvDedupe(kv) })` in every
 * process on one KV, and an item is handled once whichever of them a delivery reaches. A claim is a
 * checked atomic write with a lease (a process that dies mid-handler frees it when the lease
 * ends); a completed item is kept `ttlMs`, a failed one released. Items are known by a SHA-256 of
 * their id.
 */
export function kvDedupe(kv: KvLike, options: KvDedupeOptions = {}): DedupeStore {
  checkKv(kv);
  const prefix = checkPrefix(options.prefix);
  const ttlMs = options.ttlMs ?? 24 * 60 * 60 * 1000;
  if (!Number.isInteger(ttlMs) || ttlMs < 1) throw new TypeError('ttlMs: a whole number of ms');
  const entry = async (key: string) => [prefix, 'dedupe', await hexDigest('SHA-256', key)];
  return {
    async claim(key, leaseMs) {
      return changeAtomically<Item, Claim>(kv, await entry(key), (item) => {
        const now = Date.now();
        if (item?.done) return { result: 'done' };
        if (item && item.until > now) return { result: 'busy' };
        return {
          result: 'claimed',
          write: { value: { done: false, until: now + leaseMs }, expireIn: leaseMs },
        };
      });
    },
    async complete(key) {
      await changeAtomically<Item, void>(kv, await entry(key), () => ({
        result: undefined,
        write: { value: { done: true }, expireIn: ttlMs },
      }));
    },
    async release(key) {
      await changeAtomically<Item, void>(kv, await entry(key), (item) =>
        item && !item.done ? { result: undefined, write: { value: null } } : { result: undefined },
      );
    },
  };
}
