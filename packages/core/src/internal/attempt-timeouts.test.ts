import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDeadlines, MAX_SLACK_MS } from './attempt-timeouts';
import { sharesAcrossRequests } from './request-scoped';

const run = promisify(execFile);

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('createDeadlines', () => {
  it('aborts a lone attempt after its limit plus the slack, not before', () => {
    const deadline = createDeadlines()(1000);
    vi.advanceTimersByTime(1000 + MAX_SLACK_MS - 1);
    expect(deadline.signal.aborted).toBe(false);
    vi.advanceTimersByTime(1);
    expect(deadline.signal.aborted).toBe(true);
  });

  it('keeps the slack to a tenth of a short limit', () => {
    const deadline = createDeadlines()(50);
    vi.advanceTimersByTime(54);
    expect(deadline.signal.aborted).toBe(false);
    vi.advanceTimersByTime(1);
    expect(deadline.signal.aborted).toBe(true);
  });

  it('gives attempts that start within the slack one signal and each at least its limit', () => {
    const start = createDeadlines();
    const first = start(1000);
    vi.advanceTimersByTime(MAX_SLACK_MS);
    const last = start(1000);
    expect(last.signal).toBe(first.signal);
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(999);
    expect(last.signal.aborted).toBe(false);
    vi.advanceTimersByTime(1);
    expect(last.signal.aborted).toBe(true);
  });

  it('starts a new signal for an attempt after the slack while others still hold the old one', () => {
    const start = createDeadlines();
    const first = start(1000);
    vi.advanceTimersByTime(MAX_SLACK_MS + 1);
    const second = start(1000);
    expect(second.signal).not.toBe(first.signal);
    vi.advanceTimersByTime(1000 - 1);
    expect(first.signal.aborted).toBe(true);
    expect(second.signal.aborted).toBe(false);
  });

  it('keeps no running timer once every attempt has released, and aborts nothing later', () => {
    const start = createDeadlines();
    const first = start(1000);
    const second = start(1000);
    first.release();
    first.release(); // a second release of the same attempt changes nothing
    second.release();
    vi.advanceTimersByTime(5000);
    expect(second.signal.aborted).toBe(false);
  });

  it("clears a replaced batch's timer at its last release rather than keep it", () => {
    const start = createDeadlines();
    const first = start(1000);
    vi.advanceTimersByTime(MAX_SLACK_MS + 1);
    const second = start(1000); // a new batch: the first is no longer handed out
    expect(vi.getTimerCount()).toBe(2);
    first.release();
    expect(vi.getTimerCount()).toBe(1);
    expect(second.signal.aborted).toBe(false);
  });

  it('re-arms an idle timer for the next attempt, which still gets its whole limit', () => {
    const start = createDeadlines();
    start(1000).release();
    vi.advanceTimersByTime(5000); // the idle timer fired, aborting nobody
    const next = start(1000);
    expect(next.signal.aborted).toBe(false);
    vi.advanceTimersByTime(999);
    expect(next.signal.aborted).toBe(false);
    vi.advanceTimersByTime(MAX_SLACK_MS + 1);
    expect(next.signal.aborted).toBe(true);
  });

  it('gives an attempt that takes back an idle timer at least its limit', () => {
    const start = createDeadlines();
    start(1000).release();
    vi.advanceTimersByTime(MAX_SLACK_MS); // still within the batch's joining time
    const next = start(1000);
    vi.advanceTimersByTime(999);
    expect(next.signal.aborted).toBe(false);
    vi.advanceTimersByTime(1);
    expect(next.signal.aborted).toBe(true);
  });

  it('reuses an idle signal for one-at-a-time attempts, then makes a fresh one now and then', () => {
    const start = createDeadlines();
    const signals = new Set<AbortSignal>();
    for (let i = 0; i < 1000; i++) {
      const deadline = start(1000);
      signals.add(deadline.signal);
      vi.advanceTimersByTime(1000); // each attempt takes longer than the slack
      deadline.release();
    }
    expect(signals.size).toBeGreaterThan(1);
    expect(signals.size).toBeLessThan(50);
  });

  it('never hands out a signal that has already fired', () => {
    const start = createDeadlines();
    const timedOut = start(1000);
    vi.advanceTimersByTime(2000);
    timedOut.release();
    const next = start(1000);
    expect(next.signal.aborted).toBe(false);
  });

  it('keeps limits apart: a short limit does not share a signal with a long one', () => {
    const start = createDeadlines();
    const short = start(100);
    const long = start(1000);
    vi.advanceTimersByTime(110);
    expect(short.signal.aborted).toBe(true);
    expect(long.signal.aborted).toBe(false);
  });

  it('drops idle batches once it keeps too many distinct limits', () => {
    const start = createDeadlines({ maxLimits: 2 });
    const first = start(100);
    first.release();
    start(200).release();
    const again = start(100);
    expect(again.signal).toBe(first.signal); // two limits: the idle batch is kept
    again.release();
    start(300).release(); // a third limit: the idle ones are dropped
    expect(start(100).signal).not.toBe(first.signal);
  });

  it('keeps a batch that is still held when it drops idle ones', () => {
    const start = createDeadlines({ maxLimits: 1 });
    const held = start(100);
    start(200).release();
    expect(start(100).signal).toBe(held.signal);
  });

  it('gives each attempt its own signal and exact limit where sharing is off', () => {
    const start = createDeadlines({ share: false });
    const first = start(1000);
    const second = start(1000);
    expect(second.signal).not.toBe(first.signal);
    first.release();
    vi.advanceTimersByTime(1000);
    expect(first.signal.aborted).toBe(false);
    expect(second.signal.aborted).toBe(true);
  });

  it('shares everywhere but on Cloudflare Workers', () => {
    expect(sharesAcrossRequests()).toBe(true);
    vi.stubGlobal('navigator', { userAgent: 'Cloudflare-Workers' });
    try {
      expect(sharesAcrossRequests()).toBe(false);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

describe('createDeadlines in a real process', () => {
  it('lets Node exit at once after the last attempt, whatever the limit', async () => {
    vi.useRealTimers();
    const core = new URL('./attempt-timeouts.ts', import.meta.url).href;
    const script = `const { createDeadlines } = await import(${JSON.stringify(core)});
      const start = createDeadlines();
      for (let i = 0; i < 3; i++) start(600000).release();`;
    const startedAt = performance.now();
    // Held open by a timer, the process would live 10 minutes and be killed here after 20 s.
    await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: fileURLToPath(new URL('../../', import.meta.url)),
      timeout: 20_000,
    });
    expect(performance.now() - startedAt).toBeLessThan(20_000);
  }, 30_000);
});
