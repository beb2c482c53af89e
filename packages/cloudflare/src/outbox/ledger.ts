import {
  type Claim,
  claimEntry,
  type LedgerEntry,
  type LedgerSettings,
  type Settlement,
  settleEntry,
} from '@wazzup-sdk/core/outbox';
import type { DurableObjectStorageLike } from './bindings';

export type { Claim, LedgerEntry, LedgerSettings, Settlement } from '@wazzup-sdk/core/outbox';

const PREFIX = 'm:';
const SWEEP_EVERY_MS = 60 * 60 * 1000;

/**
 * The outbox's memory of each crmMessageId, in Durable Object storage. A message already sent is
 * acked without a call; one whose earlier attempt may have reached the service is re-sent only
 * while the service's duplicate window still covers that attempt, so a second delivery is answered
 * `duplicate`; past the window it is dead-lettered as "outcome unknown" instead.
 */
export function createLedger(storage: DurableObjectStorageLike, now: () => number = Date.now) {
  const key = (crmMessageId: string) => `${PREFIX}${crmMessageId}`;

  // Whether this instance has seen a sweep alarm set, so a write checks storage for one only
  // until then, not on every claim and settle.
  let sweepScheduled = false;

  async function write(crmMessageId: string, entry: LedgerEntry): Promise<void> {
    await storage.put(key(crmMessageId), entry);
    if (sweepScheduled) return;
    if ((await storage.getAlarm()) === null) await storage.setAlarm(now() + SWEEP_EVERY_MS);
    sweepScheduled = true;
  }

  return {
    async claim(crmMessageId: string, settings: LedgerSettings): Promise<Claim> {
      const entry = await storage.get<LedgerEntry>(key(crmMessageId));
      const { claim, write: next } = claimEntry(entry, now(), settings);
      if (next) await write(crmMessageId, next);
      return claim;
    },

    async settle(
      crmMessageId: string,
      claim: { claimedAt: number; uncertainSince: number },
      settlement: Settlement,
      settings: LedgerSettings,
    ): Promise<void> {
      const entry =
        settlement.outcome === 'sent'
          ? undefined
          : await storage.get<LedgerEntry>(key(crmMessageId));
      const next = settleEntry(entry, claim, settlement, now(), settings);
      if (next) await write(crmMessageId, next);
    },

    /** Deletes expired entries, a page at a time; true when more may remain. */
    async sweep(): Promise<boolean> {
      const at = now();
      let startAfter: string | undefined;
      for (;;) {
        const page = await storage.list<LedgerEntry>({
          prefix: PREFIX,
          limit: 1000,
          ...(startAfter === undefined ? {} : { startAfter }),
        });
        const expired = [...page].filter(([, entry]) => entry.expiresAt <= at).map(([k]) => k);
        for (let start = 0; start < expired.length; start += 128) {
          await storage.delete(expired.slice(start, start + 128));
        }
        if (page.size < 1000) break;
        startAfter = [...page.keys()].at(-1);
      }
      const remaining = await storage.list({ prefix: PREFIX, limit: 1 });
      if (remaining.size > 0) await storage.setAlarm(at + SWEEP_EVERY_MS);
      // The alarm that ran this sweep is spent: unless one was set again, the next write sets one.
      sweepScheduled = remaining.size > 0;
      return remaining.size > 0;
    },
  };
}
