// Run by `bun test`: the fake API, served with Bun.serve, delivers real HTTP webhooks to the Deno
// example's receiver, case by case.
import { test } from 'bun:test';
import { createWazzup } from '@wazzup-sdk/bun';
import { createWebhookSecret } from '@wazzup-sdk/core/webhooks';
import {
  APP_HANDLER_TIMEOUT_MS,
  localContext,
  WEBHOOK_CASES,
  WEBHOOK_MOCK_OPTIONS,
} from '@wazzup-sdk/example-report/webhook-cases';
import { createWazzupMock, DEMO_API_KEY } from '@wazzup-sdk/mock';
import { serveAutoReply } from './receiver';

for (const { name, run } of WEBHOOK_CASES) {
  test(name, async () => {
    const mock = createWazzupMock(WEBHOOK_MOCK_OPTIONS);
    const api = Bun.serve({ hostname: '127.0.0.1', port: 0, fetch: mock.handler });
    const wazzup = createWazzup({ apiKey: DEMO_API_KEY, baseUrl: `http://127.0.0.1:${api.port}` });
    const token = createWebhookSecret();
    const receiver = serveAutoReply(wazzup, { token, handlerTimeoutMs: APP_HANDLER_TIMEOUT_MS });
    try {
      await run(localContext(mock, wazzup, token, receiver));
    } finally {
      await mock.webhooksIdle();
      await receiver.close();
      await api.stop(true);
    }
  });
}
