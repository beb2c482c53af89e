import { MAX_TIMER_MS } from '../core/check-options';
import { WazzupAbortError } from '../errors/classes';

/**
 * Waits `ms`, or less if `wake` resolves first; rejects with {@link WazzupAbortError} as soon as
 * `signal` aborts. Cleans its timer and listener up on every path.
 */
export function abortableWait(
  ms: number,
  signal: AbortSignal | undefined,
  wake?: Promise<void>,
): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new WazzupAbortError());
    const finish = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    };
    const onAbort = () => {
      finish();
      reject(new WazzupAbortError());
    };
    // setTimeout takes at most 2^31 - 1 ms; a longer wait is woken by `wake` anyway.
    const timer = setTimeout(
      () => {
        finish();
        resolve();
      },
      Math.min(ms, MAX_TIMER_MS),
    );
    signal?.addEventListener('abort', onAbort, { once: true });
    wake?.then(() => {
      finish();
      resolve();
    });
  });
}
