import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { median } from './measure';

const here = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);

/** ofetch's runtime-neutral build, by its file: its package sends Node to the other one. */
const ofetchNeutral = pathToFileURL(
  require.resolve('ofetch/package.json').replace(/package\.json$/, 'dist/index.mjs'),
).href;

/** What each cold-start contender imports, in a fresh process. */
export const COLD_START_CONTENDERS: Record<string, string[]> = {
  '@wazzup-sdk/core': ['@wazzup-sdk/core'],
  "ofetch's neutral build + valibot": [ofetchNeutral, 'valibot'],
  'ofetch (its Node entry) + valibot': ['ofetch', 'valibot'],
};

/** One fresh process: how long its imports took inside it, and how long the whole process ran. */
function sample(
  node: string,
  specifiers: string[],
): Promise<{ importMs: number; processMs: number }> {
  const script = `const t = performance.now(); for (const s of ${JSON.stringify(specifiers)}) await import(s); process.stdout.write(String(performance.now() - t));`;
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(node, ['--input-type=module', '-e', script], { cwd: here });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.once('error', reject);
    child.once('close', (code) => {
      if (code !== 0) reject(new Error(`the import of ${specifiers.join(', ')} failed`));
      else resolve({ importMs: Number(out), processMs: performance.now() - started });
    });
  });
}

/** Cold-start figures of one Node version. */
export interface ColdStart {
  /** Median import time, ms, per contender. */
  importMs: Record<string, number>;
  /** Median over rounds of core's import time ÷ the neutral ofetch + valibot one in the same round. */
  pairedRatio: number;
  /** The same for whole processes, start to exit. */
  processRatio: number;
  rounds: number;
}

/**
 * Importing core against importing the stack it is built on, on Node `node`: each round starts a
 * fresh process per contender, back to back, and the ratio is taken within the round (paired), so
 * a slow spell of the machine slows both sides of it alike.
 */
export async function measureColdStart(node: string, rounds = 25): Promise<ColdStart> {
  const names = Object.keys(COLD_START_CONTENDERS);
  const samples: Record<string, { importMs: number; processMs: number }[]> = Object.fromEntries(
    names.map((name) => [name, []]),
  );
  for (let round = 0; round < rounds + 2; round++) {
    for (const name of names) {
      const result = await sample(node, COLD_START_CONTENDERS[name] ?? []);
      // The first two rounds warm the disk cache and are not kept.
      if (round >= 2) samples[name]?.push(result);
    }
  }
  const [core = [], stack = []] = [samples[names[0] ?? ''], samples[names[1] ?? '']];
  const paired = (key: 'importMs' | 'processMs') =>
    median(core.map((each, index) => each[key] / (stack[index]?.[key] ?? Number.NaN)));
  return {
    importMs: Object.fromEntries(
      names.map((name) => [name, median((samples[name] ?? []).map((each) => each.importMs))]),
    ),
    pairedRatio: paired('importMs'),
    processRatio: paired('processMs'),
    rounds,
  };
}
