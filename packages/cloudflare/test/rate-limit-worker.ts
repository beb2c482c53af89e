// The Worker the shared rate-limit tests run inside workerd: each request to /campaign makes its
// own client (as separate Workers and isolates would), or with ?kept=1 uses one kept across
// requests, all on the one WazzupRateLimit object; it sends ?count= messages as bulk and answers
// what it sent and what failed.

import { createWazzup, durableObjectRateLimit, type WazzupEnv } from '../src/index';
import type { DurableObjectNamespaceLike } from '../src/outbox/bindings';

export { WazzupRateLimit } from '../src/index';

interface Env extends WazzupEnv {
  WAZZUP_RATE_LIMIT: DurableObjectNamespaceLike;
  RATE_LIMIT: string;
  RATE_WINDOW_MS: string;
}

let kept: ReturnType<typeof createWazzup> | undefined;

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const url = new URL(request.url);
    const make = () =>
      createWazzup({
        env,
        rateLimit: {
          limit: Number(env.RATE_LIMIT),
          windowMs: Number(env.RATE_WINDOW_MS),
          store: durableObjectRateLimit(env.WAZZUP_RATE_LIMIT),
        },
      });
    kept ??= make();
    const wazzup = url.searchParams.get('kept') ? kept : make();
    const count = Number(url.searchParams.get('count'));
    const name = url.searchParams.get('name');
    const codes: Record<string, number> = {};
    let sent = 0;
    await Promise.all(
      Array.from({ length: count }, (_, i) =>
        wazzup.messages
          .send(
            {
              channelId: url.searchParams.get('channelId') as string,
              chatType: 'whatsapp',
              chatId: '79011112233',
              text: `${name} ${i}`,
            },
            { lane: 'bulk' },
          )
          .then(
            () => {
              sent++;
            },
            (error: { code?: string; name: string }) => {
              const code = error.code ?? error.name;
              codes[code] = (codes[code] ?? 0) + 1;
            },
          ),
      ),
    );
    return Response.json({ sent, codes });
  },
};
