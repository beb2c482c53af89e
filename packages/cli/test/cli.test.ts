import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { DEMO_CHANNEL_IDS, DEMO_CHANNELS } from '@wazzup-sdk/mock';
import { type ServedWazzupMock, serveWazzupMock } from '@wazzup-sdk/mock/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

// The built bin, run as a user runs it: child processes, real loopback HTTP to the served mock.

const BIN = fileURLToPath(new URL('../bin/wazzup.js', import.meta.url));
const CRM_APP = fileURLToPath(new URL('./crm-app.mjs', import.meta.url));
const KEY = 'sk-live-cli-1f2e3d4c5b6a79880796a5b4c3d2e1f0';
let served: ServedWazzupMock;
const outputs: string[] = [];

beforeAll(async () => {
  served = await serveWazzupMock({ apiKeys: [KEY], channels: DEMO_CHANNELS, rateLimit: false });
});
afterAll(async () => {
  await served?.close();
  // Whatever any command printed, the key was never in it.
  for (const text of outputs) expect(text).not.toContain(KEY);
});
beforeEach(() => served.mock.reset());

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function wazzup(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      {
        env: { ...process.env, WAZZUP_API_KEY: KEY, WAZZUP_BASE_URL: served.url, ...env },
        timeout: 20_000,
      },
      (error, stdout, stderr) => {
        outputs.push(stdout, stderr);
        resolve({
          code: error ? Number((error as { code?: number }).code ?? 1) : 0,
          stdout,
          stderr,
        });
      },
    );
  });
}

/** A long-running command (or Node script), and a way to wait for a line of its output. */
function start(args: string[], env: NodeJS.ProcessEnv = {}, script = BIN) {
  const child: ChildProcess = spawn(process.execPath, [script, ...args], {
    env: { ...process.env, WAZZUP_API_KEY: KEY, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  return {
    child,
    get text() {
      return text;
    },
    async line(pattern: RegExp, timeoutMs = 10_000): Promise<string> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = text.split('\n').find((line) => pattern.test(line));
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no line like ${pattern} in:\n${text}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
  };
}
const running: ReturnType<typeof start>[] = [];
afterEach(() => {
  for (const each of running.splice(0)) {
    outputs.push(each.text);
    each.child.kill('SIGTERM');
  }
});

/** `wazzup listen --json` and `wazzup mock` delivering to it: the loop most tests start from. */
async function listenToMock() {
  const listener = start(['listen', '--port', '0', '--json', '--show-token']);
  running.push(listener);
  const { address } = JSON.parse(await listener.line(/"type":"listening"/)) as { address: string };
  const fake = start(['mock', '--port', '0', '--webhooks', address, '--json']);
  running.push(fake);
  const { url, apiKey } = JSON.parse(await fake.line(/"url"/)) as { url: string; apiKey: string };
  return { listener, url, apiKey };
}

/** What `wazzup trigger create-contact --data` is given: the service asking for Ann's contact. */
const CREATE_CONTACT = JSON.stringify({
  responsibleUserId: 'u-1',
  name: 'Ann',
  contactData: [{ chatType: 'whatsapp', chatId: '79011112233' }],
  source: 'auto',
});

const SEND = [
  'send',
  '--channel',
  DEMO_CHANNEL_IDS.whatsapp,
  '--chat-type',
  'whatsapp',
  '--chat-id',
  '79011112233',
  '--text',
  'Hello from the CLI',
];

describe('wazzup', () => {
  it('channels: a table of every channel and whether it can send; --json parses back', async () => {
    const table = await wazzup(['channels']);
    expect(table.code).toBe(0);
    const [header, ...rows] = table.stdout.trim().split('\n');
    expect(header).toMatch(/^CHANNEL\s+TRANSPORT\s+PLAIN ID\s+NAME\s+STATE\s+CAN SEND$/);
    expect(rows).toHaveLength(DEMO_CHANNELS.length);
    expect(rows.find((row) => row.startsWith(DEMO_CHANNEL_IDS.disabled))).toMatch(/disabled\s+no$/);
    // Not a terminal: no colours.
    expect(table.stdout).not.toContain('\u001b[');
    const json = await wazzup(['channels', '--json']);
    const parsed = JSON.parse(json.stdout) as { channelId: string; canSend: boolean }[];
    expect(parsed.filter((channel) => channel.canSend)).toHaveLength(
      DEMO_CHANNELS.filter((channel) => channel.state === 'active').length,
    );
  });

  it('send: prints the messageId, then duplicate for the same crmMessageId', async () => {
    const first = await wazzup([...SEND, '--crm-message-id', 'cli-1']);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^sent [0-9a-f-]{36} to 79011112233 \(crmMessageId cli-1\)$/m);
    const again = await wazzup([...SEND, '--crm-message-id', 'cli-1']);
    expect(again.stdout).toMatch(/^duplicate/);
    expect(served.mock.messages).toHaveLength(1);
    const json = await wazzup([...SEND, '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ status: 'sent' });
  });

  it('send: a bad input is refused locally with the service’s code and field, exit 1, nothing sent', async () => {
    const bad = await wazzup([...SEND.slice(0, 6), '+7 901 111-22-33', '--text', 'x']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(
      /^error: CHAT_INCORRECT_CHAT_ID_WHATSAPP at chatId: refused locally/,
    );
    expect(served.mock.requests).toHaveLength(0);
    const templated = await wazzup([
      ...SEND.slice(0, 7),
      '--template-id',
      '6201005a-9a6f-486f-bdd5-e6cb86c76ddb',
      '--template-value',
      'a',
      '--template-value',
      'b',
    ]);
    expect(templated.code).toBe(0);
    expect(served.mock.messages[0]?.body.templateValues).toEqual(['a', 'b']);
  });

  it('exits 1 with the code when the service refuses, and 2 on bad usage', async () => {
    const refused = await wazzup([
      ...SEND.slice(0, 2),
      DEMO_CHANNEL_IDS.disabled,
      ...SEND.slice(3),
    ]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^error: CHANNEL_BLOCKED \(HTTP 400\)/);
    const wrongKey = await wazzup(['channels'], { WAZZUP_API_KEY: `${KEY}-wrong` });
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.stderr).toMatch(/UNAUTHORIZED/);
    expect((await wazzup(['send', '--text', 'x'])).code).toBe(2);
    expect((await wazzup(['nonsense'])).code).toBe(2);
    expect((await wazzup(['channels'], { WAZZUP_API_KEY: '' })).code).toBe(2);
    const verbose = await wazzup([...SEND.slice(0, 6), 'x', '--text', 'x', '--verbose']);
    expect(verbose.stderr).toContain('"issues"');
  });

  it('webhooks: shows the settings, and explains a refused probe in words', async () => {
    const shown = await wazzup(['webhooks']);
    expect(shown.stdout).toMatch(/^address:\s+\(none\)$/m);
    const refused = await wazzup(['webhooks', 'set', 'http://127.0.0.1:9/nobody', '--messages']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /testPostNotPassed: the address did not answer the service's probe/,
    );
    const invalid = await wazzup(['webhooks', 'set', 'ftp://example.com']);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toMatch(/uriNotValid at uri/);
  });

  it('mock + listen + send: the whole loop on one machine shows a message’s status timeline', async () => {
    const { listener, url, apiKey } = await listenToMock();
    const sent = await wazzup([...SEND, '--json'], {
      WAZZUP_API_KEY: apiKey,
      WAZZUP_BASE_URL: url,
    });
    const { messageId } = JSON.parse(sent.stdout) as { messageId: string };
    await listener.line(new RegExp(`"messageId":"${messageId}".*"status":"read"`));
    const timeline = listener.text
      .split('\n')
      .filter((line) => line.includes(messageId))
      .map((line) => (JSON.parse(line) as { status: { status: string } }).status.status);
    expect(timeline).toEqual(['sent', 'delivered', 'read']);
  });

  it('the loop of docs/testing.md: a CRM app developed with mock, listen --forward-to, trigger and contacts', async () => {
    // The guide's commands, on free ports in place of 8080, 8787 and 3000.
    const { createServer } = await import('node:net');
    const free = async () => {
      const server = createServer();
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as { port: number };
      await new Promise((resolve) => server.close(resolve));
      return String(port);
    };
    const [mockPort, listenPort, appPort] = [await free(), await free(), await free()];
    const token = 'my-local-webhook-token';
    const url = `http://127.0.0.1:${mockPort}`;
    const env = { WAZZUP_API_KEY: 'demo-api-key', WAZZUP_BASE_URL: url };
    const fake = start([
      'mock',
      '--port',
      mockPort,
      '--webhooks',
      `http://127.0.0.1:${listenPort}/?token=${token}`,
    ]);
    running.push(fake);
    await fake.line(/fake Wazzup API/);
    const app = start([], { ...env, WAZZUP_WEBHOOK_TOKEN: token, PORT: appPort }, CRM_APP);
    running.push(app);
    await app.line(/^the CRM app at /);
    const listener = start([
      'listen',
      '--port',
      listenPort,
      '--token',
      token,
      '--forward-to',
      `http://127.0.0.1:${appPort}/wazzup`,
    ]);
    running.push(listener);
    await listener.line(/listening at/);

    // A contact writes in: the app answers in the chat, and the reply's statuses come back to it.
    const incoming = await wazzup(
      ['trigger', 'message', '--chat-id', '79011112233', '--text', 'Where is my order?'],
      env,
    );
    expect(incoming.code).toBe(0);
    await listener.line(/message in +whatsapp 79011112233: Where is my order\?/);
    await listener.line(/your app answered 200/);
    await app.line(/^status \S+ read$/);

    // Wazzup asks the CRM for a contact: the app's entity is the answer.
    const created = await wazzup(
      [
        'trigger',
        'create-contact',
        '--data',
        '{"responsibleUserId":"u1","name":"Ann","contactData":[{"chatType":"whatsapp","chatId":"79011112233"}],"source":"auto"}',
      ],
      env,
    );
    expect(created.code).toBe(0);
    expect(created.stdout).toContain('crm-79011112233');

    // Syncing contacts with the entity commands.
    const { mkdtemp, writeFile } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const file = join(await mkdtemp(join(tmpdir(), 'wazzup-contacts-')), 'contacts.json');
    await writeFile(
      file,
      '[{"id":"c-1","responsibleUserId":"u1","name":"Boris","contactData":[{"chatType":"telegram","chatId":"1234567"}]}]',
    );
    expect((await wazzup(['contacts', 'upsert', '--file', file], env)).code).toBe(0);
    const listed = await wazzup(['contacts', 'list', '--json'], env);
    const ids = (JSON.parse(listed.stdout) as { id: string }[]).map((contact) => contact.id);
    expect(ids).toEqual(expect.arrayContaining(['c-1', 'crm-79011112233']));
  });

  it('mock takes the fake account from flags: keys, channels and the rate limit', async () => {
    const fake = start([
      'mock',
      '--json',
      '--api-key',
      'sk-one-1111111111111111,sk-two-2222222222222222',
      '--channel',
      'c-1:telegram,c-2:whatsapp:disabled',
      '--rate-limit',
      '2/60000',
    ]);
    running.push(fake);
    const { url, apiKeys, channels } = JSON.parse(await fake.line(/"url"/)) as {
      url: string;
      apiKeys: string[];
      channels: { id: string; state: string }[];
    };
    expect(apiKeys).toEqual(['sk-one-1111111111111111', 'sk-two-2222222222222222']);
    expect(channels.map((channel) => `${channel.id}:${channel.state}`)).toEqual([
      'c-1:active',
      'c-2:disabled',
    ]);
    const env = { WAZZUP_API_KEY: 'sk-two-2222222222222222', WAZZUP_BASE_URL: url };
    const listed = await wazzup(['channels', '--json'], env);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain('c-2');
    expect((await wazzup(['channels'], { ...env, WAZZUP_API_KEY: KEY })).code).toBe(1);
    // Two requests a minute: the second is answered, the third is the service's 429.
    const statuses = [];
    for (let i = 0; i < 2; i++) {
      const answer = await fetch(`${url}/v3/channels`, {
        headers: { authorization: 'Bearer sk-two-2222222222222222' },
      });
      statuses.push(answer.status);
    }
    expect(statuses).toEqual([200, 429]);

    const open = start(['mock', '--json', '--no-rate-limit']);
    running.push(open);
    const free = (JSON.parse(await open.line(/"url"/)) as { url: string }).url;
    for (let i = 0; i < 600; i++) {
      const answer = await fetch(`${free}/v3/channels`, {
        headers: { authorization: 'Bearer demo-api-key' },
      });
      expect(answer.status).toBe(200);
    }

    for (const [flag, value, rule] of [
      ['--channel', 'c-1:fax', 'TRANSPORT one of'],
      ['--channel', 'c-1:telegram:sleepy', 'STATE one of'],
      ['--rate-limit', '500', 'expected N/MS'],
      ['--api-key', ',', 'at least one item'],
    ] as const) {
      const refused = await wazzup(['mock', flag, value]);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain(rule);
    }
  });

  it('trigger: a receiver gets a message, a status, a createContact and a channel change from wazzup mock', async () => {
    const { listener, url, apiKey } = await listenToMock();
    const env = { WAZZUP_API_KEY: apiKey, WAZZUP_BASE_URL: url };
    const incoming = await wazzup(
      ['trigger', 'message', '--chat-id', '79011112233', '--text', 'Hi from a contact', '--json'],
      env,
    );
    expect(incoming.code).toBe(0);
    const { messageId } = JSON.parse(incoming.stdout) as { messageId: string };
    await listener.line(new RegExp(`"messageId":"${messageId}".*"text":"Hi from a contact"`));
    const status = await wazzup(
      ['trigger', 'status', '--message-id', 'm-42', '--status', 'read'],
      env,
    );
    expect(status.stdout).toContain('delivered status read of m-42 (your app answered 200)');
    await listener.line(/"messageId":"m-42".*"status":"read"/);
    const contact = await wazzup(['trigger', 'create-contact', '--data', CREATE_CONTACT], env);
    expect(contact.code).toBe(0);
    await listener.line(/"type":"createContact"/);
    await wazzup(
      ['trigger', 'channel', '--channel-id', DEMO_CHANNEL_IDS.telegram, '--state', 'disabled'],
      env,
    );
    await listener.line(
      new RegExp(`"channelId":"${DEMO_CHANNEL_IDS.telegram}".*"state":"disabled"`),
    );
    // Bad usage is refused before anything is sent; the real API has no such routes.
    const bad = await wazzup(['trigger', 'create-deal', '--data', '[1]'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--data must be a JSON object');
    const missing = await wazzup(['trigger', 'message', '--chat-id', '1'], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('text');
  });

  it('listen --forward-to hands each delivery unchanged to the app and answers with its answer', async () => {
    const { createServer } = await import('node:http');
    const got: { url: string; body: Record<string, unknown> }[] = [];
    const app = createServer((request, response) => {
      let text = '';
      request.on('data', (chunk: Buffer) => {
        text += chunk.toString();
      });
      request.on('end', () => {
        const body = JSON.parse(text) as Record<string, unknown>;
        got.push({ url: request.url ?? '', body });
        response.setHeader('content-type', 'application/json');
        response.end(
          JSON.stringify(body.createContact ? { id: 'crm-9', name: 'Ann', contactData: [] } : {}),
        );
      });
    });
    await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
    try {
      const appUrl = `http://127.0.0.1:${(app.address() as { port: number }).port}/wazzup`;
      const token = 'tok_forward_9f8e7d6c5b4a';
      const listener = start(['listen', '--port', '0', '--token', token, '--forward-to', appUrl]);
      running.push(listener);
      const address = (await listener.line(/listening at/)).replace(/^listening at (\S+).*$/, '$1');
      const shown = address.replace('****', token);
      const fake = start(['mock', '--port', '0', '--webhooks', shown, '--json']);
      running.push(fake);
      const { url, apiKey } = JSON.parse(await fake.line(/"url"/)) as {
        url: string;
        apiKey: string;
      };
      const env = { WAZZUP_API_KEY: apiKey, WAZZUP_BASE_URL: url };
      await wazzup(['trigger', 'message', '--chat-id', '79011112233', '--text', 'to the app'], env);
      await listener.line(/message in +whatsapp 79011112233: to the app/);
      await listener.line(/your app answered 200/);
      const contact = await wazzup(['trigger', 'create-contact', '--data', CREATE_CONTACT], env);
      expect(contact.stdout).toContain(
        'your app answered {"id":"crm-9","name":"Ann","contactData":[]}',
      );
      expect(got.map((each) => each.url)).toEqual([
        `/wazzup?token=${token}`,
        `/wazzup?token=${token}`,
      ]);
      expect(got[0]?.body).toMatchObject({ messages: [{ text: 'to the app' }] });
      // A delivery without the token is refused by listen and never reaches the app.
      const stranger = await fetch(
        address.replace(/\?token=.*$/, '?token=wrong-token-0123456789'),
        {
          method: 'POST',
          body: '{"messages":[]}',
        },
      );
      expect(stranger.status).toBe(401);
      expect(got).toHaveLength(2);
      const bad = await wazzup(['listen', '--port', '0', '--forward-to', 'ftp://x']);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('--forward-to must be an http(s) address');
    } finally {
      app.close();
    }
  });

  it('contacts, users and deals: upsert from a file, list to the end, get, delete; templates; unanswered', async () => {
    const { mkdtemp, writeFile } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const dir = await mkdtemp(`${tmpdir()}/wazzup-cli-`);
    const users = `${dir}/users.json`;
    await writeFile(users, JSON.stringify([{ id: 'u-1', name: 'Anna' }]));
    expect((await wazzup(['users', 'upsert', '--file', users])).stdout).toContain(
      'upserted 1 users',
    );
    // 120 contacts: more than one page, and `list` walks them all.
    const contacts = `${dir}/contacts.json`;
    const many = Array.from({ length: 120 }, (_, i) => ({
      id: `c-${i}`,
      responsibleUserId: 'u-1',
      name: `Client ${i}`,
      contactData: [{ chatType: 'whatsapp', chatId: `7901111${String(i).padStart(4, '0')}` }],
    }));
    await writeFile(contacts, JSON.stringify(many));
    expect((await wazzup(['contacts', 'upsert', '--file', contacts])).code).toBe(0);
    const listed = JSON.parse((await wazzup(['contacts', 'list', '--json'])).stdout) as {
      id: string;
    }[];
    expect(listed.map((contact) => contact.id).sort()).toEqual(many.map((each) => each.id).sort());
    const one = JSON.parse((await wazzup(['contacts', 'get', 'c-7', '--json'])).stdout) as {
      name: string;
    };
    expect(one.name).toBe('Client 7');
    expect((await wazzup(['contacts', 'delete', 'c-7'])).stdout).toContain('deleted contact c-7');
    expect((await wazzup(['contacts', 'get', 'c-7'])).code).toBe(1);
    // A bad item is refused by core before anything is sent, naming its index and field.
    await writeFile(contacts, JSON.stringify([{ id: 'c-x', name: 'No owner', contactData: [] }]));
    const bad = await wazzup(['contacts', 'upsert', '--file', contacts]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('responsibleUserId');
    expect((await wazzup(['deals', 'upsert', '--file', `${dir}/missing.json`])).code).toBe(2);
    expect((await wazzup(['templates', 'list', '--json'])).code).toBe(0);
    const counter = JSON.parse((await wazzup(['unanswered', 'u-1', '--json'])).stdout) as object;
    expect(counter).toHaveProperty('counterV2');
  });

  it('listen prints one readable line per event', async () => {
    const listener = start([
      'listen',
      '--port',
      '0',
      '--token',
      'a-token-for-the-listen-test',
      '--show-token',
    ]);
    running.push(listener);
    const address = (await listener.line(/^listening at /)).replace('listening at ', '');
    await fetch(address, {
      method: 'POST',
      body: JSON.stringify({
        messages: [
          {
            messageId: 'm1',
            channelId: 'c1',
            chatType: 'telegram',
            chatId: 'chat-1',
            dateTime: '2026-12-01T08:00:00Z',
            type: 'text',
            status: 'inbound',
            text: 'Hi there',
            isEcho: false,
            contact: { username: 'ivan' },
          },
        ],
      }),
    });
    expect(await listener.line(/^message/)).toBe('message in   telegram chat-1 @ivan: Hi there');
  });

  it('refuses a misspelt flag in every command, exit 2, and nothing is sent', async () => {
    const typo = await wazzup([...SEND, '--crm-mesage-id', 'cli-9']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('unknown flag --crm-mesage-id (did you mean --crm-message-id?)');
    expect(served.mock.requests).toHaveLength(0);
    for (const args of [
      ['channels', '--jsn'],
      ['webhooks', '--show-tokens'],
      ['webhooks', 'set', 'http://x.y/', '--mesages'],
      ['listen', '--prot', '0'],
      ['mock', '--webhook', 'http://x.y/'],
    ]) {
      const run = await wazzup(args);
      expect({ args, code: run.code }).toEqual({ args, code: 2 });
      expect(run.stderr).toMatch(/unknown flag/);
    }
    // A value that starts with a dash is a value, not a flag.
    expect((await wazzup([...SEND.slice(0, 7), '--text', '-5 degrees'])).code).toBe(0);
  });

  it('webhooks --json prints one JSON document wherever the flag stands, the token masked', async () => {
    const receiver = start(['listen', '--port', '0', '--json', '--show-token']);
    running.push(receiver);
    const { address } = JSON.parse(await receiver.line(/"type":"listening"/)) as {
      address: string;
    };
    const set = await wazzup(['webhooks', '--json', 'set', address, '--messages']);
    expect(set.code).toBe(0);
    expect(JSON.parse(set.stdout)).toEqual({ ok: true });
    const shown = await wazzup(['webhooks', '--json']);
    const settings = JSON.parse(shown.stdout) as { uri: string };
    expect(settings.uri).toContain('token=****');
    expect(shown.stdout).not.toContain(new URL(address).searchParams.get('token'));
    const full = JSON.parse((await wazzup(['webhooks', '--json', '--show-token'])).stdout);
    expect(full.uri).toBe(address);
    expect((await wazzup(['webhooks'])).stdout).toMatch(/^address:\s+http:\S+token=\*\*\*\*$/m);
  });

  it('listen exits within two seconds of SIGTERM while a client holds a half-sent request', async () => {
    const listener = start(['listen', '--port', '0', '--show-token']);
    running.push(listener);
    const address = new URL((await listener.line(/^listening at /)).replace('listening at ', ''));
    const socket = (await import('node:net')).connect(Number(address.port), '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(
      `POST ${address.pathname}${address.search} HTTP/1.1\r\nhost: x\r\ncontent-length: 1000\r\n\r\n{"mess`,
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    const exited = new Promise<number | null>((resolve) => listener.child.once('exit', resolve));
    listener.child.kill('SIGTERM');
    const bound = new Promise<'stuck'>((resolve) => setTimeout(() => resolve('stuck'), 5000));
    expect(await Promise.race([exited, bound])).not.toBe('stuck');
    expect(Date.now() - started).toBeLessThan(2000);
    socket.destroy();
  });

  it('listen prints a contact’s text safely: no escape sequence or forged line reaches the terminal', async () => {
    const listener = start([
      'listen',
      '--port',
      '0',
      '--token',
      'a-token-for-the-listen-test',
      '--show-token',
    ]);
    running.push(listener);
    const address = (await listener.line(/^listening at /)).replace('listening at ', '');
    const hostile = 'Hi\u001b[2J\u001b]0;pwned\u0007\nstatus  m9 read\u009b31m\u202eevil';
    await fetch(address, {
      method: 'POST',
      body: JSON.stringify({
        messages: [
          {
            messageId: 'm1',
            channelId: 'c1',
            chatType: 'telegram',
            chatId: 'chat-1',
            dateTime: '2026-12-01T08:00:00Z',
            type: 'text',
            status: 'inbound',
            text: hostile,
            isEcho: false,
          },
        ],
      }),
    });
    const line = await listener.line(/^message/);
    expect(line).toBe(
      'message in   telegram chat-1: Hi\\u001b[2J\\u001b]0;pwned\\u0007\\nstatus  m9 read\\u009b31m\\u202eevil',
    );
    for (const char of ['\u001b', '\u0007', '\u009b', '\u202e']) {
      expect(listener.text).not.toContain(char);
    }
    expect(listener.text.split('\n').filter((each) => each.startsWith('status'))).toEqual([]);
  });

  it('checks every argument before it starts, and says the rule', async () => {
    const mock = await wazzup(['mock', '--port', '0', '--webhooks', 'not a url']);
    expect(mock.code).toBe(2);
    expect(mock.stderr).toContain('--webhooks must be an http(s) address');
    expect(mock.stdout).not.toContain('fake Wazzup API');
    const blank = await wazzup(['channels'], { WAZZUP_API_KEY: '   ' });
    expect(blank.code).toBe(2);
    expect(blank.stderr).toContain('a blank one is as missing as none');
    const short = await wazzup(['listen', '--port', '0', '--token', 'short']);
    expect(short.code).toBe(2);
    expect(short.stderr).toContain('--token must be at least 16 characters');
    // A key a header cannot carry is refused as core refuses it, never sent, never printed.
    const broken = await wazzup(['channels'], { WAZZUP_API_KEY: 'sk live key' });
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain('printable ASCII');
    expect(broken.stderr).not.toContain('sk live key');
    expect(served.mock.requests).toEqual([]);
  });

  it('depends on what is not ours (citty) by caret ranges, so a project keeps one copy', async () => {
    const { readFile } = await import('node:fs/promises');
    const manifest = JSON.parse(
      await readFile(fileURLToPath(new URL('../package.json', import.meta.url)), 'utf8'),
    ) as { dependencies: Record<string, string> };
    for (const [name, range] of Object.entries(manifest.dependencies)) {
      if (!name.startsWith('@wazzup-sdk/')) expect(range, name).toMatch(/^\^\d/);
    }
  });
});
