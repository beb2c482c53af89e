// The outbox from the installed @wazzup-sdk/cloudflare/outbox, bundled with esbuild and run in
// workerd with a real queue and Durable Object: enqueue one message, wait for the consumer.
import type { WazzupEnv } from '@wazzup-sdk/cloudflare';
import {
  createOutboxConsumer,
  enqueueMessage,
  type OutboxEnvelope,
  type QueueBatch,
  type QueueProducer,
} from '@wazzup-sdk/cloudflare/outbox';

export { WazzupOutbox } from '@wazzup-sdk/cloudflare/outbox';

interface Env extends WazzupEnv {
  WAZZUP_QUEUE: QueueProducer<OutboxEnvelope>;
  OUTCOMES: {
    get(key: string): Promise<string | null>;
    put(key: string, value: string): Promise<void>;
  };
}

const consume = createOutboxConsumer<Env>({
  onResult: (result, message, env) =>
    env.OUTCOMES.put(
      message.body.message.crmMessageId,
      result.status === 'sent' ? `sent ${result.messageId}` : 'sent (duplicate)',
    ),
});

export default {
  async fetch(_request: Request, env: Env): Promise<Response> {
    const { crmMessageId } = await enqueueMessage(env.WAZZUP_QUEUE, {
      channelId: '1b7e0ab2-0c1f-4a5e-9d3a-6f2c1e4b8a01',
      chatType: 'whatsapp',
      chatId: '79011112233',
      text: 'through the outbox',
    });
    for (let tries = 0; tries < 150; tries++) {
      const outcome = await env.OUTCOMES.get(crmMessageId);
      if (outcome) return new Response(outcome);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return new Response('still queued after 15 s', { status: 504 });
  },
  queue: (batch: QueueBatch, env: Env) => consume(batch, env),
};
