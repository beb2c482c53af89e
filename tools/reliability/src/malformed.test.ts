import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createWazzup, WazzupApiError, WazzupConnectionError, WazzupError } from '@wazzup-sdk/core';
import { describe, expect, it } from 'vitest';

const message = {
  channelId: 'e0629e11-0f67-4567-92a9-2237e91ec1b9',
  chatType: 'whatsapp',
  chatId: '79011112233',
  text: 'Hi',
} as const;

/** A real HTTP server on loopback that answers every request with `respond`. */
async function serve(respond: Parameters<typeof createServer>[1]) {
  const server = createServer(respond);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function sendTo(respond: Parameters<typeof createServer>[1]) {
  const server = await serve(respond);
  try {
    const wazzup = createWazzup({
      apiKey: 'k',
      baseUrl: server.url,
      maxRetries: 1,
      timeoutMs: 2000,
    });
    return await wazzup.messages.send(message).then(
      (result) => ({ result, error: undefined }),
      (error: unknown) => ({ result: undefined, error }),
    );
  } finally {
    await server.close();
  }
}

describe('malformed answers give typed errors, never a crash or a hang', () => {
  it.each([
    ['an HTML 201', 201, 'text/html', '<html><body>OK</body></html>', 'INVALID_RESPONSE'],
    ['an empty 201', 201, 'application/json', '', 'INVALID_RESPONSE'],
    [
      'a 201 without messageId',
      201,
      'application/json',
      '{"chatId":"79011112233"}',
      'INVALID_RESPONSE',
    ],
    [
      'a 201 of truncated JSON',
      201,
      'application/json',
      '{"messageId":"m-1","chat',
      'INVALID_RESPONSE',
    ],
    ['a 201 as an image', 201, 'image/png', '\x89PNG\r\n\x1a\n', 'INVALID_RESPONSE'],
    ['a 400 of truncated JSON', 400, 'application/json', '{"error":"CHANNEL_NOT', 'HTTP_ERROR'],
    [
      'a 400 with JSON as text/plain',
      400,
      'text/plain',
      '{"error":"CHANNEL_BLOCKED"}',
      'CHANNEL_BLOCKED',
    ],
    ['a 502 HTML page', 502, 'text/html', '<h1>502 Bad Gateway</h1>', 'SERVER_ERROR'],
  ])('%s', async (_, status, contentType, body, code) => {
    const { error } = await sendTo((_, res) => {
      res.writeHead(status, { 'content-type': contentType });
      res.end(body);
    });
    expect(error).toBeInstanceOf(WazzupApiError);
    expect((error as WazzupApiError).code).toBe(code);
  });

  it('a huge error body (8 MB) is summarised, not echoed', async () => {
    const { error } = await sendTo((_, res) => {
      res.writeHead(500, { 'content-type': 'text/html' });
      res.end(`<p>${'x'.repeat(8 * 1024 * 1024)}</p>`);
    });
    expect((error as WazzupApiError).code).toBe('SERVER_ERROR');
    expect((error as Error).message.length).toBeLessThan(400);
  });

  it('a body cut off mid-stream is a connection error', async () => {
    const { error } = await sendTo((_, res) => {
      res.writeHead(201, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('{"messageId":');
      setTimeout(() => res.socket?.destroy(), 10);
    });
    expect(error).toBeInstanceOf(WazzupConnectionError);
  });

  it('a server that never answers ends in a timeout, not a hang', async () => {
    const server = await serve(() => {});
    try {
      const wazzup = createWazzup({
        apiKey: 'k',
        baseUrl: server.url,
        maxRetries: 0,
        timeoutMs: 200,
      });
      const error = await wazzup.messages.send(message).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(WazzupError);
      expect((error as WazzupError).name).toBe('WazzupTimeoutError');
    } finally {
      await server.close();
    }
  });
});
