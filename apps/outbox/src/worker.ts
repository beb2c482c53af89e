// A Worker that sends through the outbox: POST /messages validates and enqueues (202 with the
// crmMessageId), the queue consumer sends under the key's shared rate limit, and
// GET /messages/<crmMessageId> tells how each one ended. Bindings are in wrangler.json.
import {
  type SendMessageRequest,
  type WazzupEnv,
  WazzupValidationError,
} from '@wazzup-sdk/cloudflare';
import {
  createOutboxConsumer,
  type DeadLetter,
  enqueueMessage,
  type OutboxEnvelope,
  type QueueBatch,
  type QueueProducer,
} from '@wazzup-sdk/cloudflare/outbox';

// The Durable Object that holds the key's rate limit and the ledger must be exported by name.
export { WazzupOutbox } from '@wazzup-sdk/cloudflare/outbox';

interface Env extends WazzupEnv {
  WAZZUP_QUEUE: QueueProducer<OutboxEnvelope>;
  /** Where this app keeps each message's outcome for GET /messages/<id>. */
  OUTCOMES: {
    get(key: string): Promise<string | null>;
    put(key: string, value: string): Promise<void>;
  };
  /** Callers of POST /messages present it as a Bearer token. */
  APP_TOKEN: string;
}

const consume = createOutboxConsumer<Env>({
  // Keep the messageId: Wazzup's webhooks name the message by it.
  async onResult(result, message, env) {
    const id = message.body.message.crmMessageId;
    if (result.status === 'sent') {
      await env.OUTCOMES.put(id, JSON.stringify({ status: 'sent', messageId: result.messageId }));
    } else if (!(await env.OUTCOMES.get(id))?.includes('"sent"')) {
      // A redelivery after a crash: the service already had it, the messageId came earlier.
      await env.OUTCOMES.put(id, JSON.stringify({ status: 'sent' }));
    }
  },
});

async function enqueue(request: Request, env: Env): Promise<Response> {
  if (request.headers.get('authorization') !== `Bearer ${env.APP_TOKEN}`) {
    return new Response('unauthorised', { status: 401 });
  }
  const input = (await request.json().catch(() => undefined)) as SendMessageRequest | undefined;
  if (input === undefined) return Response.json({ error: 'INVALID_JSON' }, { status: 400 });
  try {
    const { crmMessageId } = await enqueueMessage(env.WAZZUP_QUEUE, input);
    await env.OUTCOMES.put(crmMessageId, JSON.stringify({ status: 'queued' }));
    return Response.json({ crmMessageId }, { status: 202 });
  } catch (error) {
    // Bad input is refused here, with the code the service would answer; it never enters the queue.
    if (!(error instanceof WazzupValidationError)) throw error;
    const { code, field, message } = error;
    return Response.json({ error: code, field, description: message }, { status: 400 });
  }
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const { pathname } = new URL(request.url);
    if (pathname === '/messages' && request.method === 'POST') return enqueue(request, env);
    const id = /^\/messages\/([\w-]+)$/.exec(pathname)?.[1];
    if (id && request.method === 'GET') {
      const outcome = await env.OUTCOMES.get(id);
      return outcome
        ? Response.json(JSON.parse(outcome))
        : new Response('unknown', { status: 404 });
    }
    return new Response('not found', { status: 404 });
  },

  async queue(batch: QueueBatch, env: Env): Promise<void> {
    if (batch.queue !== 'wazzup-dead-letters') return consume(batch, env);
    for (const message of batch.messages) {
      const letter = message.body as DeadLetter;
      // In production: alert, or show the CRM user why the message did not go.
      console.warn(
        `dead letter: ${letter.reason} ${letter.crmMessageId} ${letter.error?.code ?? ''}`,
      );
      if (letter.crmMessageId) {
        await env.OUTCOMES.put(
          letter.crmMessageId,
          JSON.stringify({ status: 'dead', reason: letter.reason, code: letter.error?.code }),
        );
      }
      message.ack();
    }
  },
};
