// Server-side helpers the browser tests call (vitest browser commands): they run in Node, where
// the mock is served over loopback HTTP and the browser bundle can be built and read.
import { fileURLToPath } from 'node:url';
import { DEMO_API_KEY, DEMO_CHANNELS } from '@wazzup-sdk/mock';
import { type ServedWazzupMock, serveWazzupMock } from '@wazzup-sdk/mock/node';
import { build } from 'esbuild';

let served: Promise<ServedWazzupMock> | undefined;
const mock = () => {
  served ??= serveWazzupMock({ apiKeys: [DEMO_API_KEY], channels: DEMO_CHANNELS, cors: true });
  return served;
};

export const commands = {
  /** Base URL of the mock served on loopback for this run. */
  mockUrl: async () => (await mock()).url,
  /** Every message the served mock delivered. */
  mockMessages: async () => (await mock()).mock.messages,
  /** Every request the served mock received. */
  mockRequestCount: async () => (await mock()).mock.requests.length,
  mockReset: async () => {
    (await mock()).mock.reset();
  },
  /** Stops the served mock, so the test process can exit. */
  mockClose: async () => {
    const running = served;
    served = undefined;
    await (await running)?.close();
  },
  /** The package bundled for browsers, minified, as a page would ship it. */
  browserBundle: async () => {
    const result = await build({
      entryPoints: [fileURLToPath(new URL('./bundle-entry.ts', import.meta.url))],
      bundle: true,
      write: false,
      minify: true,
      format: 'esm',
      platform: 'browser',
    });
    return result.outputFiles[0]?.text ?? '';
  },
};

declare module 'vitest/browser' {
  interface BrowserCommands {
    mockUrl: () => Promise<string>;
    mockMessages: () => Promise<{ crmMessageId?: string; body: Record<string, unknown> }[]>;
    mockRequestCount: () => Promise<number>;
    mockReset: () => Promise<void>;
    mockClose: () => Promise<void>;
    browserBundle: () => Promise<string>;
  }
}
