// `pnpm bench`: every figure is a ratio against a baseline measured in the same run. Writes
// bench/results.json and BENCHMARKS.md at the repository root.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { BUDGET_BYTES, bundleSize, SIZE_CASES, TARGET_BYTES } from './bundle-size';
import { measureBurst } from './burst';
import { best } from './measure';
import { measureOverhead, WITHOUT_OFETCH } from './overhead';
import { measureThroughput } from './throughput';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const round = (value: number, digits = 2) => Number(value.toFixed(digits));

console.log('per-send overhead (in-memory transport)…');
const overheadRounds = await measureOverhead();
const overhead = best(overheadRounds, 'lower');
console.log('throughput (loopback HTTP, mock in its own process)…');
const throughputRounds = await measureThroughput();
const throughput = best(throughputRounds, 'higher');
console.log('bundle sizes…');
const sizes = Object.fromEntries(
  await Promise.all(
    SIZE_CASES.map(async (entry) => [entry.name, await bundleSize(entry)] as const),
  ),
);
console.log('rate-limited burst…');
const burst = await measureBurst();

/** One contender's figure over another's. */
const ratio = (figures: Record<string, number>, name: string, baseline: string) =>
  (figures[name] as number) / (figures[baseline] as number);
const HTTP_LAYER = 'ofetch as the SDK calls it';
const LEAST_SEND = 'the same + validation, id and answer schema';
const WITHOUT_OFETCH_BUNDLE = 'what-if: SDK browser page, fetch in place of ofetch';
const overheadRatio = ratio(overhead, 'SDK sendMessage', 'raw fetch');
const throughputRatio = ratio(throughput, 'SDK sendMessage', 'raw fetch');
const sdkSize = Math.max(
  sizes['SDK: browser page']?.gzipped ?? 0,
  sizes['SDK: Worker']?.gzipped ?? 0,
);
const results = {
  machine: { node: process.version, cpus: cpus().length, model: cpus()[0]?.model },
  overhead: {
    microsecondsPerSend: Object.fromEntries(
      Object.entries(overhead).map(([name, us]) => [name, round(us)]),
    ),
    rounds: Object.fromEntries(
      Object.entries(overheadRounds).map(([name, values]) => [name, values.map((us) => round(us))]),
    ),
    ratioToRawFetch: round(overheadRatio),
    ratioToPlainOfetch: round(ratio(overhead, 'SDK sendMessage', 'plain ofetch')),
    plainOfetchRatioToRawFetch: round(ratio(overhead, 'plain ofetch', 'raw fetch')),
    httpLayerRatioToRawFetch: round(ratio(overhead, HTTP_LAYER, 'raw fetch')),
    leastSendRatioToRawFetch: round(ratio(overhead, LEAST_SEND, 'raw fetch')),
    whatIfWithoutOfetchRatioToRawFetch: round(ratio(overhead, WITHOUT_OFETCH, 'raw fetch')),
    target: '≤ 1.5× raw fetch',
  },
  throughput: {
    sendsPerSecond: Object.fromEntries(
      Object.entries(throughput).map(([name, rps]) => [name, Math.round(rps)]),
    ),
    rounds: Object.fromEntries(
      Object.entries(throughputRounds).map(([name, values]) => [name, values.map(Math.round)]),
    ),
    ratioToRawFetch: round(throughputRatio),
    plainOfetchRatioToRawFetch: round(ratio(throughput, 'plain ofetch', 'raw fetch')),
    timedRawFetchRatioToRawFetch: round(ratio(throughput, 'raw fetch with a timeout', 'raw fetch')),
    ratioToTimedRawFetch: round(ratio(throughput, 'SDK sendMessage', 'raw fetch with a timeout')),
    whatIfWithoutOfetchRatioToRawFetch: round(ratio(throughput, WITHOUT_OFETCH, 'raw fetch')),
    target: '≥ 0.95× raw fetch',
  },
  bundleSize: {
    bytes: sizes,
    sdkRatioToOfetchAlone: round(sdkSize / (sizes['ofetch alone']?.gzipped ?? 1)),
    sdkRatioToOfetchPlusValibot: round(sdkSize / (sizes['ofetch + valibot schema']?.gzipped ?? 1)),
    budgetBytes: BUDGET_BYTES,
    targetBytes: TARGET_BYTES,
  },
  rateLimitedBurst: {
    ...burst,
    ratio: round(burst.ratio, 3),
    target: '0 × 429, ≤ 1.05× the theoretical minimum',
  },
};
mkdirSync(`${root}bench`, { recursive: true });
writeFileSync(`${root}bench/results.json`, `${JSON.stringify(results, null, 2)}\n`);

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const verdict = (ok: boolean) => (ok ? '✔' : '✘ over target');
const markdown = `# Benchmarks

Measured by \`pnpm bench\` on ${results.machine.cpus} × ${results.machine.model}, Node ${results.machine.node}.
Every figure is a ratio against a baseline measured in the same run; raw numbers are in
[bench/results.json](bench/results.json), every round of them. Rounds are interleaved, and each
contender's best round is kept: on this shared machine interference only ever slows a run down.

| what | SDK | baseline | ratio | target | |
| --- | --- | --- | --- | --- | --- |
| per-send overhead, in-memory transport (validation included) | ${round(overhead['SDK sendMessage'] as number)} µs | raw fetch + JSON.stringify ${round(overhead['raw fetch'] as number)} µs | ${round(overheadRatio)}× | ≤ 1.5× | ${verdict(overheadRatio <= 1.5)} |
| same, against plain ofetch | | ofetch ${round(overhead['plain ofetch'] as number)} µs | ${results.overhead.ratioToPlainOfetch}× | | |
| plain ofetch alone, against raw fetch | ${round(overhead['plain ofetch'] as number)} µs | raw fetch ${round(overhead['raw fetch'] as number)} µs | ${results.overhead.plainOfetchRatioToRawFetch}× | | |
| ofetch as the SDK calls it (string body, text answer, a signal) | ${round(overhead[HTTP_LAYER] as number)} µs | raw fetch | ${results.overhead.httpLayerRatioToRawFetch}× | | |
| the same + validation, crmMessageId and answer schema (no retry loop, no timeout) | ${round(overhead[LEAST_SEND] as number)} µs | raw fetch | ${results.overhead.leastSendRatioToRawFetch}× | | |
| throughput, loopback HTTP, 32 in flight | ${Math.round(throughput['SDK sendMessage'] as number)} sends/s | raw fetch ${Math.round(throughput['raw fetch'] as number)} sends/s | ${round(throughputRatio)}× | ≥ 0.95× | ${verdict(throughputRatio >= 0.95)} |
| plain ofetch alone, same test | ${Math.round(throughput['plain ofetch'] as number)} sends/s | raw fetch | ${results.throughput.plainOfetchRatioToRawFetch}× | | |
| raw fetch with a timeout signal, same test | ${Math.round(throughput['raw fetch with a timeout'] as number)} sends/s | raw fetch | ${results.throughput.timedRawFetchRatioToRawFetch}× | | |
| SDK against raw fetch with a timeout signal | | | ${results.throughput.ratioToTimedRawFetch}× | | |
| bundle, browser page sending one message (min+gzip) | ${kb(sizes['SDK: browser page']?.gzipped ?? 0)} | ofetch + valibot schema ${kb(sizes['ofetch + valibot schema']?.gzipped ?? 0)} | ${results.bundleSize.sdkRatioToOfetchPlusValibot}× | ≤ 8 KB | ${verdict((sizes['SDK: browser page']?.gzipped ?? 0) <= TARGET_BYTES)} |
| bundle, Worker sending one message (min+gzip) | ${kb(sizes['SDK: Worker']?.gzipped ?? 0)} | ofetch alone ${kb(sizes['ofetch alone']?.gzipped ?? 0)}, raw fetch ${kb(sizes['raw fetch']?.gzipped ?? 0)} | ${results.bundleSize.sdkRatioToOfetchAlone}× ofetch | ≤ 8 KB | ${verdict((sizes['SDK: Worker']?.gzipped ?? 0) <= TARGET_BYTES)} |
| what-if, not shipped: the SDK with fetch in place of ofetch, per-send overhead | ${round(overhead[WITHOUT_OFETCH] as number)} µs | raw fetch | ${results.overhead.whatIfWithoutOfetchRatioToRawFetch}× | ≤ 1.5× | ${verdict(results.overhead.whatIfWithoutOfetchRatioToRawFetch <= 1.5)} |
| what-if, the same, throughput | ${Math.round(throughput[WITHOUT_OFETCH] as number)} sends/s | raw fetch | ${results.throughput.whatIfWithoutOfetchRatioToRawFetch}× | ≥ 0.95× | ${verdict(results.throughput.whatIfWithoutOfetchRatioToRawFetch >= 0.95)} |
| what-if, the same, browser page bundle (min+gzip) | ${kb(sizes[WITHOUT_OFETCH_BUNDLE]?.gzipped ?? 0)} | ofetch + valibot schema ${kb(sizes['ofetch + valibot schema']?.gzipped ?? 0)} | ${round((sizes[WITHOUT_OFETCH_BUNDLE]?.gzipped ?? 0) / (sizes['ofetch + valibot schema']?.gzipped ?? 1))}× | ≤ 8 KB | ${verdict((sizes[WITHOUT_OFETCH_BUNDLE]?.gzipped ?? 0) <= TARGET_BYTES)} |
| rate-limited burst, ${burst.sends} sends at 50 / s | ${burst.tooManyRequests} × 429, ${burst.wallMs} ms | theoretical minimum ${burst.theoreticalMs} ms | ${round(burst.ratio, 3)}× | 0 × 429, ≤ 1.05× | ${verdict(burst.tooManyRequests === 0 && burst.ratio <= 1.05)} |

The bundle budget that CI enforces (\`tools/bench/src/bundle-size.test.ts\`) is ${kb(BUDGET_BYTES)}: the
size today with a little headroom, so any growth fails the build. The target is ${kb(TARGET_BYTES)}.

The "plain ofetch alone" rows are the floor of the stack the SDK is built on: the HTTP layer it
must use costs ${results.overhead.plainOfetchRatioToRawFetch}× raw fetch per send and delivers ${results.throughput.plainOfetchRatioToRawFetch}× its throughput before the SDK
adds anything, and takes ${kb(sizes['ofetch alone']?.gzipped ?? 0)} of the ${kb(TARGET_BYTES)} bundle target.

The two rows under it take the SDK's per-send time apart. The first is its HTTP layer alone; the
second adds the least that a validated, idempotent send must do on this stack: check the input
with the valibot schema, fix a crmMessageId, serialise it, and check the answer. That least send
measures ${results.overhead.leastSendRatioToRawFetch}× raw fetch before the SDK's retry loop, timeout, rate limiter and error mapping,
so the rest of \`sendMessage\` costs ${round((overhead['SDK sendMessage'] as number) - (overhead[LEAST_SEND] as number))} µs per send here.

Over loopback, every SDK request carries an abort signal so that a timeout frees its socket, and
Node's fetch does extra work for a request with a signal. The "raw fetch with a timeout signal" row
is a hand-written client that can time out; against it the SDK delivers ${results.throughput.ratioToTimedRawFetch}× the throughput.

The what-if rows are not the shipped SDK: they are the SDK built from its own source with its
ofetch transport replaced by one plain fetch call, everything else unchanged
(\`tools/bench/src/without-ofetch.ts\`). The stack fixes ofetch as the HTTP layer; these rows
show what that choice costs against the targets: ${round((overhead['SDK sendMessage'] as number) - (overhead[WITHOUT_OFETCH] as number))} µs per send, and
${kb((sizes['SDK: browser page']?.gzipped ?? 0) - (sizes[WITHOUT_OFETCH_BUNDLE]?.gzipped ?? 0))} of a browser page's bundle.
`;
writeFileSync(`${root}BENCHMARKS.md`, markdown);
console.log(markdown);
