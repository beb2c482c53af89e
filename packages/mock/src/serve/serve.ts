import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createWazzupMock, type WazzupMock, type WazzupMockOptions } from '../create-wazzup-mock';
import { isConnectionReset } from '../faults/faults';

/** Options of {@link serveWazzupMock}. */
export interface ServeOptions extends WazzupMockOptions {
  /** Port to listen on; default 0, a free one. */
  port?: number;
  /** Address to bind; default 127.0.0.1 (never a public interface by default). */
  hostname?: string;
  /** Serve this mock instead of making a new one from the options. */
  mock?: WazzupMock;
  /** Largest body accepted, in bytes; default 1 MiB (bigger gets 413). */
  maxBodyBytes?: number;
  /**
   * Answer CORS preflights and allow any origin, so a page under test can call the mock directly.
   * The real API sends no CORS headers; this is for tests only. Default off.
   */
  cors?: boolean;
}

const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, PATCH, DELETE, OPTIONS',
  'access-control-allow-headers': 'authorization, content-type, accept',
};

/** A mock served over HTTP. */
export interface ServedWazzupMock {
  /** Base URL, e.g. `http://127.0.0.1:43125`: pass it as the client's `baseUrl`. */
  url: string;
  port: number;
  mock: WazzupMock;
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

async function respond(res: ServerResponse, response: Response, cors: boolean): Promise<void> {
  res.statusCode = response.status;
  if (cors) for (const [key, value] of Object.entries(CORS_HEADERS)) res.setHeader(key, value);
  response.headers.forEach((value, key) => {
    res.setHeader(key, value);
  });
  res.end(Buffer.from(await response.arrayBuffer()));
}

/**
 * Serves a Wazzup mock over HTTP on loopback. Connection faults really drop the socket, so a
 * client sees what it would see from a failing network.
 */
export async function serveWazzupMock(options: ServeOptions = {}): Promise<ServedWazzupMock> {
  const mock = options.mock ?? createWazzupMock(options);
  const hostname = options.hostname ?? '127.0.0.1';
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  const cors = options.cors ?? false;
  // An IPv6 address goes in brackets in a URL (`http://[::1]:8080`).
  const host = hostname.includes(':') ? `[${hostname}]` : hostname;
  const server = createServer(async (req, res) => {
    try {
      if (cors && req.method === 'OPTIONS') {
        await respond(res, new Response(null, { status: 204 }), cors);
        return;
      }
      const body = await readBody(req, maxBodyBytes);
      if (body === undefined) {
        // The rest of the body is still on the socket and would be read as the next request:
        // close the connection after answering, so a kept-alive client opens a fresh one.
        res.shouldKeepAlive = false;
        res.setHeader('connection', 'close');
        await respond(
          res,
          Response.json(
            { error: 'VALIDATION_ERROR', description: 'Body too large' },
            { status: 413 },
          ),
          cors,
        );
        return;
      }
      const headers = new Headers();
      for (const [key, value] of Object.entries(req.headers)) {
        if (typeof value === 'string') headers.set(key, value);
      }
      const method = req.method ?? 'GET';
      const request = new Request(`http://${host}${req.url ?? '/'}`, {
        method,
        headers,
        ...(method !== 'GET' && method !== 'HEAD' && { body: new Uint8Array(body) }),
      });
      await respond(res, await mock.handler(request), cors);
    } catch (error) {
      if (isConnectionReset(error)) {
        req.socket.destroy();
        return;
      }
      // A fault of the mock itself: answered with a body that says so, not an empty 500.
      res.statusCode = 500;
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          error: 'MOCK_FAILED',
          description: `The fake API failed: ${error instanceof Error ? error.message : String(error)}`,
        }),
      );
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, hostname, resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    port,
    mock,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
