import { describe, expect, it } from 'vitest';
import { claimEntry, type LedgerSettings, settleEntry } from './ledger';

const SETTINGS: LedgerSettings = { duplicateWindowMs: 60_000, marginMs: 31_000, ttlMs: 86_400_000 };
const AT = 1_000_000;

describe('the ledger’s rules', () => {
  it('claims a new message, acks a sent one, and dead-letters one past its window', () => {
    const first = claimEntry(undefined, AT, SETTINGS);
    expect(first.claim).toEqual({ action: 'send', claimedAt: AT, uncertainSince: AT });
    expect(first.write).toEqual({ uncertainSince: AT, inFlight: 1, expiresAt: AT + 86_400_000 });
    const sent = settleEntry(
      first.write,
      first.claim as never,
      { outcome: 'sent', messageId: 'm' },
      AT + 5,
      SETTINGS,
    );
    expect(claimEntry(sent, AT + 10, SETTINGS)).toEqual({
      claim: { action: 'ack', messageId: 'm' },
    });
    const unknown = settleEntry(
      first.write,
      first.claim as never,
      { outcome: 'unknown' },
      AT + 5,
      SETTINGS,
    );
    // A re-send is claimed while the window still covers the first attempt, with its start.
    expect(claimEntry(unknown, AT + 28_000, SETTINGS).claim).toEqual({
      action: 'send',
      claimedAt: AT + 28_000,
      uncertainSince: AT,
    });
    expect(claimEntry(unknown, AT + 29_000, SETTINGS).claim).toEqual({
      action: 'dead-letter',
      uncertainSince: AT,
    });
  });

  it('makes a refused message clean again only when no other attempt may be out', () => {
    const first = claimEntry(undefined, AT, SETTINGS);
    const second = claimEntry(first.write, AT + 1, SETTINGS);
    const refused = settleEntry(
      second.write,
      first.claim as never,
      { outcome: 'not-sent' },
      AT + 2,
      SETTINGS,
    );
    // The second attempt is still out, so the message stays uncertain from the first's start.
    expect(refused).toMatchObject({ uncertainSince: AT, inFlight: 1 });
    const alone = settleEntry(
      first.write,
      first.claim as never,
      { outcome: 'not-sent' },
      AT + 2,
      SETTINGS,
    );
    expect(alone).toEqual({ inFlight: 0, expiresAt: AT + 2 + 86_400_000 });
    // Confirmed already: a late failure of another attempt changes nothing.
    const sent = settleEntry(
      undefined,
      first.claim as never,
      { outcome: 'sent' },
      AT + 3,
      SETTINGS,
    );
    expect(
      settleEntry(sent, first.claim as never, { outcome: 'unknown' }, AT + 4, SETTINGS),
    ).toBeUndefined();
  });
});
