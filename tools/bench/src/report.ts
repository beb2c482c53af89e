// What `pnpm bench` found, as data (bench/results.json), as one history row (bench/history.json)
// and as BENCHMARKS.md. Every target is a ratio against a baseline of the same run, or a bound.
import { SIZE_CASES } from './bundle-size';
import type { ColdStart } from './cold-start';
import type { Rounds } from './measure';
import type { QueuedMemory } from './memory';
import { LIMITED, STACK_SEND, WITHOUT_OFETCH } from './overhead-names';
import { RECEIVE_BARE, RECEIVE_FLOOR, RECEIVE_GUARDED, RECEIVE_SDK } from './receive-names';

/** Everything one run measured. */
export interface BenchResults {
  machine: { cpus: number; model: string };
  /** Per Node major: µs per send, each contender's best round and every round. */
  overhead: Record<string, { best: Record<string, number>; rounds: Rounds }>;
  /** Per Node major measured: sends per second, best round and every round. */
  throughput: Record<string, { best: Record<string, number>; rounds: Rounds }>;
  coldStart: Record<string, ColdStart>;
  /** Per Node major: µs per webhook delivery, in-process, best round and every round. */
  receive?: Record<string, { best: Record<string, number>; rounds: Rounds }>;
  burst?: Awaited<ReturnType<typeof import('./burst').measureBurst>>;
  replicas?: Awaited<ReturnType<typeof import('./replicas').measureReplicas>>;
  outbox?: {
    keys: Awaited<ReturnType<typeof import('./outbox').measureOutboxKeys>>;
    cost: Awaited<ReturnType<typeof import('./outbox').measureOutboxCost>>;
  };
  memory?: QueuedMemory;
  bundles?: Record<string, { minified: number; gzipped: number }>;
}

/** One run's headline figures, as bench/history.json keeps them. */
export interface HistoryEntry {
  at: string;
  /** Per Node major: SDK ÷ plain ofetch, per send (target ≤ 1.15). */
  perSendToPlainOfetch: Record<string, number>;
  /** Per Node major: the stack's validated send (ofetch + valibot + UUID) ÷ plain ofetch. */
  stackSendToPlainOfetch?: Record<string, number>;
  /** Per Node major: SDK ÷ raw fetch with a timeout, loopback throughput (target ≥ 0.95). */
  throughputToTimedFetch: Record<string, number>;
  /** Per Node major: importing core ÷ ofetch's neutral build + valibot (target ≤ 1.1). */
  coldStartToStack?: Record<string, number>;
  /** Per Node major: the SDK's webhook handler ÷ a bare request.json() + 200 (target ≤ 1.3). */
  receiveToBare?: Record<string, number>;
  /** Share of the allowed rate a burst reached (target ≥ 0.96), and its 429s. */
  burstShare: number;
  burstTooMany: number;
  /** Four processes on one key through Redis: share of the allowed rate (target ≥ 0.9), 429s. */
  redisShare?: number;
  redisTooMany?: number;
  /** The Redis outbox, 8 keys at 500 / 5 s each: share of the allowed rate (target ≥ 0.95). */
  outboxShare?: number;
  /** The Redis outbox's cost per message ÷ BullMQ's own add-and-process loop. */
  outboxToBullmq?: number;
  /** Heap per queued send, bytes (target ≤ 1 536). */
  queuedBytesEach?: number;
  /** The send-only browser page, min+gzip bytes (target ≤ 10 240). */
  sendOnlyPageBytes: number;
  note?: string;
}

export const TARGETS = {
  perSendToPlainOfetch: 1.15,
  throughputToTimedFetch: 0.95,
  coldStartToStack: 1.1,
  receiveToBare: 1.3,
  burstShare: 0.96,
  redisShare: 0.9,
  outboxShare: 0.95,
  queuedBytesEach: 1536,
  /** "Well under a second" for one abort to release every queued send. */
  releaseMs: 500,
} as const;

const round = (value: number, digits = 2) => Number(value.toFixed(digits));
const ratio = (figures: Record<string, number> | undefined, name: string, baseline: string) =>
  (figures?.[name] ?? Number.NaN) / (figures?.[baseline] ?? Number.NaN);
const TIMED = 'raw fetch with a timeout';
/** The stack's own validated send over loopback: ofetch as the SDK calls it, after valibot + UUID. */
const STACK_VALIDATED = 'ofetch as the SDK calls it, after valibot parse + UUID';

/** The headline of a run. */
export function headline(results: BenchResults, at: string): HistoryEntry {
  const perNode = <T>(table: Record<string, T>, figure: (value: T) => number) =>
    Object.fromEntries(
      Object.entries(table).map(([major, value]) => [major, round(figure(value))]),
    );
  return {
    at,
    perSendToPlainOfetch: perNode(results.overhead, ({ best }) =>
      ratio(best, 'SDK sendMessage', 'plain ofetch'),
    ),
    stackSendToPlainOfetch: perNode(results.overhead, ({ best }) =>
      ratio(best, STACK_SEND, 'plain ofetch'),
    ),
    throughputToTimedFetch: perNode(results.throughput, ({ best }) =>
      ratio(best, 'SDK sendMessage', TIMED),
    ),
    coldStartToStack: perNode(results.coldStart, (cold) => cold.pairedRatio),
    receiveToBare: perNode(results.receive ?? {}, ({ best }) =>
      ratio(best, RECEIVE_SDK, RECEIVE_BARE),
    ),
    burstShare: round(results.burst?.shareOfAllowedRate ?? Number.NaN, 3),
    burstTooMany: results.burst?.tooManyRequests ?? Number.NaN,
    redisShare: round(results.replicas?.redisShare ?? Number.NaN, 3),
    redisTooMany: results.replicas?.redisTooManyRequests ?? Number.NaN,
    outboxShare: round(results.outbox?.keys.share ?? Number.NaN, 3),
    outboxToBullmq: round(results.outbox?.cost.ratio ?? Number.NaN),
    queuedBytesEach: results.memory?.sdkBytesEach ?? Number.NaN,
    sendOnlyPageBytes: results.bundles?.['SDK: browser page']?.gzipped ?? Number.NaN,
  };
}

const verdict = (ok: boolean) => (ok ? '✔' : '✘');
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const x = (value: number) => `${round(value)}×`;

function overheadRows(results: BenchResults): string[] {
  return Object.entries(results.overhead).map(([major, { best }]) => {
    const sdk = ratio(best, 'SDK sendMessage', 'plain ofetch');
    return `| Node ${major} | ${round(best['SDK sendMessage'] ?? 0)} µs | ${round(best['plain ofetch'] ?? 0)} µs | **${x(sdk)}** ${verdict(sdk <= TARGETS.perSendToPlainOfetch)} | ${x(ratio(best, STACK_SEND, 'plain ofetch'))} | ${x(ratio(best, 'SDK sendMessage', STACK_SEND))} | ${x(ratio(best, 'SDK sendMessage', 'raw fetch'))} | ${x(ratio(best, 'SDK sendMessage', 'ofetch as the SDK calls it'))} | ${x(ratio(best, 'the same + validation and crmMessageId', 'ofetch as the SDK calls it'))} | ${x(ratio(best, LIMITED, 'SDK sendMessage'))} | ${x(ratio(best, WITHOUT_OFETCH, 'raw fetch'))} |`;
  });
}

function throughputRows(results: BenchResults): string[] {
  return Object.entries(results.throughput).map(([major, { best }]) => {
    const sdk = ratio(best, 'SDK sendMessage', TIMED);
    return `| Node ${major} | ${Math.round(best['SDK sendMessage'] ?? 0)}/s | ${Math.round(best[TIMED] ?? 0)}/s | **${x(sdk)}** ${verdict(sdk >= TARGETS.throughputToTimedFetch)} | ${x(ratio(best, 'raw fetch with a timeout, redirects refused', TIMED))} | ${x(ratio(best, 'ofetch as the SDK calls it, with a timeout', TIMED))} | ${x(ratio(best, STACK_VALIDATED, TIMED))} | ${x(ratio(best, 'SDK sendMessage', STACK_VALIDATED))} | ${x(ratio(best, 'plain ofetch', 'raw fetch'))} | ${x(ratio(best, WITHOUT_OFETCH, TIMED))} |`;
  });
}

function receiveRows(results: BenchResults): string[] {
  return Object.entries(results.receive ?? {}).map(([major, { best }]) => {
    const sdk = ratio(best, RECEIVE_SDK, RECEIVE_BARE);
    return `| Node ${major} | ${round(best[RECEIVE_SDK] ?? 0, 1)} µs | ${round(best[RECEIVE_BARE] ?? 0, 1)} µs | **${x(sdk)}** ${verdict(sdk <= TARGETS.receiveToBare)} | ${x(ratio(best, RECEIVE_FLOOR, RECEIVE_BARE))} | ${x(ratio(best, RECEIVE_GUARDED, RECEIVE_BARE))} | ${x(ratio(best, RECEIVE_SDK, RECEIVE_GUARDED))} |`;
  });
}

function coldStartRows(results: BenchResults): string[] {
  return Object.entries(results.coldStart).map(([major, cold]) => {
    const ms = (name: string) => `${round(cold.importMs[name] ?? 0, 1)} ms`;
    return `| Node ${major} | ${ms('@wazzup-sdk/core')} | ${ms("ofetch's neutral build + valibot")} | **${x(cold.pairedRatio)}** ${verdict(cold.pairedRatio <= TARGETS.coldStartToStack)} | ${x(cold.processRatio)} | ${ms('ofetch (its Node entry) + valibot')} |`;
  });
}

function historyRows(history: readonly HistoryEntry[]): string[] {
  const perNode = (table: Record<string, number> | undefined) =>
    table
      ? Object.entries(table)
          .map(([major, value]) => `${major}: ${value}`)
          .join(', ')
      : '—';
  return history.map(
    (entry) =>
      `| ${entry.at.slice(0, 16).replace('T', ' ')} | ${perNode(entry.perSendToPlainOfetch)} | ${perNode(entry.stackSendToPlainOfetch)} | ${perNode(entry.throughputToTimedFetch)} | ${perNode(entry.coldStartToStack)} | ${perNode(entry.receiveToBare)} | ${entry.burstShare} (${entry.burstTooMany} × 429) | ${entry.redisShare === undefined ? '—' : `${entry.redisShare} (${entry.redisTooMany} × 429)`} | ${entry.outboxShare === undefined ? '—' : `${entry.outboxShare} (${entry.outboxToBullmq}×)`} | ${entry.queuedBytesEach ?? '—'} | ${entry.sendOnlyPageBytes} | ${entry.note ?? ''} |`,
  );
}

/** BENCHMARKS.md for a run, with the history of the runs before it. */
export function renderMarkdown(results: BenchResults, history: readonly HistoryEntry[]): string {
  const { burst, replicas, outbox, memory, bundles = {} } = results;
  const size = (name: string) => bundles[name]?.gzipped ?? 0;
  const page = size('SDK: browser page');
  const floor = size('ofetch + valibot schema');
  const weighed = (name: string) => {
    const { targetBytes, budgetBytes = 0 } = SIZE_CASES.find((entry) => entry.name === name) ?? {};
    const bytes = size(name);
    const goal =
      targetBytes === undefined
        ? ''
        : ` ${verdict(bytes <= targetBytes)} target ${kb(targetBytes)},`;
    return `**${kb(bytes)}**${goal} budget ${kb(budgetBytes)} ${verdict(bytes <= budgetBytes)}`;
  };
  return `# Benchmarks

Measured by \`pnpm bench\` on ${results.machine.cpus} × ${results.machine.model}, on each Node version
named (22 and 24 from the \`node\` npm package). Every figure is a ratio against a baseline measured
in the same run, or a bound; raw numbers, every round of them, are in
[bench/results.json](bench/results.json). Rounds are interleaved and each contender's best round is
kept: on this shared machine interference only ever slows a run down.

## Per send, in-memory transport

µs of client work per send (validation, crmMessageId, retry loop, timeouts, answer reading) against
**plain ofetch** made the way the SDK makes it (\`createFetch({ fetch })\` with the injected fetch)
posting the same message. Beside it: **the stack's validated send** (what ofetch and valibot alone
give a validated, idempotent send: valibot's parse with a strict object of the same fields, the
schema the bundle floor weighs, a UUID for crmMessageId, then plain ofetch), and the SDK against
that: what our own layer adds on top of the stack; raw fetch; **ofetch as the SDK calls it** (the SDK's own
transport: a string body, its options, the capped read); the least locally validated, idempotent
send on that (the request schema and a crmMessageId; no retry loop, no timeout); the rate limiter's cost (on, at a limit no run
reaches, every send in one window: the same ratio whatever the slots held means O(1)); and the
what-if SDK with fetch in place of ofetch.

| Node | SDK | plain ofetch | SDK ÷ plain ofetch (≤ ${TARGETS.perSendToPlainOfetch}×) | the stack's validated send ÷ plain ofetch | SDK ÷ the stack's validated send | ÷ raw fetch | ÷ ofetch as the SDK calls it | validated send ÷ ofetch as the SDK calls it | limiter on ÷ off | what-if ÷ raw fetch |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
${overheadRows(results).join('\n')}

## Throughput, loopback HTTP, 32 in flight

Sends per second to the mock in its own process, against **raw fetch with a timeout signal** (a
hand-written client that can time out). Beside it, the stack's share: raw fetch refusing redirects
as the SDK does, ofetch as the SDK calls it with a timeout each, the same after the stack's own
validation (valibot's parse of the floor schema and a UUID, as in the per-send table) and the SDK
against that, plain ofetch (no signal) against raw fetch (no signal), and the what-if SDK.

| Node | SDK | raw fetch with a timeout | SDK ÷ that (≥ ${TARGETS.throughputToTimedFetch}×) | redirects refused ÷ that | ofetch as the SDK calls it ÷ that | the same after valibot + UUID ÷ that | SDK ÷ the stack's validated send | plain ofetch ÷ raw fetch | what-if ÷ that |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
${throughputRows(results).join('\n')}

## Receiving a webhook, in-process

µs per delivery (one incoming message and one status, each new, as a \`Request\` with its length
declared) against **a bare \`request.json()\` + 200**. The SDK's handler checks the token, reads the
body within its limits, parses each item with its schemas, claims and completes each handler of
each item in the default in-memory dedupe store, and holds the handlers to their time limit.
Beside it, **the stack's checking receiver**: the token compared and each item parsed with the
same exported schemas (valibot), no dedupe and no time limits; **the same keeping the SDK's
promises**, by hand: a timer on the body and one on the handlers, each handler of each item claimed
in a Map before it runs and marked done after; and the SDK against that.

| Node | SDK | bare | SDK ÷ bare (≤ ${TARGETS.receiveToBare}×) | the stack's checking receiver ÷ bare | the same keeping the promises ÷ bare | SDK ÷ that |
| --- | --- | --- | --- | --- | --- | --- |
${receiveRows(results).join('\n')}

## Cold start

\`import()\` time inside a fresh process, per contender, ${Object.values(results.coldStart)[0]?.rounds ?? 0} rounds; the ratio is the median of each
round's core ÷ the stack it is built on (ofetch's runtime-neutral build + valibot), taken within
the round. Whole processes, start to exit, beside it; and ofetch's Node entry, which loads
node-fetch-native and \`node:http\` at import, for reference (core carries the neutral build).

| Node | core | ofetch neutral + valibot | core ÷ that, paired (≤ ${TARGETS.coldStartToStack}×) | whole processes | ofetch's Node entry + valibot |
| --- | --- | --- | --- | --- | --- |
${coldStartRows(results).join('\n')}

## Rate limit

${
  burst
    ? `A burst of ${burst.sends} sends at a scaled limit of ${burst.limit} per ${burst.windowMs} ms on both sides, to the mock in its own
process enforcing the same limit: **${round(burst.shareOfAllowedRate, 3)}** of the allowed rate (the least wall time the limit
allows, ${burst.theoreticalMs} ms, ÷ the median measured, ${burst.wallMs} ms; target ≥ ${TARGETS.burstShare}) ${verdict(burst.shareOfAllowedRate >= TARGETS.burstShare)}, **${burst.tooManyRequests} × 429** ${verdict(burst.tooManyRequests === 0)}, and at
most **${burst.mostInAnyWindow}** requests could have reached the server in any window (limit ${burst.limit}) ${verdict(burst.mostInAnyWindow <= burst.limit)}. The
median answer took ${burst.medianLatencyMs} ms. A slot counts from its answer, so a key reaches about
windowMs ÷ (windowMs + latency) of its limit: with the service's 5 s window and a 50 ms answer, 0.99.`
    : ''
}

${
  replicas
    ? `One key shared by four processes (three on Node, one on Bun) through one Redis rate limit, ${replicas.sends / 4} sends each,
to the same mock at ${replicas.limit} per ${replicas.windowMs} ms: **${round(replicas.redisShare, 3)}** of the allowed rate (${replicas.theoreticalMs} ms ÷ the median
${replicas.redisWallMs} ms; target ≥ ${TARGETS.redisShare}) ${verdict(replicas.redisShare >= TARGETS.redisShare)}, **${replicas.redisTooManyRequests} × 429** ${verdict(replicas.redisTooManyRequests === 0)}, at most
**${replicas.mostInAnyWindow}** requests in any window ${verdict(replicas.mostInAnyWindow <= replicas.limit)}. Beside it, one process sending all ${replicas.sends} with the in-memory
limiter: **${round(replicas.memoryShare, 3)}** (${replicas.memoryWallMs} ms, ${replicas.memoryTooManyRequests} × 429); the shared store costs
${x(replicas.memoryShare / replicas.redisShare)} the wall time. ${replicas.failed} sends failed; ${replicas.late} replicas started late.`
    : ''
}

${
  outbox
    ? `## The outbox (Redis, BullMQ)

${outbox.keys.keys} keys at the service's limit, ${outbox.keys.limit} per ${outbox.keys.windowMs} ms each, ${outbox.keys.perKey} messages a key queued as bulk and sent by
two worker processes (four keys each) through one Redis, to the mock in its own process enforcing
the same limit per key: **${round(outbox.keys.share, 3)}** of the allowed rate (the median key; ${outbox.keys.theoreticalMs} ms, the least wall
time the limit allows, ÷ the wall time to the key's last answer; target ≥ ${TARGETS.outboxShare}) ${verdict(outbox.keys.share >= TARGETS.outboxShare)}, the slowest key
${round(outbox.keys.lowestShare, 3)}; **${outbox.keys.tooManyRequests} × 429** ${verdict(outbox.keys.tooManyRequests === 0)}, at most **${outbox.keys.mostInAnyWindow}** requests of a key in any window ${verdict(outbox.keys.mostInAnyWindow <= outbox.keys.limit)}.
The baseline, the same sends made directly by a client per key with its in-memory limiter (no queue,
no ledger) in the same two processes: **${round(outbox.keys.directShare, 3)}** (${outbox.keys.directTooManyRequests} × 429), so the outbox reaches
${x(outbox.keys.share / outbox.keys.directShare)} of what this machine does at that load without it. ${outbox.keys.late} processes started late.

Cost per message, ${outbox.cost.count} messages added and sent 50 at a time to the mock with no limit: the
outbox (validation at enqueue, the ledger, the shared limiter in Redis) **${outbox.cost.outboxUsPerMessage} µs**, BullMQ's own
add-and-process loop sending with the same client ${outbox.cost.bullmqUsPerMessage} µs: **${x(outbox.cost.ratio)}**.

`
    : ''
}## Memory

${
  memory
    ? `${memory.count} sends queued behind a limiter with no slot free: **${memory.sdkBytesEach} bytes** of heap each (target ≤ ${TARGETS.queuedBytesEach}) ${verdict(memory.sdkBytesEach <= TARGETS.queuedBytesEach)},
against ${memory.plainOfetchBytesEach} bytes for each plain ofetch call waiting on a fetch that never answers (${x(memory.sdkBytesEach / memory.plainOfetchBytesEach)}).
One abort released them all in **${memory.sdkReleaseMs} ms** ${verdict(memory.sdkReleaseMs <= TARGETS.releaseMs && memory.allAborted)}${memory.allAborted ? ', each with WazzupAbortError' : ', NOT each with WazzupAbortError'}.`
    : ''
}

## Bundle size (min+gzip)

| bundle | size | against |
| --- | --- | --- |
| proxy sender page | ${weighed('SDK: browser page')} | ${x(page / floor)} ofetch + valibot schema (${kb(floor)}) |
| Worker sender | ${weighed('SDK: Worker')} | ofetch alone ${kb(size('ofetch alone'))}, raw fetch ${kb(size('raw fetch'))} |
| whole client, Worker | ${weighed('SDK: Worker, whole client')} | |
| what-if: send-only page, fetch in place of ofetch | ${kb(size('what-if: SDK browser page, fetch in place of ofetch'))} | |

The floor rows are the stack before the SDK adds anything: ofetch alone (with the parts of ufo and
destr it takes) ${kb(size('ofetch alone'))}, and with valibot's share of a request schema ${kb(floor)}. Above that floor the SDK's own
send path weighs ${kb(page - floor)}. A budget is today's size with about 100 bytes to spare: CI and
\`pnpm bench\` fail above it. Why both senders are over their targets is in
[tools/bench/src/bundle-size.ts](tools/bench/src/bundle-size.ts).

## History

Each run's headline, oldest first (the first row is the earlier benchmark's, whose targets were
against raw fetch; its burst ran at 50 / s).

| run (UTC) | per send ÷ plain ofetch | the stack's validated send ÷ plain ofetch | throughput ÷ timed raw fetch | cold start ÷ stack | receive ÷ bare | burst share | four processes through Redis | outbox, 8 keys (÷ BullMQ) | bytes per queued send | send-only page, bytes | note |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
${historyRows(history).join('\n')}
`;
}
