import type { DurableObjectStorageLike } from './bindings';

/** What the ledger remembers about one crmMessageId. */
export interface LedgerEntry {
  /** When the service confirmed it (sent or duplicate). */
  sentAt?: number;
  messageId?: string;
  /** Start of the earliest attempt whose outcome is unknown: the server may hold the message. */
  uncertainSince?: number;
  /** Attempts claimed and not settled yet (a crashed one never settles, which errs on the safe side). */
  inFlight?: number;
  /** When this entry may be forgotten. */
  expiresAt: number;
}

/** What a consumer should do with a message, by the ledger. */
export type Claim =
  | { action: 'send'; claimedAt: number; uncertainSince: number }
  | { action: 'ack'; messageId: string | undefined }
  | { action: 'dead-letter'; uncertainSince: number };

/** How an attempt ended, as far as the ledger cares. */
export type Settlement =
  | { outcome: 'sent'; messageId?: string | undefined }
  /** The service answered and did not keep the message (429, a refusal). */
  | { outcome: 'not-sent' }
  /** No telling (5xx, reset, timeout, crash): the service may hold the message. */
  | { outcome: 'unknown' };

/** Settings the consumer passes with each call. */
export interface LedgerSettings {
  /** How long the service remembers a crmMessageId. */
  duplicateWindowMs: number;
  /** A re-send must start this long before the window closes (the request timeout and a margin). */
  marginMs: number;
  /** How long entries are kept. */
  ttlMs: number;
}

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
      const at = now();
      const entry = await storage.get<LedgerEntry>(key(crmMessageId));
      if (entry?.sentAt !== undefined) return { action: 'ack', messageId: entry.messageId };
      const uncertainSince = entry?.uncertainSince;
      if (
        uncertainSince !== undefined &&
        at + settings.marginMs >= uncertainSince + settings.duplicateWindowMs
      ) {
        return { action: 'dead-letter', uncertainSince };
      }
      // From here until the attempt settles, the service may hold the message.
      const since = uncertainSince ?? at;
      await write(crmMessageId, {
        uncertainSince: since,
        inFlight: (entry?.inFlight ?? 0) + 1,
        expiresAt: at + settings.ttlMs,
      });
      return { action: 'send', claimedAt: at, uncertainSince: since };
    },

    async settle(
      crmMessageId: string,
      claim: { claimedAt: number; uncertainSince: number },
      settlement: Settlement,
      settings: LedgerSettings,
    ): Promise<void> {
      const at = now();
      const expiresAt = at + settings.ttlMs;
      if (settlement.outcome === 'sent') {
        const entry: LedgerEntry = { sentAt: at, expiresAt };
        if (settlement.messageId !== undefined) entry.messageId = settlement.messageId;
        await write(crmMessageId, entry);
        return;
      }
      const entry = await storage.get<LedgerEntry>(key(crmMessageId));
      if (entry?.sentAt !== undefined) return;
      const inFlight = Math.max(0, (entry?.inFlight ?? 1) - 1);
      let uncertainSince = entry?.uncertainSince ?? claim.claimedAt;
      // The service refused this attempt; if it alone made the message uncertain and no other
      // attempt is out, nothing can be at the service: the message is clean again.
      const onlyThisAttempt = uncertainSince === claim.claimedAt && inFlight === 0;
      if (settlement.outcome === 'not-sent' && onlyThisAttempt) {
        await write(crmMessageId, { inFlight, expiresAt });
        return;
      }
      uncertainSince = Math.min(uncertainSince, claim.uncertainSince);
      await write(crmMessageId, { uncertainSince, inFlight, expiresAt });
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
