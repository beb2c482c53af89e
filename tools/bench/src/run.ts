// `pnpm bench`: every figure is a ratio against a baseline measured in the same run, on each Node
// version it names. Writes bench/results.json, appends the headline to bench/history.json, and
// renders BENCHMARKS.md at the repository root (see report.ts).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { BUDGETED, bundleSize, SIZE_CASES } from './bundle-size';
import { measureBurst } from './burst';
import { measureColdStart } from './cold-start';
import { best, type Rounds } from './measure';
import { measureQueuedMemory } from './memory';
import { benchNodes, runScript } from './nodes';
import { measureOutboxCost, measureOutboxKeys } from './outbox';
import { measureReplicas } from './replicas';
import { type BenchResults, type HistoryEntry, headline, renderMarkdown } from './report';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** Runs one of the `*-main.ts` measurements under `node` and reads the rounds it prints. */
async function roundsUnder(node: string, script: string): Promise<Rounds> {
  return JSON.parse(await runScript(node, script)) as Rounds;
}

const resultsPath = `${root}bench/results.json`;
// `BENCH_ONLY=outbox pnpm bench`: the outbox rows alone, the other figures kept from the last run
// (no history row, since its headline would mix two runs).
const only = process.env.BENCH_ONLY;
if (only !== undefined && only !== 'outbox' && only !== 'bundles') {
  throw new Error(`BENCH_ONLY=${only}: 'outbox' or 'bundles'`);
}

async function measureBundles(): Promise<NonNullable<BenchResults['bundles']>> {
  console.log('bundle sizes…');
  return Object.fromEntries(
    await Promise.all(
      SIZE_CASES.map(async (entry) => [entry.name, await bundleSize(entry)] as const),
    ),
  );
}

async function measureOutbox(): Promise<NonNullable<BenchResults['outbox']>> {
  console.log('the Redis outbox: 8 keys at 500 / 5 s each…');
  const keys = await measureOutboxKeys();
  console.log('the Redis outbox: cost per message against BullMQ’s own loop…');
  return { keys, cost: await measureOutboxCost() };
}

async function measureAll(): Promise<BenchResults> {
  const nodes = await benchNodes();
  const results: BenchResults = {
    machine: { cpus: cpus().length, model: cpus()[0]?.model ?? '' },
    overhead: {},
    throughput: {},
    coldStart: {},
  };
  for (const { major, binary } of nodes) {
    console.log(`Node ${major}: per-send overhead (in-memory transport)…`);
    const rounds = await roundsUnder(binary, 'overhead-main.ts');
    results.overhead[major] = { best: best(rounds, 'lower'), rounds };
    console.log(`Node ${major}: cold start (fresh processes, paired)…`);
    results.coldStart[major] = await measureColdStart(binary);
    console.log(`Node ${major}: receiving a webhook (in-process)…`);
    const received = await roundsUnder(binary, 'receive-main.ts');
    results.receive = {
      ...results.receive,
      [major]: { best: best(received, 'lower'), rounds: received },
    };
  }
  // Throughput takes a minute a version: on the oldest and the newest, as the targets name them.
  for (const { major, binary } of [nodes[0], nodes.at(-1)].filter((node) => node !== undefined)) {
    console.log(`Node ${major}: throughput (loopback HTTP, mock in its own process)…`);
    const rounds = await roundsUnder(binary, 'throughput-main.ts');
    results.throughput[major] = { best: best(rounds, 'higher'), rounds };
  }
  console.log('rate-limited burst…');
  results.burst = await measureBurst();
  console.log('four processes on one key through Redis, beside one in memory…');
  results.replicas = await measureReplicas();
  results.outbox = await measureOutbox();
  console.log('20 000 sends queued behind the limiter…');
  results.memory = await measureQueuedMemory();
  results.bundles = await measureBundles();
  return results;
}

const results: BenchResults = only
  ? {
      ...(JSON.parse(readFileSync(resultsPath, 'utf8')) as BenchResults),
      ...(only === 'outbox'
        ? { outbox: await measureOutbox() }
        : { bundles: await measureBundles() }),
    }
  : await measureAll();
mkdirSync(`${root}bench`, { recursive: true });
writeFileSync(resultsPath, `${JSON.stringify(results, null, 2)}\n`);
const historyPath = `${root}bench/history.json`;
const history: HistoryEntry[] = existsSync(historyPath)
  ? (JSON.parse(readFileSync(historyPath, 'utf8')) as HistoryEntry[])
  : [];
if (!only) history.push(headline(results, new Date().toISOString()));
writeFileSync(historyPath, `${JSON.stringify(history.slice(-30), null, 2)}\n`);
const markdown = renderMarkdown(results, history.slice(-30));
writeFileSync(`${root}BENCHMARKS.md`, markdown);
console.log(markdown);

// The budgets hold here as in CI: a bundle over its budget fails the run, after the report.
const over = BUDGETED.filter(
  (entry) => (results.bundles?.[entry.name]?.gzipped ?? 0) > (entry.budgetBytes as number),
);
for (const entry of over) console.error(`bundle over its budget: ${entry.name}`);
if (over.length > 0) process.exitCode = 1;
