import { interleaved, type Rounds } from './measure';
import { runScript } from './nodes';
import { OVERHEAD_CONTENDERS } from './overhead-names';
import { buildCoreWithoutOfetch } from './without-ofetch';

/** One contender timed in a fresh process of this Node: microseconds per send after a warm-up. */
async function timeInProcess(
  name: string,
  count: number,
  coreWithoutOfetch: string,
): Promise<number> {
  const stdout = await runScript(process.execPath, 'overhead-contender.ts', [
    name,
    String(count),
    coreWithoutOfetch,
  ]);
  return Number(stdout);
}

/**
 * Microseconds per send on an in-memory transport for each of {@link OVERHEAD_CONTENDERS}, in every
 * round. Each run gets a process of its own, so one contender's JIT state and garbage cannot slow
 * another (in one shared thread, plain ofetch measured anywhere from 1.0× to 2.2× raw fetch), and
 * each runs on a main thread as an app does (worker threads measured the SDK up to a fifth slower
 * on Node 22 and 24, and plain ofetch not).
 */
// By default 40 000 sends each (after 20 000 to warm up): at 10 000, Node 22 and 24 were still
// tiering the SDK's code up, and the same contender moved by a quarter from one round to the next.
// `pnpm bench` (overhead-main.ts) runs 11 rounds of 10 000 instead, to keep to about a minute a
// Node version, and keeps each contender's best round; a round the JIT or the machine slowed shows
// in the spread of its rounds in bench/results.json.
export async function measureOverhead(count = 40_000, rounds = 7): Promise<Rounds> {
  const coreWithoutOfetch = await buildCoreWithoutOfetch();
  return interleaved(
    Object.fromEntries(
      OVERHEAD_CONTENDERS.map((name) => [
        name,
        () => timeInProcess(name, count, coreWithoutOfetch),
      ]),
    ),
    rounds,
  );
}
