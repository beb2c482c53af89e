import { createWazzup } from '@wazzup-sdk/core';
import {
  APP_HANDLER_TIMEOUT_MS,
  WEBHOOK_CASES,
  WEBHOOK_MOCK_OPTIONS,
} from '@wazzup-sdk/example-report/webhook-cases';
import { DEMO_API_KEY } from '@wazzup-sdk/mock';
import { describe, it } from 'vitest';
import { startWorkerApp } from '../src/start';

// The served fake API delivers real HTTP webhooks to the Worker example running in workerd, case
// by case; the Worker handles each delivery before it answers, as every other example does.
describe('the Worker example, in workerd, receives webhooks from the served fake API', () => {
  for (const { name, run } of WEBHOOK_CASES) {
    it(name, async () => {
      const env = { ...process.env };
      delete env.WAZZUP_API_KEY;
      const app = await startWorkerApp(env, WEBHOOK_MOCK_OPTIONS, {
        handlerTimeoutMs: APP_HANDLER_TIMEOUT_MS,
      });
      const served = app.mock;
      if (!served) throw new Error('the cases run against the fake API');
      try {
        await run({
          mock: served.mock,
          wazzup: createWazzup({ apiKey: DEMO_API_KEY, baseUrl: served.url }),
          token: app.token,
          address: `${app.url}/wazzup`,
          log: () => app.events(),
          background: false,
        });
      } finally {
        await served.mock.webhooksIdle();
        await app.close();
      }
    });
  }
});
