// The Worker the tests run inside workerd: the proxy at /send, a direct send at /direct, and one
// through a client kept across requests at /kept.
import type { Wazzup } from '@wazzup-sdk/core';
import { createProxyHandler, createWazzup, type WazzupEnv } from '../src/index';

interface Env extends WazzupEnv {
  APP_TOKEN: string;
}

const proxy = createProxyHandler<Env>({
  allowedOrigins: ['https://crm.example.com'],
  maxBodyBytes: 4096,
  authorize: (request, env) => request.headers.get('authorization') === `Bearer ${env.APP_TOKEN}`,
  client: { maxRetries: 1 },
});

// A client kept across requests, as a Worker that builds it once per isolate would.
let kept: Wazzup | undefined;

function keptClient(env: Env): Wazzup {
  kept ??= createWazzup({ env });
  return kept;
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const { pathname } = new URL(request.url);
    if (pathname === '/send') return proxy(request, env);
    if (pathname === '/direct' || pathname === '/kept') {
      try {
        const client = pathname === '/kept' ? keptClient(env) : createWazzup({ env });
        return Response.json(await client.messages.send(await request.json()));
      } catch (error) {
        return Response.json(
          { thrown: (error as Error).name, message: (error as Error).message },
          { status: 500 },
        );
      }
    }
    if (pathname === '/runtime') return new Response(navigator.userAgent);
    return new Response('not found', { status: 404 });
  },
};
