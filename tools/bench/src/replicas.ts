import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { DEMO_API_KEY } from '@wazzup-sdk/mock';
import { startRedis } from '@wazzup-sdk/redis-server';
import { mostInAnyWindow, type Span } from './burst';
import { median } from './measure';
import { startMockProcess } from './throughput';

const benchDir = fileURLToPath(new URL('..', import.meta.url));
const bun = createRequire(import.meta.url).resolve('bun/bin/bun.exe');

interface ReplicaReport {
  readyAt: number;
  spans: Span[];
  tooMany: number;
  failed: number;
}

/** One replica's process: Node through tsx, or Bun, running src/replica-main.ts. */
async function replica(runtime: 'node' | 'bun', env: Record<string, string>) {
  const [file, args] =
    runtime === 'bun'
      ? [bun, ['src/replica-main.ts']]
      : [process.execPath, ['--import', 'tsx', 'src/replica-main.ts']];
  const { stdout } = await promisify(execFile)(file, args, {
    cwd: benchDir,
    env: { ...process.env, ...env },
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(stdout) as ReplicaReport;
}

/**
 * The rate one key reaches when several processes share it: four replicas (three on Node, one on
 * Bun) sending `sends / 4` each through one Redis rate limit, beside one process sending all
 * `sends` with the in-memory limiter, to the mock in its own process enforcing the same scaled
 * limit. Every replica starts at one agreed instant after opening its connections, so the figure
 * is the limiter's, not process start-up. Share = the least wall time the limit allows ÷ the
 * median measured.
 */
export async function measureReplicas(limit = 100, windowMs = 1000, sends = 1200, rounds = 3) {
  const redis = await startRedis();
  const mock = await startMockProcess(['--rate-limit', `${limit}/${windowMs}`]);
  const theoreticalMs = (Math.ceil(sends / limit) - 1) * windowMs;
  const walls = { redis: [] as number[], memory: [] as number[] };
  const tooMany = { redis: 0, memory: 0 };
  let failed = 0;
  let busiest = 0;
  let late = 0;
  try {
    for (let round = 0; round < rounds; round++) {
      for (const shape of ['redis', 'memory'] as const) {
        const runtimes: ('node' | 'bun')[] =
          shape === 'redis' ? ['node', 'node', 'node', 'bun'] : ['node'];
        // Long enough for every replica to start and warm up, even on a busy machine.
        const startAt = Date.now() + 6000;
        const reports = await Promise.all(
          runtimes.map((runtime) =>
            replica(runtime, {
              WAZZUP_API_KEY: DEMO_API_KEY,
              WAZZUP_BASE_URL: mock.url,
              LIMIT: String(limit),
              WINDOW_MS: String(windowMs),
              COUNT: String(sends / runtimes.length),
              START_AT: String(startAt),
              PREFIX: `bench-${round}`,
              ...(shape === 'redis' && { REDIS_URL: redis.url }),
            }),
          ),
        );
        const spans = reports.flatMap((report) => report.spans);
        late += reports.filter((report) => report.readyAt > startAt).length;
        walls[shape].push(Math.max(...spans.map(([, answered]) => answered)) - startAt);
        tooMany[shape] += reports.reduce((sum, report) => sum + report.tooMany, 0);
        failed += reports.reduce((sum, report) => sum + report.failed, 0);
        if (shape === 'redis') busiest = Math.max(busiest, mostInAnyWindow(spans, windowMs));
        // Let the window empty before the next shape starts.
        await new Promise((resolve) => setTimeout(resolve, windowMs * 1.5));
      }
    }
  } finally {
    mock.child.kill();
    await redis.stop();
  }
  return {
    sends,
    limit,
    windowMs,
    theoreticalMs,
    redisWallMs: Math.round(median(walls.redis)),
    memoryWallMs: Math.round(median(walls.memory)),
    redisShare: theoreticalMs / median(walls.redis),
    memoryShare: theoreticalMs / median(walls.memory),
    redisTooManyRequests: tooMany.redis,
    memoryTooManyRequests: tooMany.memory,
    failed,
    mostInAnyWindow: busiest,
    /** Replicas that were not ready by the agreed start (their figure would include start-up). */
    late,
  };
}
