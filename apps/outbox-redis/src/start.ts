// `pnpm start`: a campaign of 300 through the Redis outbox against the fake Wazzup API (always:
// it sends 300 messages), with the sending process killed with SIGKILL after 150 and started
// again; then every message's status. Prints the lines `pnpm demo` reads; exits 1 on a miss.
import { fileURLToPath } from 'node:url';
import { formatRow } from '@wazzup-sdk/example-report';
import { spawnSender } from '@wazzup-sdk/example-report/node-sender';
import { campaignIds, killAndResume } from '@wazzup-sdk/example-report/outbox-program';
import { DEMO_API_KEY, DEMO_CHANNEL_IDS, DEMO_CHANNELS } from '@wazzup-sdk/mock';
import { serveWazzupMock } from '@wazzup-sdk/mock/node';
import { createRedisOutbox } from '@wazzup-sdk/redis/outbox';
import { startRedis } from '@wazzup-sdk/redis-server';
import { Redis } from 'ioredis';

const COUNT = 300;
const started = performance.now();
const redis = await startRedis();
const served = await serveWazzupMock({
  apiKeys: [DEMO_API_KEY],
  channels: DEMO_CHANNELS,
  rateLimit: { limit: 100, windowMs: 1000 },
});
const ids = campaignIds(COUNT, String(Date.now()));
const sender = fileURLToPath(new URL('./sender.ts', import.meta.url));

let ok = true;
const connection = new Redis(redis.url);
const outbox = createRedisOutbox({ connection });
try {
  const { killedAt, settled, states, twice } = await killAndResume({
    outbox,
    ids,
    start: (phase) =>
      spawnSender(sender, phase, {
        REDIS_URL: redis.url,
        WAZZUP_API_KEY: DEMO_API_KEY,
        WAZZUP_BASE_URL: served.url,
        WAZZUP_CHANNEL_ID: DEMO_CHANNEL_IDS.whatsapp,
        CAMPAIGN_IDS: JSON.stringify(ids),
      }),
    delivered: () => served.mock.messages.length,
    deliveriesOf: (id) => served.mock.deliveriesOf(id),
    settled: ['sent'],
  });
  ok = settled && twice === 0;
  console.log(
    formatRow({
      what: `Campaign of ${COUNT} via Redis, sender killed after ${killedAt} and restarted`,
      outcome: `${JSON.stringify(states)}, ${twice} sent twice`,
      ok,
      ms: Math.round(performance.now() - started),
    }),
  );
} finally {
  await outbox.close();
  await connection.quit();
  await served.close();
  await redis.stop();
}
process.exit(ok ? 0 : 1);
