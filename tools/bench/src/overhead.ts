import { Worker } from 'node:worker_threads';
import { interleaved, type Rounds } from './measure';
import { buildCoreWithoutOfetch } from './without-ofetch';

/** The what-if contender: the SDK with fetch in place of ofetch, everything else unchanged. */
export const WITHOUT_OFETCH = 'what-if: SDK with fetch in place of ofetch';

/** The SDK with its rate limiter on, at a limit no run reaches: what the limiter costs a send. */
export const LIMITED = 'SDK sendMessage, rate limiter on';

/**
 * The contenders, by name, as `overhead-worker.ts` builds them. The middle two take the SDK apart:
 * its HTTP layer alone, then that with the least work a validated, idempotent send must do.
 */
export const OVERHEAD_CONTENDERS = [
  'raw fetch',
  'plain ofetch',
  'ofetch as the SDK calls it',
  'the same + validation and crmMessageId',
  'SDK sendMessage',
  LIMITED,
  WITHOUT_OFETCH,
] as const;

/** One contender timed in a fresh worker thread: microseconds per send after a warm-up. */
function timeInWorker(name: string, count: number, coreWithoutOfetch: string): Promise<number> {
  return new Promise((resolve, reject) => {
    // A worker cannot start from a .ts file, so a one-line bootstrap registers tsx first.
    const entry = JSON.stringify(new URL('./overhead-worker.ts', import.meta.url).href);
    const bootstrap = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${entry}); });`;
    const worker = new Worker(bootstrap, {
      eval: true,
      workerData: { name, count, coreWithoutOfetch },
    });
    worker.once('message', (microseconds: number) => resolve(microseconds));
    worker.once('error', reject);
    worker.once('exit', (code) => code !== 0 && reject(new Error(`${name} exited with ${code}`)));
  });
}

/**
 * Microseconds per send on an in-memory transport for each of {@link OVERHEAD_CONTENDERS}, in every
 * round. Each run gets its own worker thread, so one contender's JIT state and garbage cannot slow
 * another (in one shared thread, plain ofetch measured anywhere from 1.0× to 2.2× raw fetch).
 */
// 40 000 sends each (after 20 000 to warm up): at 10 000, Node 22 and 24 were still tiering the
// SDK's code up, and the same contender moved by a quarter from one round to the next.
export async function measureOverhead(count = 40_000, rounds = 7): Promise<Rounds> {
  const coreWithoutOfetch = await buildCoreWithoutOfetch();
  return interleaved(
    Object.fromEntries(
      OVERHEAD_CONTENDERS.map((name) => [name, () => timeInWorker(name, count, coreWithoutOfetch)]),
    ),
    rounds,
  );
}
