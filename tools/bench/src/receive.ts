import { interleaved, type Rounds } from './measure';
import { runScript } from './nodes';
import { RECEIVE_CONTENDERS } from './receive-names';

/**
 * Microseconds per webhook delivery, in-process, for each of {@link RECEIVE_CONTENDERS}: a fresh
 * process per round and contender (after as many deliveries again to warm up), interleaved.
 */
export async function measureReceive(count = 50_000, rounds = 7): Promise<Rounds> {
  return interleaved(
    Object.fromEntries(
      RECEIVE_CONTENDERS.map((name) => [
        name,
        async () =>
          Number(await runScript(process.execPath, 'receive-contender.ts', [name, String(count)])),
      ]),
    ),
    rounds,
  );
}
