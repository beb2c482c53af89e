import { createWazzupMock, type WazzupMock, type WazzupMockOptions } from '@wazzup-sdk/mock';
import { serveWazzupMock } from '@wazzup-sdk/mock/node';
import type { WazzupOptions } from '../src/core/options';

/** How a client reaches the mock: through its in-memory fetch, or over real loopback HTTP. */
export interface Link {
  mock: WazzupMock;
  options: Pick<WazzupOptions, 'fetch' | 'baseUrl'>;
  close(): Promise<void>;
}

/** Both ways of reaching the mock, by name, for `describe.each`. */
export const LINKS: Record<string, (options: WazzupMockOptions) => Promise<Link>> = {
  'in memory': async (options) => {
    const mock = createWazzupMock(options);
    return {
      mock,
      options: { fetch: mock.fetch, baseUrl: 'http://wazzup.mock' },
      close: async () => {},
    };
  },
  'over loopback HTTP': async (options) => {
    const served = await serveWazzupMock(options);
    return { mock: served.mock, options: { baseUrl: served.url }, close: served.close };
  },
};
