// The Node example's webhook receiver: the auto-reply's handlers in core's createWebhookHandler,
// mounted in an Express app through core's one Node adapter, toNodeHandler. The receiver's route
// comes before the app's global express.json(), which would otherwise read the body first (and
// refuse a batch over its 100 KB default).
import type { AddressInfo } from 'node:net';
import { createWebhookHandler, toNodeHandler } from '@wazzup-sdk/core/webhooks';
import {
  createMemoryAutoReply,
  type Receiver,
  type ReplySender,
} from '@wazzup-sdk/example-report/auto-reply';
import express from 'express';

/** Serves the auto-reply from an Express app on a free loopback port. */
export async function serveAutoReply(
  wazzup: ReplySender,
  options: { token: string; handlerTimeoutMs?: number },
): Promise<Receiver> {
  const autoReply = createMemoryAutoReply(wazzup);
  const app = express();
  app.post('/wazzup', toNodeHandler(createWebhookHandler({ ...options, ...autoReply.handlers })));
  // The rest of the app, with its own JSON routes.
  app.use(express.json());
  app.get('/health', (_req, res) => {
    res.json({ ok: true });
  });
  const server = await new Promise<ReturnType<typeof app.listen>>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const { port } = server.address() as AddressInfo;
  return {
    address: `http://127.0.0.1:${port}/wazzup`,
    log: autoReply.log,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
