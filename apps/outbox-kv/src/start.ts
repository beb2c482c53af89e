// `pnpm start`: the campaign program of the Redis example, on the Deno KV outbox: 300 messages to
// the fake Wazzup API (always), the sending Deno process killed with SIGKILL after 150 and started
// again, then every message's status: each sent once, or (the few in hand at the kill, which Deno
// KV gives back only after about 60 s) given up as outcome-unknown, never sent twice. Prints the
// line `pnpm demo` reads; exits 1 on a miss.
import { createKvOutbox } from '@wazzup-sdk/deno';
import { formatRow } from '@wazzup-sdk/example-report';
import {
  campaignIds,
  killAndResume,
  type SenderProcess,
} from '@wazzup-sdk/example-report/outbox-program';
import { createWazzupMock, DEMO_API_KEY, DEMO_CHANNEL_IDS, DEMO_CHANNELS } from '@wazzup-sdk/mock';

const COUNT = 300;
const started = performance.now();
const mock = createWazzupMock({
  apiKeys: [DEMO_API_KEY],
  channels: DEMO_CHANNELS,
  rateLimit: { limit: 100, windowMs: 1000 },
});
const server = Deno.serve({ hostname: '127.0.0.1', port: 0, onListen() {} }, mock.handler);
const path = `${Deno.makeTempDirSync({ prefix: 'wazzup-outbox-kv-' })}/kv.sqlite3`;
const ids = campaignIds(COUNT, String(Date.now()));
const sender = new URL('./sender.ts', import.meta.url).pathname;

async function startSender(phase: 'queue' | 'resume'): Promise<SenderProcess> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ['run', '--quiet', '--unstable-kv', '--allow-all', sender, phase],
    env: {
      KV_PATH: path,
      WAZZUP_API_KEY: DEMO_API_KEY,
      WAZZUP_BASE_URL: `http://127.0.0.1:${server.addr.port}`,
      WAZZUP_CHANNEL_ID: DEMO_CHANNEL_IDS.whatsapp,
      CAMPAIGN_IDS: JSON.stringify(ids),
    },
    stdout: 'piped',
    stderr: 'inherit',
  }).spawn();
  const reader = child.stdout.getReader();
  await reader.read();
  reader.releaseLock();
  void child.stdout.cancel();
  const end = async (signal: Deno.Signal) => {
    child.kill(signal);
    await child.status;
  };
  return { kill: () => end('SIGKILL'), stop: () => end('SIGTERM') };
}

let ok = false;
const kv = await Deno.openKv(path);
const outbox = createKvOutbox({ kv });
try {
  const { killedAt, settled, states, twice } = await killAndResume({
    outbox,
    ids,
    start: startSender,
    delivered: () => mock.messages.length,
    deliveriesOf: (id) => mock.deliveriesOf(id),
    // Deno KV hands a killed process's messages to another after about 60 s: those few (at most
    // the worker's concurrency) come back past the duplicate window and are given up.
    settled: ['sent', 'outcome-unknown'],
    settleMs: 120_000,
  });
  ok = settled && twice === 0 && (states['outcome-unknown'] ?? 0) <= 20;
  console.log(
    formatRow({
      what: `Campaign of ${COUNT} via Deno KV, sender killed after ${killedAt} and restarted`,
      outcome: `${JSON.stringify(states)}, ${twice} sent twice`,
      ok,
      ms: Math.round(performance.now() - started),
    }),
  );
} finally {
  kv.close();
  await server.shutdown();
}
Deno.exit(ok ? 0 : 1);
