import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { BUDGETED, bundle, bundleSize, SIZE_CASES } from './bundle-size';
import { fromSource } from './without-ofetch';

// Size is deterministic, so this is a test, not a timing.
describe('send-path bundle budget', () => {
  it.each(BUDGETED)('$name stays within its budget', async (entry) => {
    const { gzipped } = await bundleSize(entry);
    expect(gzipped).toBeLessThanOrEqual(entry.budgetBytes as number);
  });

  it('budgets every bundle of the SDK', () => {
    const sdk = SIZE_CASES.filter((entry) => entry.name.startsWith('SDK'));
    expect(BUDGETED).toEqual(sdk);
    expect(sdk.map((entry) => entry.name)).toEqual([
      'SDK: browser page',
      'SDK: Worker',
      'SDK: Worker, whole client',
    ]);
  });

  it('a sender bundles none of the other routes', async () => {
    const sender = SIZE_CASES.find((entry) => entry.name === 'SDK: Worker');
    if (!sender) throw new Error('size case missing');
    const text = new TextDecoder().decode(await bundle(sender));
    for (const route of ['/v3/channels', '/v3/contacts', 'bulk_delete', '/v3/webhooks']) {
      expect(text.includes(route), route).toBe(false);
    }
    // Nor the limiter that runs on a shared store: that comes with a store.
    expect(text.includes('rate-limit store failed')).toBe(false);
  });

  it('a proxy sender bundles no rate limiter; a Worker sender does', async () => {
    const inputs = async (fixture: string) => {
      const { metafile } = await build({
        entryPoints: [fileURLToPath(new URL(`../fixtures/${fixture}`, import.meta.url))],
        bundle: true,
        write: false,
        format: 'esm',
        platform: 'browser',
        conditions: ['worker'],
        plugins: [fromSource],
        metafile: true,
        logLevel: 'silent',
      });
      return Object.values(metafile.outputs).flatMap((output) => Object.keys(output.inputs));
    };
    const limiter = (files: string[]) => files.some((file) => file.endsWith('rate-limiter.ts'));
    expect(limiter(await inputs('sdk-browser.ts'))).toBe(false);
    expect(limiter(await inputs('sdk-worker.ts'))).toBe(true);
  });

  it.each(SIZE_CASES.filter((entry) => entry.name.startsWith('SDK')))(
    '$name has core’s stand-ins for ofetch’s helpers, not the helpers',
    async (entry) => {
      const text = new TextDecoder().decode(await bundle(entry));
      // ofetch is the only importer of ufo and destr: with its imports on the stand-ins, neither
      // is bundled.
      expect(text).toContain('ofetch reached');
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
