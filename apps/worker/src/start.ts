// Runs the Worker example in workerd (through miniflare), the way `wrangler dev` would, with the
// browser example bundled into it. Without WAZZUP_API_KEY the fake API is served on loopback.
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { DEMO_API_KEY, DEMO_CHANNEL_IDS, DEMO_CHANNELS } from '@wazzup-sdk/mock';
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

/** The Worker script, with the browser page and its bundled script built in. */
export async function buildWorker(): Promise<string> {
  const html = await readFile(here('../../browser/index.html'), 'utf8');
  const appJs = await bundlePage(here('../../browser/src/main.ts'));
  return bundleWorker(here('./worker.ts'), {
    define: { BROWSER_APP_HTML: JSON.stringify(html), BROWSER_APP_JS: JSON.stringify(appJs) },
  });
}

/** A running Worker example. */
export interface WorkerApp {
  /** Where the Worker listens, e.g. `http://127.0.0.1:8787`. */
  url: string;
  /** The fake API it talks to, when no WAZZUP_API_KEY was set. */
  mock: ServedWazzupMock | undefined;
  close(): Promise<void>;
}

/** Starts the Worker example in workerd on a free loopback port. */
export async function startWorkerApp(env: NodeJS.ProcessEnv = process.env): Promise<WorkerApp> {
  const mock = env.WAZZUP_API_KEY
    ? undefined
    : await serveWazzupMock({ apiKeys: [DEMO_API_KEY], channels: DEMO_CHANNELS });
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
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
  const bindings: Record<string, string> = {
    WAZZUP_API_KEY: env.WAZZUP_API_KEY ?? DEMO_API_KEY,
    APP_TOKEN: randomUUID(),
    ALLOWED_ORIGINS: url,
    CHANNELS: JSON.stringify(channels),
    ...(mock && { WAZZUP_BASE_URL: mock.url }),
    ...(env.WAZZUP_BASE_URL && { WAZZUP_BASE_URL: env.WAZZUP_BASE_URL }),
    ...(env.WAZZUP_CHAT_ID && { WAZZUP_CHAT_ID: env.WAZZUP_CHAT_ID }),
  };
  const worker = new Miniflare({
    modules: true,
    script: await buildWorker(),
    compatibilityDate: '2025-09-01',
    host: '127.0.0.1',
    port,
    bindings,
  });
  await worker.ready;
  return {
    url,
    mock,
    async close() {
      await worker.dispose();
      await mock?.close();
    },
  };
}
