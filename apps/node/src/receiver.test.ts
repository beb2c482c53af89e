import { createWazzup } from '@wazzup-sdk/core';
import { createWebhookSecret } from '@wazzup-sdk/core/webhooks';
import {
  APP_HANDLER_TIMEOUT_MS,
  localContext,
  WEBHOOK_CASES,
  WEBHOOK_MOCK_OPTIONS,
} from '@wazzup-sdk/example-report/webhook-cases';
import { DEMO_API_KEY } from '@wazzup-sdk/mock';
import { serveWazzupMock } from '@wazzup-sdk/mock/node';
import { describe, it } from 'vitest';
import { serveAutoReply } from './receiver';

// The served fake API delivers real HTTP webhooks to the Node example's Express receiver, case by
// case.
describe('the Node example (Express) receives webhooks from the served fake API', () => {
  for (const { name, run } of WEBHOOK_CASES) {
    it(name, async () => {
      const served = await serveWazzupMock(WEBHOOK_MOCK_OPTIONS);
      const wazzup = createWazzup({ apiKey: DEMO_API_KEY, baseUrl: served.url });
      const token = createWebhookSecret();
      const receiver = await serveAutoReply(wazzup, {
        token,
        handlerTimeoutMs: APP_HANDLER_TIMEOUT_MS,
      });
      try {
        await run(localContext(served.mock, wazzup, token, receiver));
      } finally {
        await served.mock.webhooksIdle();
        await receiver.close();
        await served.close();
      }
    });
  }
});
