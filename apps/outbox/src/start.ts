// Runs the outbox example in workerd (through miniflare) with the queues and Durable Object
// that wrangler.json declares, so the tested setup is the deployable one. Without WAZZUP_API_KEY
// the fake API is served on loopback.
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { createWazzup } from '@wazzup-sdk/cloudflare';
import { DEMO_API_KEY, DEMO_CHANNELS } from '@wazzup-sdk/mock';
import { type ServedWazzupMock, serveWazzupMock } from '@wazzup-sdk/mock/node';
import { bundleWorker } from '@wazzup-sdk/worker-bundle';
import { Miniflare } from 'miniflare';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

interface WranglerConfig {
  main: string;
  compatibility_date: string;
  queues: {
    producers: { binding: string; queue: string }[];
    consumers: {
      queue: string;
      max_batch_size?: number;
      max_batch_timeout?: number;
      max_retries?: number;
      dead_letter_queue?: string;
    }[];
  };
  durable_objects: { bindings: { name: string; class_name: string }[] };
}

/** Miniflare's options for what wrangler.json declares. */
async function fromWranglerConfig() {
  const config = JSON.parse(await readFile(here('../wrangler.json'), 'utf8')) as WranglerConfig;
  return {
    modules: true,
    script: await bundleWorker(here(`../${config.main}`)),
    compatibilityDate: config.compatibility_date,
    queueProducers: Object.fromEntries(
      config.queues.producers.map(({ binding, queue }) => [binding, queue]),
    ),
    queueConsumers: Object.fromEntries(
      config.queues.consumers.map((consumer) => [
        consumer.queue,
        {
          maxBatchSize: consumer.max_batch_size,
          maxBatchTimeout: consumer.max_batch_timeout,
          maxRetries: consumer.max_retries,
          deadLetterQueue: consumer.dead_letter_queue,
        },
      ]),
    ),
    durableObjects: Object.fromEntries(
      config.durable_objects.bindings.map(({ name, class_name }) => [name, class_name]),
    ),
  };
}

/** A running outbox example. */
export interface OutboxApp {
  /** Sends a request to the Worker, with the app token. */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /** The fake API it talks to, when no WAZZUP_API_KEY was set. */
  mock: ServedWazzupMock | undefined;
  close(): Promise<void>;
}

/** Starts the outbox example in workerd. */
export async function startOutboxApp(env: NodeJS.ProcessEnv = process.env): Promise<OutboxApp> {
  const token = randomUUID();
  const webhookToken = randomUUID();
  // The fake API's webhooks go straight to the Worker, as the service's would to its address.
  let worker: Miniflare | undefined;
  const mock = env.WAZZUP_API_KEY
    ? undefined
    : await serveWazzupMock({
        apiKeys: [DEMO_API_KEY],
        channels: DEMO_CHANNELS,
        webhookFetch: (input, init) =>
          (worker as Miniflare).dispatchFetch(input, init as never) as never,
      });
  worker = new Miniflare({
    ...(await fromWranglerConfig()),
    bindings: {
      WAZZUP_API_KEY: env.WAZZUP_API_KEY ?? DEMO_API_KEY,
      WAZZUP_WEBHOOK_TOKEN: webhookToken,
      APP_TOKEN: token,
      ...(mock && { WAZZUP_BASE_URL: mock.url }),
      ...(env.WAZZUP_BASE_URL && { WAZZUP_BASE_URL: env.WAZZUP_BASE_URL }),
    },
  });
  await worker.ready;
  if (mock) {
    await createWazzup({ apiKey: DEMO_API_KEY, baseUrl: mock.url }).webhooks.set({
      uri: `https://crm.example.com/wazzup?token=${webhookToken}`,
      subscriptions: { messagesAndStatuses: true },
    });
  }
  const running = worker;
  return {
    mock,
    async fetch(path, init = {}) {
      const headers = { authorization: `Bearer ${token}`, ...init.headers };
      const response = await running.dispatchFetch(`http://worker${path}`, {
        ...init,
        headers,
      } as never);
      return response as unknown as Response;
    },
    async close() {
      await running.dispose();
      await mock?.close();
    },
  };
}
