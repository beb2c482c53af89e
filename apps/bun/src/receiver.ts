// The Bun example's webhook receiver: the auto-reply's handlers in core's createWebhookHandler,
// served with Bun.serve, which takes the handler's `(request) => Response` as it is.
import { createWebhookHandler } from '@wazzup-sdk/core/webhooks';
import {
  createMemoryAutoReply,
  type Receiver,
  type ReplySender,
} from '@wazzup-sdk/example-report/auto-reply';

/** Serves the auto-reply on a free loopback port. */
export function serveAutoReply(
  wazzup: ReplySender,
  options: { token: string; handlerTimeoutMs?: number },
): Receiver {
  const autoReply = createMemoryAutoReply(wazzup);
  const handle = createWebhookHandler({ ...options, ...autoReply.handlers });
  const server = Bun.serve({ hostname: '127.0.0.1', port: 0, fetch: handle });
  return {
    address: `http://127.0.0.1:${server.port}/wazzup`,
    log: autoReply.log,
    close: async () => server.stop(true),
  };
}
