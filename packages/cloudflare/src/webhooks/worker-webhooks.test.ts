import { describe, expect, it } from 'vitest';
import { createWorkerWebhookHandler } from './worker-webhooks';

// In Node: what the Worker handler decides before workerd is involved.

const ctx = { waitUntil: () => {} };
const probe = (env: Record<string, string>, headers: Record<string, string> = {}, query = '') =>
  createWorkerWebhookHandler({})(
    new Request(`https://crm.example.com/wazzup${query}`, {
      method: 'POST',
      headers,
      body: '{"test":true}',
    }),
    env,
    ctx,
  );

describe('createWorkerWebhookHandler', () => {
  it('refuses bad options when it is made, not at every delivery', () => {
    expect(() => createWorkerWebhookHandler({ maxBodyBytes: -5 })).toThrow(
      expect.objectContaining({ name: 'WazzupConfigError', variable: 'maxBodyBytes' }),
    );
    expect(() => createWorkerWebhookHandler({ handlerTimeoutMs: 0 })).toThrow(
      expect.objectContaining({ variable: 'handlerTimeoutMs' }),
    );
  });

  it('takes a crmKey alone, from WAZZUP_CRM_KEY, without a webhook token', async () => {
    const env = { WAZZUP_CRM_KEY: 'crm-key-0123456789' };
    expect((await probe(env, { authorization: 'Bearer crm-key-0123456789' })).status).toBe(200);
    expect((await probe(env, { authorization: 'Bearer guess-guess-guess' })).status).toBe(401);
    expect((await probe({})).status).toBe(500);
    expect((await probe({ WAZZUP_WEBHOOK_TOKEN: 'short' }, {}, '?token=short')).status).toBe(500);
  });
});
