import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { DEMO_API_KEY } from '@wazzup-sdk/mock';
import { startRedis } from '@wazzup-sdk/redis-server';
import { mostInAnyWindow, type Span } from './burst';
import { median } from './measure';
import { startMockProcess } from './throughput';

const benchDir = fileURLToPath(new URL('..', import.meta.url));

/** One process running src/outbox-main.ts with `env`; resolves what it printed. */
async function outboxProcess<T>(env: Record<string, string>): Promise<T> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', 'src/outbox-main.ts'],
    { cwd: benchDir, env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 },
  );
  return JSON.parse(stdout) as T;
}

/** Eight keys of 32 characters, as the service's are. */
const KEYS = Array.from({ length: 8 }, (_, i) => `${i}`.repeat(4) + DEMO_API_KEY.slice(4));

/**
 * The Redis outbox (BullMQ) at the service's real limit: 8 keys, each with its own outbox queuing
 * `perKey` messages as bulk and sending them under its limit of 500 per 5 s through Redis, in two
 * worker processes (four keys each) that start at one agreed instant, to the mock in its own
 * process enforcing the same limit per key. Share = the least wall time the limit allows ÷ the
 * wall time to each key's last answer (median and lowest over the keys). Beside it, the baseline:
 * the same sends made directly by a client per key with its in-memory limiter, no queue, which
 * is what this machine reaches at that load.
 */
export async function measureOutboxKeys(perKey = 3000, limit = 500, windowMs = 5000) {
  const redis = await startRedis();
  const mock = await startMockProcess([
    '--api-key',
    KEYS.join(','),
    '--rate-limit',
    `${limit}/${windowMs}`,
  ]);
  const theoreticalMs = (Math.ceil(perKey / limit) - 1) * windowMs;
  /** One run of `mode` over the 8 keys in two processes (four keys each). */
  async function run(mode: 'keys' | 'direct', round: number) {
    // Long enough for both processes to queue their messages, even on a busy machine.
    const startAt = Date.now() + 30_000;
    const groups = [KEYS.slice(0, 4), KEYS.slice(4)];
    const reports = await Promise.all(
      groups.map((keys) =>
        outboxProcess<{ readyAt: number; spans: Span[][]; tooMany: number }>({
          MODE: mode,
          KEYS: keys.join(','),
          COUNT: String(perKey),
          START_AT: String(startAt),
          REDIS_URL: redis.url,
          WAZZUP_BASE_URL: mock.url,
          LIMIT: String(limit),
          WINDOW_MS: String(windowMs),
          PREFIX: `bench-keys-${round}`,
        }),
      ),
    );
    const perKeySpans = reports.flatMap((report) => report.spans);
    const shares = perKeySpans.map(
      (spans) => theoreticalMs / (Math.max(...spans.map(([, answered]) => answered)) - startAt),
    );
    // Let every key's window empty before the next run.
    await new Promise((resolve) => setTimeout(resolve, windowMs * 1.5));
    return {
      share: median(shares),
      lowestShare: Math.min(...shares),
      tooManyRequests: reports.reduce((sum, report) => sum + report.tooMany, 0),
      mostInAnyWindow: Math.max(...perKeySpans.map((spans) => mostInAnyWindow(spans, windowMs))),
      late: reports.filter((report) => report.readyAt > startAt).length,
    };
  }
  try {
    const outbox = await run('keys', 0);
    const direct = await run('direct', 0);
    return {
      keys: KEYS.length,
      perKey,
      limit,
      windowMs,
      theoreticalMs,
      ...outbox,
      directShare: direct.share,
      directTooManyRequests: direct.tooManyRequests,
    };
  } finally {
    mock.child.kill();
    await redis.stop();
  }
}

/**
 * The outbox's cost per message against BullMQ's own add-and-process loop: `count` messages
 * added and sent to the unlimited mock over loopback, 50 at a time, by the outbox (validation,
 * ledger, the shared limiter in Redis) and by a bare BullMQ queue and Worker whose processor sends
 * with the same client, each in a fresh process, interleaved; the best of `rounds` each.
 */
export async function measureOutboxCost(count = 3000, rounds = 3) {
  const redis = await startRedis();
  const mock = await startMockProcess(['--no-rate-limit']);
  const ms = { outbox: [] as number[], bullmq: [] as number[] };
  try {
    for (let round = 0; round < rounds; round++) {
      for (const mode of ['bullmq', 'outbox'] as const) {
        const { ms: wall } = await outboxProcess<{ ms: number }>({
          MODE: mode,
          COUNT: String(count),
          REDIS_URL: redis.url,
          WAZZUP_BASE_URL: mock.url,
          WAZZUP_API_KEY: DEMO_API_KEY,
          LIMIT: '1000000',
          WINDOW_MS: '5000',
          PREFIX: `bench-cost-${round}`,
        });
        ms[mode].push(wall);
      }
    }
  } finally {
    mock.child.kill();
    await redis.stop();
  }
  const outboxUs = (Math.min(...ms.outbox) * 1000) / count;
  const bullmqUs = (Math.min(...ms.bullmq) * 1000) / count;
  return {
    count,
    outboxUsPerMessage: Math.round(outboxUs),
    bullmqUsPerMessage: Math.round(bullmqUs),
    ratio: outboxUs / bullmqUs,
    rounds: ms,
  };
}
