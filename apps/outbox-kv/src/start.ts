// `pnpm start`: the campaign program of the Redis example, on the Deno KV outbox: 300 messages to
// the fake Wazzup API (always), the sending Deno process killed with SIGKILL after 150 and started
// again, then every message's status: each sent once, or (the few in hand at the kill, which Deno
// KV gives back only after about 60 s) given up as outcome-unknown, never sent twice. Prints the
// line `pnpm demo` reads; exits 1 on a miss.
import { createKvOutbox } from '@wazzup-sdk/deno';
import { formatRow } from '@wazzup-sdk/example-report';
import { campaignIds, readStatuses } from '@wazzup-sdk/example-report/outbox-program';
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

async function startSender(phase: 'queue' | 'resume') {
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
  return child;
}

/** Polls until `done` holds; bounded. */
async function until(done: () => boolean | Promise<boolean>, ms = 60_000): Promise<boolean> {
  for (const deadline = Date.now() + ms; Date.now() < deadline; ) {
    if (await done()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

let ok = false;
const kv = await Deno.openKv(path);
const outbox = createKvOutbox({ kv });
try {
  const first = await startSender('queue');
  await until(() => mock.messages.length >= COUNT / 2);
  first.kill('SIGKILL');
  await first.status;
  const killedAt = mock.messages.length;
  const second = await startSender('resume');
  // Deno KV hands a killed process's messages to another after about 60 s: those few (at most the
  // worker's concurrency) come back past the duplicate window and are given up as outcome-unknown.
  const settled = await until(async () => {
    const states = await readStatuses(outbox, ids);
    return (states.sent ?? 0) + (states['outcome-unknown'] ?? 0) === COUNT;
  }, 120_000);
  second.kill('SIGTERM');
  await second.status;
  const states = await readStatuses(outbox, ids);
  const twice = ids.filter((id) => mock.deliveriesOf(id) > 1).length;
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
