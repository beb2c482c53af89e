import { describe, expect, it } from 'vitest';
import { BUDGET_BYTES, bundle, bundleSize, SIZE_CASES } from './bundle-size';

// Size is deterministic, so this is a test, not a timing.
describe('send-path bundle budget', () => {
  it.each(SIZE_CASES.filter((entry) => entry.name.startsWith('SDK')))(
    '$name stays within the budget',
    async (entry) => {
      const { gzipped } = await bundleSize(entry);
      expect(gzipped).toBeLessThanOrEqual(BUDGET_BYTES);
    },
  );

  it.each(SIZE_CASES.filter((entry) => entry.name.startsWith('SDK')))(
    '$name leaves the error catalogue’s descriptions out',
    async (entry) => {
      const text = new TextDecoder().decode(await bundle(entry));
      expect(text.includes('On the "Start" tariff')).toBe(false);
      expect(text.includes('MESSAGE_WRONG_CONTENT_TYPE')).toBe(false);
    },
  );
});
