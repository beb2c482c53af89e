// The sending process: the shared user program on the Deno KV outbox, run by Node on a local KV
// file opened with the official @deno/kv package (Bun cannot: see packages/deno/README.md). `sender.ts queue` queues
// the campaign and sends; `sender.ts resume` only sends (after a restart).
import { openKv } from '@deno/kv';
import { createWazzup } from '@wazzup-sdk/core';
import { createKvOutbox } from '@wazzup-sdk/deno';
import { runSender } from '@wazzup-sdk/example-report/outbox-program';

const env = (name: string) => process.env[name] ?? '';
const kv = await openKv(env('KV_PATH'));
// The only line that differs from the Deno example: outside Deno the client is given, made from
// Node's environment (WAZZUP_API_KEY and WAZZUP_BASE_URL in process.env).
const outbox = createKvOutbox({ kv, wazzup: createWazzup() });

const phase = process.argv[2] === 'resume' ? 'resume' : 'queue';
const ids = JSON.parse(env('CAMPAIGN_IDS')) as string[];
const worker = await runSender(outbox, phase, ids, env('WAZZUP_CHANNEL_ID'));
console.log('sending');
process.once('SIGTERM', async () => {
  await worker.close();
  kv.close();
  process.exit(0);
});
