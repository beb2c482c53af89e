// The sending process: the shared user program on the Redis outbox. `node sender.ts queue` queues
// the campaign and sends; `node sender.ts resume` only sends (after a restart).
import { runSender } from '@wazzup-sdk/example-report/outbox-program';
import { createRedisOutbox } from '@wazzup-sdk/redis/outbox';
import { Redis } from 'ioredis';

const env = (name: string) => process.env[name] ?? '';
const connection = new Redis(env('REDIS_URL'));
// The only line that differs from the Deno KV example:
const outbox = createRedisOutbox({ connection, worker: { lockDuration: 2000 } });

const phase = process.argv[2] === 'resume' ? 'resume' : 'queue';
const ids = JSON.parse(env('CAMPAIGN_IDS')) as string[];
await runSender(outbox, phase, ids, env('WAZZUP_CHANNEL_ID'));
console.log('sending');
process.once('SIGTERM', async () => {
  await outbox.close();
  await connection.quit();
  process.exit(0);
});
