// The Node example's webhook receiver: the auto-reply's handlers in core's createWebhookHandler,
// served with node:http through @hono/node-server's Request/Response adapter (node:http has no
// `Request` of its own; the adapter is well kept and small, so there is no reason to write one).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { createWebhookHandler } from '@wazzup-sdk/core/webhooks';
import {
  createMemoryAutoReply,
  type Receiver,
  type ReplySender,
} from '@wazzup-sdk/example-report/auto-reply';

/** Serves the auto-reply on a free loopback port. */
export async function serveAutoReply(
  wazzup: ReplySender,
  options: { token: string; handlerTimeoutMs?: number },
): Promise<Receiver> {
  const autoReply = createMemoryAutoReply(wazzup);
  const handle = createWebhookHandler({ ...options, ...autoReply.handlers });
  const receiver = createServer(getRequestListener(handle));
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const { port } = receiver.address() as AddressInfo;
  return {
    address: `http://127.0.0.1:${port}/wazzup`,
    log: autoReply.log,
    close: () =>
      new Promise<void>((resolve) => {
        receiver.closeAllConnections();
        receiver.close(() => resolve());
      }),
  };
}
