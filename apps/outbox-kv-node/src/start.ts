// `pnpm start`: the campaign program of the Deno example, on Node with the KV outbox on a local file
// through @deno/kv: 300 messages to the fake Wazzup API (always), the
// sending process killed with SIGKILL after 150 and started again, then every message's status:
// each sent once, or (the few in hand at the kill, which the KV gives back only after about 60 s)
// given up as outcome-unknown, never sent twice. Prints the line `pnpm demo` reads; exits 1 on a
// miss.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openKv } from '@deno/kv';
import { createKvOutbox } from '@wazzup-sdk/deno';
import { formatRow } from '@wazzup-sdk/example-report';
import { campaignIds, readStatuses } from '@wazzup-sdk/example-report/outbox-program';
import { DEMO_API_KEY, DEMO_CHANNEL_IDS, DEMO_CHANNELS } from '@wazzup-sdk/mock';
import { serveWazzupMock } from '@wazzup-sdk/mock/node';

const COUNT = 300;
const started = performance.now();
const served = await serveWazzupMock({
  apiKeys: [DEMO_API_KEY],
  channels: DEMO_CHANNELS,
  rateLimit: { limit: 100, windowMs: 1000 },
});
const path = join(mkdtempSync(join(tmpdir(), 'wazzup-outbox-kv-node-')), 'kv.sqlite3');
const ids = campaignIds(COUNT, String(Date.now()));
const sender = fileURLToPath(new URL('./sender.ts', import.meta.url));

async function startSender(phase: 'queue' | 'resume'): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', sender, phase], {
    env: {
      ...process.env,
      KV_PATH: path,
      WAZZUP_API_KEY: DEMO_API_KEY,
      WAZZUP_BASE_URL: served.url,
      WAZZUP_CHANNEL_ID: DEMO_CHANNEL_IDS.whatsapp,
      CAMPAIGN_IDS: JSON.stringify(ids),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await once(child.stdout as NodeJS.ReadableStream, 'data');
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
const kv = await openKv(path);
// Only reads statuses: the client it would send with is never made.
const outbox = createKvOutbox({ kv, apiKey: DEMO_API_KEY });
try {
  const first = await startSender('queue');
  await until(() => served.mock.messages.length >= COUNT / 2);
  first.kill('SIGKILL');
  await once(first, 'exit');
  const killedAt = served.mock.messages.length;
  const second = await startSender('resume');
  // The KV hands a killed process's messages to another after about 60 s: those few (at most the
  // worker's concurrency) come back past the duplicate window and are given up as outcome-unknown.
  const settled = await until(async () => {
    const states = await readStatuses(outbox, ids);
    return (states.sent ?? 0) + (states['outcome-unknown'] ?? 0) === COUNT;
  }, 120_000);
  second.kill('SIGTERM');
  await once(second, 'exit');
  const states = await readStatuses(outbox, ids);
  const twice = ids.filter((id) => served.mock.deliveriesOf(id) > 1).length;
  ok = settled && twice === 0 && (states['outcome-unknown'] ?? 0) <= 20;
  console.log(
    formatRow({
      what: `Campaign of ${COUNT} via Deno KV on Node (@deno/kv), sender killed after ${killedAt} and restarted`,
      outcome: `${JSON.stringify(states)}, ${twice} sent twice`,
      ok,
      ms: Math.round(performance.now() - started),
    }),
  );
} finally {
  kv.close();
  await served.close();
}
process.exit(ok ? 0 : 1);
