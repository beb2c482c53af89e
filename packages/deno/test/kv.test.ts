// Runs on Deno itself (`deno test --unstable-kv`): the KV stores on a real local KV file, shared
// by several Deno processes the way replicas share Deno Deploy's KV.
import assert from 'node:assert/strict';
import { createWebhookHandler } from '@wazzup-sdk/core/webhooks';
import { createWazzupMock, DEMO_API_KEY, DEMO_CHANNELS } from '@wazzup-sdk/mock';
import { kvDedupe, kvRateLimit } from '../src/index.ts';

const LIMIT = 100;
const WINDOW_MS = 1000;
const TIMEOUT_MS = 2000;
const LEASE_MS = TIMEOUT_MS + 5000 + WINDOW_MS;
const FIXTURE = new URL('./fixtures/campaign.ts', import.meta.url).pathname;

async function withMock(
  run: (url: string, mock: ReturnType<typeof createWazzupMock>) => Promise<void>,
) {
  const mock = createWazzupMock({
    apiKeys: [DEMO_API_KEY],
    channels: DEMO_CHANNELS,
    rateLimit: { limit: LIMIT, windowMs: WINDOW_MS },
  });
  const server = Deno.serve({ hostname: '127.0.0.1', port: 0, onListen() {} }, mock.handler);
  try {
    await run(`http://127.0.0.1:${server.addr.port}`, mock);
  } finally {
    await server.shutdown();
  }
}

/** A campaign in its own Deno process (fixtures/campaign.ts), its progress, and its last line. */
function campaign(env: Record<string, string | number>) {
  const child = new Deno.Command(Deno.execPath(), {
    args: ['run', '--quiet', '--unstable-kv', '-A', FIXTURE],
    env: Object.fromEntries(Object.entries(env).map(([k, v]) => [k, String(v)])),
    stdout: 'piped',
    stderr: 'piped',
  }).spawn();
  let progress = 0;
  let last: { sent: number; failed: number; codes: Record<string, number> } | undefined;
  const read = (async () => {
    let buffered = '';
    for await (const chunk of child.stdout.pipeThrough(new TextDecoderStream())) {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const parsed = JSON.parse(line);
        if (parsed.progress !== undefined) progress = parsed.progress;
        else last = parsed;
      }
    }
  })();
  const stderr = new Response(child.stderr).text();
  const done = (async () => {
    const status = await child.status;
    await read;
    if (status.signal === 'SIGKILL') return undefined;
    if (!status.success || !last) throw new Error(`campaign failed: ${await stderr}`);
    return last;
  })();
  return { child, progress: () => progress, done };
}

/** The most requests that reached the server in any window. */
function busiestWindow(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let start = 0, end = 0; end < sorted.length; end++) {
    while ((sorted[end] as number) - (sorted[start] as number) >= WINDOW_MS) start++;
    most = Math.max(most, end - start + 1);
  }
  return most;
}

/**
 * A new KV file, made here first: processes that open a file nobody has made yet race to create
 * its tables, and the loser fails `database is locked`.
 */
async function tempKv(): Promise<string> {
  const path = `${Deno.makeTempDirSync({ prefix: 'wazzup-kv-' })}/kv.sqlite3`;
  (await Deno.openKv(path)).close();
  return path;
}
const envFor = (url: string, path: string, name: string, count: number) => ({
  KV_PATH: path,
  NAME: name,
  COUNT: count,
  WAZZUP_API_KEY: DEMO_API_KEY,
  WAZZUP_BASE_URL: url,
  LIMIT,
  WINDOW_MS,
  TIMEOUT_MS,
  PATH: Deno.env.get('PATH') ?? '',
});

Deno.test('three Deno processes on one KV file send 300 each with no 429 and none failed', async () => {
  await withMock(async (url, mock) => {
    const path = await tempKv();
    const campaigns = [1, 2, 3].map((i) => campaign(envFor(url, path, `deno-${i}`, 300)));
    const reports = await Promise.all(campaigns.map((one) => one.done));
    for (const report of reports) assert.deepEqual(report, { sent: 300, failed: 0, codes: {} });
    assert.equal(mock.requests.filter((request) => request.outcome === 429).length, 0);
    assert.equal(mock.messages.length, 900);
    const times = mock.requests.map((request) => request.at).sort((a, b) => a - b);
    assert.ok(busiestWindow(times) <= LIMIT);
  });
});

Deno.test('a Deno process killed with SIGKILL mid-campaign is started again and sends on with no 429', async () => {
  await withMock(async (url, mock) => {
    const path = await tempKv();
    const first = campaign(envFor(url, path, 'first', 300));
    for (let i = 0; i < 400 && first.progress() < 150; i++)
      await new Promise((r) => setTimeout(r, 50));
    assert.ok(first.progress() >= 150);
    first.child.kill('SIGKILL');
    const killedAt = Date.now();
    assert.equal(await first.done, undefined);
    // Every slot the dead process holds stops counting within a lease of its death.
    const kv = await Deno.openKv(path);
    try {
      for await (const { value } of kv.list<{ slots: [string, number][] }>({
        prefix: ['wazzup', 'rate-limit'],
      })) {
        assert.ok(value.slots.length > 0);
        for (const [, until] of value.slots) assert.ok(until <= killedAt + LEASE_MS);
      }
    } finally {
      kv.close();
    }
    const rest = 300 - mock.messages.length;
    const second = campaign(envFor(url, path, 'second', rest));
    assert.deepEqual(await second.done, { sent: rest, failed: 0, codes: {} });
    assert.equal(mock.requests.filter((request) => request.outcome === 429).length, 0);
    assert.ok(busiestWindow(mock.requests.map((request) => request.at)) <= LIMIT);
  });
});

Deno.test('kvRateLimit takes slots in order, frees a dead holder’s at its lease, holds bulk for a reply', async () => {
  const kv = await Deno.openKv(await tempKv());
  try {
    const store = kvRateLimit(kv, { prefix: 'lease' });
    const take = (...slots: string[]) =>
      store.take({ key: 'k', slots, limit: 2, windowMs: 300, leaseMs: 600, lane: 'interactive' });
    // Three asked for, two taken; the two are never released (their process died).
    const first = await take('a', 'b', 'c');
    assert.equal(first.taken, 2);
    assert.ok(first.waitMs > 0 && first.waitMs <= 300, `wait ${first.waitMs}`);
    await new Promise((r) => setTimeout(r, 650));
    assert.deepEqual(await take('c'), { taken: 1, waitMs: 0 });
    // A slot never used frees at once.
    await store.release({ key: 'k', slot: 'c', windowMs: 300, heldMs: -300 });
    // Full: a reply waits, and holds a campaign back behind it; a pause holds everyone.
    const one = { key: 'k', limit: 1, windowMs: 300, leaseMs: 600 };
    assert.equal((await store.take({ ...one, slots: ['d'], lane: 'bulk' })).taken, 1);
    assert.equal((await store.take({ ...one, slots: ['e'], lane: 'interactive' })).taken, 0);
    await store.release({ key: 'k', slot: 'd', windowMs: 300, heldMs: -300 });
    assert.equal((await store.take({ ...one, slots: ['f'], lane: 'bulk' })).taken, 0);
    assert.equal((await store.take({ ...one, slots: ['e'], lane: 'interactive' })).taken, 1);
    await store.pause({ key: 'k', ms: 200 });
    assert.equal(
      (await store.take({ ...one, limit: 9, slots: ['g'], lane: 'interactive' })).taken,
      0,
    );
    // Nothing of the key but its hash: the store is given core's hash, and keeps it as the name.
    for await (const { key } of kv.list({ prefix: ['lease'] }))
      assert.deepEqual(key, ['lease', 'rate-limit', 'k']);
  } finally {
    kv.close();
  }
});

Deno.test('two receivers sharing kvDedupe handle each item once: repeats, concurrent copies, a restart', async () => {
  const path = await tempKv();
  const TOKEN = 'tok_5f1c9a7e3b2d4c6a8e0f1a2b';
  const handled: string[] = [];
  let finish!: () => void;
  const slow = new Promise<void>((resolve) => {
    finish = resolve;
  });
  const kvs = await Promise.all([1, 2, 3].map(() => Deno.openKv(path)));
  try {
    const receiver = (kv: Deno.Kv, wait = false) => {
      const handle = createWebhookHandler({
        token: TOKEN,
        dedupe: kvDedupe(kv),
        onMessage: async ({ message }) => {
          if (wait) await slow;
          handled.push(message.messageId);
        },
      });
      return (ids: string[]) =>
        handle(
          new Request(`https://crm.example.com/wazzup?token=${TOKEN}`, {
            method: 'POST',
            body: JSON.stringify({
              messages: ids.map((messageId) => ({
                messageId,
                channelId: 'c1',
                chatType: 'whatsapp',
                chatId: '79011112233',
                dateTime: '2026-12-01T08:00:00Z',
                type: 'text',
                status: 'inbound',
                text: 'Hi',
                isEcho: false,
              })),
            }),
          }),
        ).then((response) => response.status);
    };
    const [a, b, restarted] = [
      receiver(kvs[0] as Deno.Kv, true),
      receiver(kvs[1] as Deno.Kv),
      receiver(kvs[2] as Deno.Kv),
    ];
    const first = a(['m-1']);
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(await b(['m-1']), 503);
    finish();
    assert.equal(await first, 200);
    assert.equal(await b(['m-1', 'm-2']), 200);
    assert.equal(await restarted(['m-1', 'm-2', 'm-3']), 200);
    assert.deepEqual(handled, ['m-1', 'm-2', 'm-3']);
  } finally {
    for (const kv of kvs) kv.close();
  }
});
