import { Agent, request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_API_KEY, DEMO_CHANNEL_IDS, DEMO_CHANNELS } from '../fixtures';
import { type ServedWazzupMock, serveWazzupMock } from './serve';

const body = {
  channelId: DEMO_CHANNEL_IDS.whatsapp,
  chatType: 'whatsapp',
  chatId: '79011112233',
  text: 'Hi',
};
const served: ServedWazzupMock[] = [];
afterEach(async () => {
  await Promise.all(served.splice(0).map((server) => server.close()));
});

async function serve(options: Parameters<typeof serveWazzupMock>[0] = {}) {
  const server = await serveWazzupMock({
    apiKeys: [DEMO_API_KEY],
    channels: DEMO_CHANNELS,
    ...options,
  });
  served.push(server);
  return server;
}

const post = (url: string, payload: unknown) =>
  fetch(`${url}/v3/message`, {
    method: 'POST',
    headers: { authorization: `Bearer ${DEMO_API_KEY}`, 'content-type': 'application/json' },
    body: typeof payload === 'string' ? payload : JSON.stringify(payload),
  });

describe('serveWazzupMock', () => {
  it('answers a malformed percent-escape with a 400 and a body, before authentication', async () => {
    const server = await serve();
    const response = await fetch(`${server.url}/v3/users/%E0%A4%A`);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'VALIDATION_ERROR' });
    const inMemory = await server.mock.fetch('http://mock/v3/users/%E0%A4%A');
    expect(inMemory.status).toBe(400);
  });

  it('serves on an IPv6 loopback with a URL a client can use', async () => {
    const server = await serve({ hostname: '::1' });
    expect(server.url).toMatch(/^http:\/\/\[::1\]:\d+$/);
    expect((await post(server.url, body)).status).toBe(201);
  });

  it('serves the mock over HTTP on a free loopback port', async () => {
    const server = await serve();
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await post(server.url, body);
    expect(response.status).toBe(201);
    expect(server.mock.messages).toHaveLength(1);
  });

  it('drops the connection on a reset fault, so fetch fails as on a broken network', async () => {
    const server = await serve({ faults: [{ kind: 'reset' }, { kind: 'lose-answer' }] });
    await expect(post(server.url, body)).rejects.toThrow('fetch failed');
    await expect(post(server.url, body)).rejects.toThrow('fetch failed');
    expect(server.mock.messages).toHaveLength(1);
  });

  it('answers a body that is not JSON with INVALID_MESSAGE_DATA and an oversized one with 413', async () => {
    const server = await serve({ maxBodyBytes: 1000 });
    const bad = await post(server.url, '{"channelId":');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: 'INVALID_MESSAGE_DATA' });
    expect((await post(server.url, { ...body, text: 'x'.repeat(2000) })).status).toBe(413);
  });

  it('after a 413, the next request of a kept-alive client is answered, not reset', async () => {
    const server = await serve({ maxBodyBytes: 1000 });
    // One socket at most, kept alive: the second request goes wherever the first one's went.
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const send = (payload: string) =>
      new Promise<number>((resolve, reject) => {
        const req = request(`${server.url}/v3/message`, {
          method: 'POST',
          agent,
          headers: { authorization: `Bearer ${DEMO_API_KEY}`, 'content-type': 'application/json' },
        });
        req.on('response', (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        });
        req.on('error', reject);
        req.end(payload);
      });
    try {
      const huge = JSON.stringify({ ...body, text: 'x'.repeat(256 * 1024) });
      expect(await send(huge)).toBe(413);
      expect(await send(JSON.stringify(body))).toBe(201);
    } finally {
      agent.destroy();
    }
  });
});

describe('cors for pages under test', () => {
  it('is off by default, like the real API', async () => {
    const server = await serve();
    expect((await post(server.url, body)).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers preflights and allows any origin when on', async () => {
    const server = await serve({ cors: true });
    const preflight = await fetch(`${server.url}/v3/message`, { method: 'OPTIONS' });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toContain('authorization');
    expect((await post(server.url, body)).headers.get('access-control-allow-origin')).toBe('*');
  });
});

describe('serving a mock made elsewhere', () => {
  it('drops connections for a mock created from the main entry', async () => {
    const { createWazzupMock } = await import('../create-wazzup-mock');
    const mock = createWazzupMock({
      apiKeys: [DEMO_API_KEY],
      channels: DEMO_CHANNELS,
      faults: [{ kind: 'reset' }],
    });
    const server = await serve({ mock });
    await expect(post(server.url, body)).rejects.toThrow('fetch failed');
    expect((await post(server.url, body)).status).toBe(201);
  });
});
