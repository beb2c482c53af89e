import { describe, expect, it } from 'vitest';
import { BUDGET_BYTES, bundleSize, SIZE_CASES } from './bundle-size';

// Size is deterministic, so this is a test, not a timing.
describe('send-path bundle budget', () => {
  it.each(SIZE_CASES.filter((entry) => entry.name.startsWith('SDK')))(
    '$name stays within the budget',
    async (entry) => {
      const { gzipped } = await bundleSize(entry);
      expect(gzipped).toBeLessThanOrEqual(BUDGET_BYTES);
    },
  );

  it('leaves the error catalogue’s descriptions out of the send path', async () => {
    const { build } = await import('esbuild');
    const { fileURLToPath } = await import('node:url');
    const result = await build({
      entryPoints: [fileURLToPath(new URL('../fixtures/sdk-browser.ts', import.meta.url))],
      bundle: true,
      write: false,
      minify: true,
      format: 'esm',
      platform: 'browser',
    });
    const text = result.outputFiles[0]?.text ?? '';
    expect(text.includes('On the "Start" tariff')).toBe(false);
    expect(text.includes('MESSAGE_WRONG_CONTENT_TYPE')).toBe(false);
  });
});
