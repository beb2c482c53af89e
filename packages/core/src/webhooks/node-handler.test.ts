import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { webhookMessage } from '../../test/fixtures';
import { createWebhookHandler } from './create-webhook-handler';
import { type NodeRequestLike, toNodeHandler } from './node-handler';

const TOKEN = 'tok_0a9b8c7d6e5f4a3b2c1d0e9f';
const delivery = { messages: [webhookMessage('m-1')] };

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** The handler behind node:http, and what its onMessage saw. */
async function serve(options: { maxBodyBytes?: number } = {}) {
  const seen: string[] = [];
  const handle = createWebhookHandler({
    token: TOKEN,
    onMessage: ({ message }) => {
      seen.push(`${message.messageId} ${message.text}`);
    },
    ...options,
  });
  const server = createServer(toNodeHandler(handle));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/wazzup`, seen };
}

describe('toNodeHandler', () => {
  it('hands node:http requests to the standard handler and writes its answer', async () => {
    const { url, seen } = await serve();
    const answer = await fetch(`${url}?token=${TOKEN}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', host: 'evil.example' },
      body: JSON.stringify(delivery),
    });
    expect(answer.status).toBe(200);
    expect(seen).toEqual(['m-1 Hi']);
    const refused = await fetch(`${url}?token=wrong-token-0000000000`, {
      method: 'POST',
      body: JSON.stringify(delivery),
    });
    expect(refused.status).toBe(401);
    expect((await fetch(`${url}?token=${TOKEN}`)).status).toBe(405);
    expect(seen).toEqual(['m-1 Hi']);
  });

  it('stops reading a body over the limit and answers 413', async () => {
    const { url, seen } = await serve({ maxBodyBytes: 1024 });
    // A body that never ends: the answer must come anyway, after about the limit was read.
    const status = await new Promise<number>((resolve, reject) => {
      const endless = httpRequest(`${url}?token=${TOKEN}`, { method: 'POST' }, (answer) => {
        resolve(answer.statusCode ?? 0);
        endless.destroy();
      });
      endless.on('error', (error) => {
        if (!endless.destroyed) reject(error);
      });
      const chunk = Buffer.alloc(512, 'a');
      let sent = 0;
      const write = () => {
        while (sent < 4096 && endless.write(chunk)) sent++;
        if (sent < 4096) endless.once('drain', write);
      };
      write();
    });
    expect(status).toBe(413);
    expect(seen).toEqual([]);
    // Over a kept-alive connection (fetch's pool): the unread rest of a refused body must not hold
    // up the delivery after it.
    const big = JSON.stringify({ padding: 'x'.repeat(200_000) });
    for (let i = 0; i < 3; i++) {
      const refused = await fetch(`${url}?token=${TOKEN}`, { method: 'POST', body: big });
      expect(refused.status).toBe(413);
      expect(refused.headers.get('connection')).toBe('close');
      const answered = await fetch(`${url}?token=${TOKEN}`, {
        method: 'POST',
        body: JSON.stringify(delivery),
        signal: AbortSignal.timeout(5000),
      });
      expect(answered.status).toBe(200);
    }
    expect(seen).toEqual(['m-1 Hi']);
  });

  it('reads what a body parser that ran first made of the body (express.json, raw, text)', async () => {
    const seen: string[] = [];
    const listener = toNodeHandler(
      createWebhookHandler({
        token: TOKEN,
        onMessage: ({ message }) => {
          seen.push(message.text ?? '');
        },
      }),
    );
    const written: { status?: number; body?: string } = {};
    const res = {
      statusCode: 0,
      setHeader: () => undefined,
      end(body?: Uint8Array | string) {
        written.status = this.statusCode;
        written.body = typeof body === 'string' ? body : new TextDecoder().decode(body);
      },
    };
    const consumed = async function* () {
      // A parser read the stream: reading it again would hang.
      yield* [];
      throw new Error('the stream was read twice');
    };
    // Each its own message: the handler runs a repeated messageId once.
    const numbered = (n: number) => ({ messages: [webhookMessage(`m-${n}`, { text: `${n}` })] });
    const bodies = [
      numbered(1),
      Buffer.from(JSON.stringify(numbered(2))),
      JSON.stringify(numbered(3)),
    ];
    for (const body of bodies) {
      const req: NodeRequestLike = {
        method: 'POST',
        url: '/?token=wrong',
        // Express strips a router's mount point from url; originalUrl keeps the token.
        originalUrl: `/hooks/wazzup?token=${TOKEN}`,
        headers: { 'content-type': 'application/json' },
        body,
        readableEnded: true,
        [Symbol.asyncIterator]: consumed,
      };
      await listener(req, res);
      expect(written.status).toBe(200);
    }
    expect(seen).toEqual(['1', '2', '3']);
  });

  it('answers 500 when the handler it adapts throws', async () => {
    const server = createServer(
      toNodeHandler(async () => {
        throw new Error('sk-secret-in-a-message');
      }),
    );
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const answer = await fetch(`http://127.0.0.1:${port}/`, { method: 'POST', body: '{}' });
    expect(answer.status).toBe(500);
    expect(await answer.text()).not.toContain('sk-secret');
  });
});
