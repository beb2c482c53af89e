// Runs the Worker example in workerd (through miniflare), the way `wrangler dev` would, with the
// browser example bundled into it. Without WAZZUP_API_KEY the fake API is served on loopback.
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { createWazzup } from '@wazzup-sdk/core';
import { createWebhookSecret, webhookAddress } from '@wazzup-sdk/core/webhooks';
import type { AutoReplyLog } from '@wazzup-sdk/example-report/auto-reply';
import {
  DEMO_API_KEY,
  DEMO_CHANNEL_IDS,
  DEMO_CHANNELS,
  type WazzupMockOptions,
} from '@wazzup-sdk/mock';
import { type ServedWazzupMock, serveWazzupMock } from '@wazzup-sdk/mock/node';
import { bundleWorker, freePort } from '@wazzup-sdk/worker-bundle';
import { build } from 'esbuild';
import { Miniflare } from 'miniflare';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** The browser page's script, built as a page ships it. */
async function bundlePage(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    mainFields: ['browser', 'module', 'main'],
  });
  return result.outputFiles[0]?.text ?? '';
}

let built: Promise<string> | undefined;
/** The Worker script, with the browser page and its bundled script built in (once per process). */
export function buildWorker(): Promise<string> {
  built ??= (async () => {
    const html = await readFile(here('../../browser/index.html'), 'utf8');
    const appJs = await bundlePage(here('../../browser/src/main.ts'));
    return bundleWorker(here('./worker.ts'), {
      define: { BROWSER_APP_HTML: JSON.stringify(html), BROWSER_APP_JS: JSON.stringify(appJs) },
    });
  })();
  return built;
}

/** A WhatsApp number the example's fake API fails every message to (its timeline ends in `error`). */
export const FAILING_CHAT_ID = '79000000000';

/** A running Worker example. */
export interface WorkerApp {
  /** Where the Worker listens, e.g. `http://127.0.0.1:8787`. */
  url: string;
  /** The fake API it talks to, when no WAZZUP_API_KEY was set; its webhooks go to the Worker. */
  mock: ServedWazzupMock | undefined;
  /** The Worker's webhook secret (its WAZZUP_WEBHOOK_TOKEN). */
  token: string;
  /** Registers the Worker's `/wazzup` address with the fake API again (after `mock.reset()`). */
  subscribe(): Promise<void>;
  /** What the Worker's auto-reply has recorded, as the page reads it from `/api/events`. */
  events(): Promise<AutoReplyLog>;
  close(): Promise<void>;
}

/**
 * Starts the Worker example in workerd on a free loopback port. Without WAZZUP_API_KEY it serves
 * the fake API (made with `mockOptions`) and registers the Worker's `/wazzup` address there.
 */
export async function startWorkerApp(
  env: NodeJS.ProcessEnv = process.env,
  mockOptions: WazzupMockOptions = {
    apiKeys: [DEMO_API_KEY],
    channels: DEMO_CHANNELS,
    webhooks: { failingChats: [FAILING_CHAT_ID] },
  },
  options: { handlerTimeoutMs?: number } = {},
): Promise<WorkerApp> {
  const mock = env.WAZZUP_API_KEY ? undefined : await serveWazzupMock(mockOptions);
  const channels = mock
    ? {
        whatsapp: DEMO_CHANNEL_IDS.whatsapp,
        telegram: DEMO_CHANNEL_IDS.telegram,
        instagram: DEMO_CHANNEL_IDS.instagram,
      }
    : {
        whatsapp: env.WAZZUP_CHANNEL_ID,
        ...(env.WAZZUP_TELEGRAM_CHANNEL_ID && { telegram: env.WAZZUP_TELEGRAM_CHANNEL_ID }),
      };
  const token = env.WAZZUP_WEBHOOK_TOKEN ?? createWebhookSecret();
  const session = randomUUID();
  const bindingsFor = (url: string): Record<string, string> => ({
    WAZZUP_API_KEY: env.WAZZUP_API_KEY ?? DEMO_API_KEY,
    WAZZUP_WEBHOOK_TOKEN: token,
    APP_TOKEN: session,
    ALLOWED_ORIGINS: url,
    CHANNELS: JSON.stringify(channels),
    ...(mock && { WAZZUP_BASE_URL: mock.url }),
    ...(env.WAZZUP_BASE_URL && { WAZZUP_BASE_URL: env.WAZZUP_BASE_URL }),
    ...(env.WAZZUP_CHAT_ID && { WAZZUP_CHAT_ID: env.WAZZUP_CHAT_ID }),
    ...(options.handlerTimeoutMs && {
      WEBHOOK_HANDLER_TIMEOUT_MS: String(options.handlerTimeoutMs),
    }),
  });
  const script = await buildWorker();
  // A free port may be taken by another test's server before workerd binds it: try another.
  let worker: Miniflare | undefined;
  let url = '';
  for (let attempt = 1; !worker; attempt++) {
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    const started = new Miniflare({
      modules: true,
      script,
      compatibilityDate: '2025-09-01',
      host: '127.0.0.1',
      port,
      bindings: bindingsFor(url),
      kvNamespaces: ['WEBHOOK_STATE'],
    });
    try {
      await started.ready;
      worker = started;
    } catch (error) {
      await started.dispose().catch(() => {});
      if ((error as { code?: string }).code !== 'ERR_ADDRESS_IN_USE' || attempt >= 5) throw error;
    }
  }
  const subscribe = async () => {
    if (!mock) return;
    await createWazzup({ apiKey: DEMO_API_KEY, baseUrl: mock.url }).webhooks.set({
      uri: webhookAddress(`${url}/wazzup`, token),
      subscriptions: { messagesAndStatuses: true, contactsAndDealsCreation: true },
    });
  };
  await subscribe();
  return {
    url,
    mock,
    token,
    subscribe,
    async events() {
      const response = await fetch(`${url}/api/events`, {
        headers: { cookie: `demo_session=${session}` },
      });
      if (!response.ok) throw new Error(`/api/events answered ${response.status}`);
      return (await response.json()) as AutoReplyLog;
    },
    async close() {
      await worker.dispose();
      await mock?.close();
    },
  };
}
