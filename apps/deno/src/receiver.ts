// The Deno example's webhook receiver: the auto-reply's handlers in core's createWebhookHandler,
// served with Deno.serve, which takes the handler's `(request) => Response` as it is.
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
  const server = Deno.serve({ hostname: '127.0.0.1', port: 0, onListen() {} }, handle);
  return {
    address: `http://127.0.0.1:${server.addr.port}/wazzup`,
    log: autoReply.log,
    close: () => server.shutdown(),
  };
}
