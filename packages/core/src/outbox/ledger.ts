// The ledger's rules as pure functions of one entry: what every backend's ledger (a Durable
// Object's storage, Redis, Deno KV) does under its own atomic read and write.

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

/** What a sender should do with a message, by the ledger. */
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

/** Settings every ledger call takes. */
export interface LedgerSettings {
  /** How long the service remembers a crmMessageId. */
  duplicateWindowMs: number;
  /** A re-send must start this long before the window closes (the request timeout and a margin). */
  marginMs: number;
  /** How long entries are kept. */
  ttlMs: number;
}

/**
 * Claims a message for an attempt. One already sent is acked without a call; one whose earlier
 * attempt may have reached the service is sent again only while the service's duplicate window
 * still covers that attempt (so a second delivery is answered `duplicate`); past the window it is
 * dead-lettered as "outcome unknown". `write` is the entry to store, when there is one.
 */
export function claimEntry(
  entry: LedgerEntry | undefined,
  at: number,
  settings: LedgerSettings,
): { claim: Claim; write?: LedgerEntry } {
  if (entry?.sentAt !== undefined) return { claim: { action: 'ack', messageId: entry.messageId } };
  const uncertainSince = entry?.uncertainSince;
  if (
    uncertainSince !== undefined &&
    at + settings.marginMs >= uncertainSince + settings.duplicateWindowMs
  ) {
    return { claim: { action: 'dead-letter', uncertainSince } };
  }
  // From here until the attempt settles, the service may hold the message.
  const since = uncertainSince ?? at;
  return {
    claim: { action: 'send', claimedAt: at, uncertainSince: since },
    write: {
      uncertainSince: since,
      inFlight: (entry?.inFlight ?? 0) + 1,
      expiresAt: at + settings.ttlMs,
    },
  };
}

/**
 * Settles an attempt: the entry to store after it, or `undefined` when there is nothing to change
 * (the message was confirmed already by another attempt).
 */
export function settleEntry(
  entry: LedgerEntry | undefined,
  claim: { claimedAt: number; uncertainSince: number },
  settlement: Settlement,
  at: number,
  settings: LedgerSettings,
): LedgerEntry | undefined {
  const expiresAt = at + settings.ttlMs;
  if (settlement.outcome === 'sent') {
    const sent: LedgerEntry = { sentAt: at, expiresAt };
    if (settlement.messageId !== undefined) sent.messageId = settlement.messageId;
    return sent;
  }
  if (entry?.sentAt !== undefined) return undefined;
  const inFlight = Math.max(0, (entry?.inFlight ?? 1) - 1);
  const uncertainSince = entry?.uncertainSince ?? claim.claimedAt;
  // The service refused this attempt; if it alone made the message uncertain and no other
  // attempt is out, nothing can be at the service: the message is clean again.
  const onlyThisAttempt = uncertainSince === claim.claimedAt && inFlight === 0;
  if (settlement.outcome === 'not-sent' && onlyThisAttempt) return { inFlight, expiresAt };
  return { uncertainSince: Math.min(uncertainSince, claim.uncertainSince), inFlight, expiresAt };
}
