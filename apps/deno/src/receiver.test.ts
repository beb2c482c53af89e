// Run by `deno test`: the fake API, served with Deno.serve, delivers real HTTP webhooks to the Deno
// example's receiver, case by case.
import { createWebhookSecret } from '@wazzup-sdk/core/webhooks';
import { createWazzup } from '@wazzup-sdk/deno';
import {
  APP_HANDLER_TIMEOUT_MS,
  localContext,
  WEBHOOK_CASES,
  WEBHOOK_MOCK_OPTIONS,
} from '@wazzup-sdk/example-report/webhook-cases';
import { createWazzupMock, DEMO_API_KEY } from '@wazzup-sdk/mock';
import { serveAutoReply } from './receiver.ts';

for (const { name, run } of WEBHOOK_CASES) {
  Deno.test({
    name,
    // Each delivery's fetch carries the service's 30 s AbortSignal.timeout; its timer outlives the
    // case by design, so the timer sanitizer would count it as a leak.
    sanitizeOps: false,
    async fn() {
      const mock = createWazzupMock(WEBHOOK_MOCK_OPTIONS);
      const api = Deno.serve({ hostname: '127.0.0.1', port: 0, onListen() {} }, mock.handler);
      const wazzup = createWazzup({
        apiKey: DEMO_API_KEY,
        baseUrl: `http://127.0.0.1:${api.addr.port}`,
      });
      const token = createWebhookSecret();
      const receiver = serveAutoReply(wazzup, { token, handlerTimeoutMs: APP_HANDLER_TIMEOUT_MS });
      try {
        await run(localContext(mock, wazzup, token, receiver));
      } finally {
        await mock.webhooksIdle();
        await receiver.close();
        await api.shutdown();
      }
    },
  });
}
