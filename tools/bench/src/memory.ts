import { runScript } from './nodes';

/** What 20 000 sends queued behind the limiter hold, against as many plain ofetch calls waiting. */
export interface QueuedMemory {
  count: number;
  /** Heap each queued send holds, bytes. */
  sdkBytesEach: number;
  /** From one abort until every queued send has rejected, ms. */
  sdkReleaseMs: number;
  /** Whether every one rejected with WazzupAbortError. */
  allAborted: boolean;
  /** Heap each plain ofetch call holds while its fetch waits, bytes: the baseline. */
  plainOfetchBytesEach: number;
}

/** Runs memory-main.ts in a process of its own, with `--expose-gc` so the heap can be weighed. */
export async function measureQueuedMemory(count = 20_000): Promise<QueuedMemory> {
  const stdout = await runScript(
    process.execPath,
    'memory-main.ts',
    [String(count)],
    ['--expose-gc'],
  );
  return JSON.parse(stdout) as QueuedMemory;
}
