import { describe, expect, it } from 'vitest';
import type { DurableObjectStorageLike } from './bindings';
import { createLedger, type LedgerSettings } from './ledger';

const SETTINGS: LedgerSettings = { duplicateWindowMs: 60_000, marginMs: 31_000, ttlMs: 86_400_000 };

// Durable Object storage as a Map: the real thing runs in the workerd tests (outbox.test.ts).
function memoryStorage(): DurableObjectStorageLike & {
  data: Map<string, unknown>;
  fireAlarm(): void;
} {
  const data = new Map<string, unknown>();
  let alarm: number | null = null;
  return {
    data,
    // What running the alarm does to it: the alarm is spent.
    fireAlarm: () => {
      alarm = null;
    },
    get: async <T>(key: string) => structuredClone(data.get(key)) as T | undefined,
    put: async (key, value) => {
      data.set(key, structuredClone(value));
    },
    delete: async (keys) => keys.filter((key) => data.delete(key)).length,
    list: async <T>({ prefix, limit }: { prefix: string; limit: number }) =>
      new Map(
        [...data]
          .filter(([key]) => key.startsWith(prefix))
          .sort(([a], [b]) => a.localeCompare(b))
          .slice(0, limit),
      ) as Map<string, T>,
    getAlarm: async () => alarm,
    setAlarm: async (time) => {
      alarm = time;
    },
  };
}

function ledgerAt() {
  let time = 1_000_000;
  const storage = memoryStorage();
  const ledger = createLedger(storage, () => time);
  return { storage, ledger, advance: (ms: number) => (time += ms) };
}

describe('the ledger', () => {
  it('acks a message already sent, without another send', async () => {
    const { ledger } = ledgerAt();
    const claim = await ledger.claim('a', SETTINGS);
    expect(claim.action).toBe('send');
    if (claim.action !== 'send') return;
    await ledger.settle('a', claim, { outcome: 'sent', messageId: 'm1' }, SETTINGS);
    expect(await ledger.claim('a', SETTINGS)).toEqual({ action: 'ack', messageId: 'm1' });
  });

  it('re-sends an unknown outcome inside the window, dead-letters it past the window', async () => {
    const { ledger, advance } = ledgerAt();
    const first = await ledger.claim('b', SETTINGS);
    if (first.action !== 'send') throw new Error('expected send');
    await ledger.settle('b', first, { outcome: 'unknown' }, SETTINGS);
    advance(20_000);
    const second = await ledger.claim('b', SETTINGS);
    // The window runs from the first uncertain attempt, not from this one.
    expect(second).toMatchObject({ action: 'send', uncertainSince: first.claimedAt });
    advance(10_000);
    expect(await ledger.claim('b', SETTINGS)).toEqual({
      action: 'dead-letter',
      uncertainSince: first.claimedAt,
    });
  });

  it('a crash (no settle) counts as unknown', async () => {
    const { ledger, advance } = ledgerAt();
    await ledger.claim('c', SETTINGS);
    advance(SETTINGS.duplicateWindowMs);
    expect(await ledger.claim('c', SETTINGS)).toMatchObject({ action: 'dead-letter' });
  });

  it('a refusal makes the message clean again, unless another attempt is still out', async () => {
    const { ledger, advance } = ledgerAt();
    const alone = await ledger.claim('d', SETTINGS);
    if (alone.action !== 'send') throw new Error('expected send');
    await ledger.settle('d', alone, { outcome: 'not-sent' }, SETTINGS);
    advance(SETTINGS.duplicateWindowMs * 2);
    expect(await ledger.claim('d', SETTINGS)).toMatchObject({ action: 'send' });

    const one = await ledger.claim('e', SETTINGS);
    const other = await ledger.claim('e', SETTINGS);
    if (one.action !== 'send' || other.action !== 'send') throw new Error('expected send');
    await ledger.settle('e', one, { outcome: 'not-sent' }, SETTINGS);
    advance(SETTINGS.duplicateWindowMs * 2);
    // `other` never settled: it may have delivered, so the ledger stays careful.
    expect(await ledger.claim('e', SETTINGS)).toMatchObject({ action: 'dead-letter' });
  });

  it('sweeps expired entries and keeps the rest', async () => {
    const { ledger, storage, advance } = ledgerAt();
    await ledger.claim('old', SETTINGS);
    advance(SETTINGS.ttlMs / 2);
    await ledger.claim('new', SETTINGS);
    advance(SETTINGS.ttlMs / 2);
    expect(await ledger.sweep()).toBe(true);
    expect([...storage.data.keys()]).toEqual(['m:new']);
  });

  it('sets a sweep alarm with its first entry, and again after a sweep left nothing', async () => {
    const { ledger, storage, advance } = ledgerAt();
    await ledger.claim('a', SETTINGS);
    const first = await storage.getAlarm();
    expect(first).not.toBeNull();
    advance(SETTINGS.ttlMs);
    storage.fireAlarm();
    expect(await ledger.sweep()).toBe(false);
    expect(await storage.getAlarm()).toBeNull();
    await ledger.claim('b', SETTINGS);
    expect(await storage.getAlarm()).toBeGreaterThan(first as number);
  });
});
