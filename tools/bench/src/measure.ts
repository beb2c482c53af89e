/** Median of a list of numbers. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** Each contender's figure in every round, rounds in order. */
export type Rounds = Record<string, number[]>;

/**
 * Times `rounds` runs of each contender, interleaved (A, B, A, B …) so drift in the machine's speed
 * hits both alike, and returns every round's figures.
 */
export async function interleaved(
  contenders: Record<string, () => Promise<number>>,
  rounds: number,
): Promise<Rounds> {
  const samples: Rounds = Object.fromEntries(Object.keys(contenders).map((name) => [name, []]));
  for (let round = 0; round < rounds; round++) {
    for (const [name, run] of Object.entries(contenders)) samples[name]?.push(await run());
  }
  return samples;
}

/**
 * Each contender's best round: the least time, or the most sends per second. This machine has
 * spells, from seconds to minutes long, in which everything runs up to twice as slow, and such
 * interference only ever slows a run down; so the best of several interleaved rounds is the
 * estimate of what the code itself costs (as Python's timeit advises), where a median still moved
 * ratios by a third from one run to the next.
 */
export function best(rounds: Rounds, better: 'lower' | 'higher'): Record<string, number> {
  const pick = better === 'lower' ? Math.min : Math.max;
  return Object.fromEntries(
    Object.entries(rounds).map(([name, values]) => [name, pick(...values)]),
  );
}
