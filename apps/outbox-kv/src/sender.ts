// The sending process: the shared user program on the Deno KV outbox. `sender.ts queue` queues
// the campaign and sends; `sender.ts resume` only sends (after a restart).
import { createKvOutbox } from '@wazzup-sdk/deno';
import { runSender } from '@wazzup-sdk/example-report/outbox-program';

const env = (name: string) => Deno.env.get(name) ?? '';
const kv = await Deno.openKv(env('KV_PATH'));
// The only line that differs from the Redis example:
const outbox = createKvOutbox({ kv });

const phase = Deno.args[0] === 'resume' ? 'resume' : 'queue';
const ids = JSON.parse(env('CAMPAIGN_IDS')) as string[];
const worker = await runSender(outbox, phase, ids, env('WAZZUP_CHANNEL_ID'));
console.log('sending');
Deno.addSignalListener('SIGTERM', async () => {
  await worker.close();
  kv.close();
  Deno.exit(0);
});
