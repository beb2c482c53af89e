// `pnpm start`: the campaign program of the Deno example, on Node with the KV outbox on a local file
// through @deno/kv: 300 messages to the fake Wazzup API (always), the sending process killed with
// SIGKILL after 150 and started again, then every message's status: each sent once, or (the few
// in hand at the kill, which the KV gives back only after about 60 s) given up as
// outcome-unknown, never sent twice. Prints the line `pnpm demo` reads; exits 1 on a miss.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openKv } from '@deno/kv';
import { createKvOutbox } from '@wazzup-sdk/deno';
import { formatRow } from '@wazzup-sdk/example-report';
import { spawnSender } from '@wazzup-sdk/example-report/node-sender';
import { campaignIds, killAndResume } from '@wazzup-sdk/example-report/outbox-program';
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

let ok = false;
const kv = await openKv(path);
// Only reads statuses: the client it would send with is never made.
const outbox = createKvOutbox({ kv, apiKey: DEMO_API_KEY });
try {
  const { killedAt, settled, states, twice } = await killAndResume({
    outbox,
    ids,
    start: (phase) =>
      spawnSender(sender, phase, {
        KV_PATH: path,
        WAZZUP_API_KEY: DEMO_API_KEY,
        WAZZUP_BASE_URL: served.url,
        WAZZUP_CHANNEL_ID: DEMO_CHANNEL_IDS.whatsapp,
        CAMPAIGN_IDS: JSON.stringify(ids),
      }),
    delivered: () => served.mock.messages.length,
    deliveriesOf: (id) => served.mock.deliveriesOf(id),
    // The KV hands a killed process's messages to another after about 60 s: those few (at most
    // the worker's concurrency) come back past the duplicate window and are given up.
    settled: ['sent', 'outcome-unknown'],
    settleMs: 120_000,
  });
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
