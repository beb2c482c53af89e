// The outbox from the installed @wazzup-sdk/cloudflare/outbox, bundled with esbuild and run in
// workerd with a real queue and Durable Object: enqueue one message, wait for the consumer.
import type { WazzupEnv } from '@wazzup-sdk/cloudflare';
import { createQueueOutbox, type QueueBatch } from '@wazzup-sdk/cloudflare/outbox';

export { WazzupOutbox } from '@wazzup-sdk/cloudflare/outbox';

export default {
  async fetch(_request: Request, env: WazzupEnv): Promise<Response> {
    const outbox = createQueueOutbox(env);
    const { crmMessageId } = await outbox.enqueue({
      channelId: '1b7e0ab2-0c1f-4a5e-9d3a-6f2c1e4b8a01',
      chatType: 'whatsapp',
      chatId: '79011112233',
      text: 'through the outbox',
    });
    for (let tries = 0; tries < 150; tries++) {
      const status = await outbox.status(crmMessageId);
      if (status?.state === 'sent') return new Response(`sent ${status.messageId}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return new Response('still queued after 15 s', { status: 504 });
  },
  queue: (batch: QueueBatch, env: WazzupEnv) => createQueueOutbox(env).consume(batch),
};
