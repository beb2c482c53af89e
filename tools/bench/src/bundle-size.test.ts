import { describe, expect, it } from 'vitest';
import { BUDGET_BYTES, bundle, bundleSize, SIZE_CASES } from './bundle-size';

// Size is deterministic, so this is a test, not a timing.
describe('send-path bundle budget', () => {
  it.each(SIZE_CASES.filter((entry) => entry.name.startsWith('SDK')))(
    '$name stays within the budget',
    async (entry) => {
      const { gzipped } = await bundleSize(entry);
      expect(gzipped).toBeLessThanOrEqual(entry.budgetBytes ?? BUDGET_BYTES);
    },
  );

  it('a sender bundles none of the other routes', async () => {
    const sender = SIZE_CASES.find((entry) => entry.name === 'SDK: Worker');
    if (!sender) throw new Error('size case missing');
    const text = new TextDecoder().decode(await bundle(sender));
    for (const route of ['/v3/channels', '/v3/contacts', 'bulk_delete', '/v3/webhooks']) {
      expect(text.includes(route), route).toBe(false);
    }
  });

  it.each(SIZE_CASES.filter((entry) => entry.name.startsWith('SDK')))(
    '$name leaves the error catalogue’s descriptions out',
    async (entry) => {
      const text = new TextDecoder().decode(await bundle(entry));
      expect(text.includes('On the "Start" tariff')).toBe(false);
      expect(text.includes('MESSAGE_WRONG_CONTENT_TYPE')).toBe(false);
    },
  );

  // The bench's what-if row: if the swap stopped matching core's files, the guard in bundle()
  // throws here rather than letting the row quietly weigh the shipped SDK.
  it('builds the what-if without ofetch, smaller than the shipped page', async () => {
    const whatIf = SIZE_CASES.find((entry) => entry.withoutOfetch);
    const shipped = SIZE_CASES.find((entry) => entry.name === 'SDK: browser page');
    if (!whatIf || !shipped) throw new Error('size cases missing');
    const [lean, full] = await Promise.all([bundleSize(whatIf), bundleSize(shipped)]);
    expect(lean.gzipped).toBeLessThan(full.gzipped);
  });
});
