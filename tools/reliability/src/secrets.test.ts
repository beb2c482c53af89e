import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createWazzup, WazzupError } from '@wazzup-sdk/core';
import { build } from 'esbuild';
import { describe, expect, it, vi } from 'vitest';

const KEY = 'sk-live-3c2b1a0f9e8d7c6b5a49382716051f4e';
const packages = fileURLToPath(new URL('../../../packages/', import.meta.url));

/** Every built file a browser or Worker could load. */
function builtFiles(): string[] {
  return ['core', 'browser', 'cloudflare', 'deno', 'bun'].flatMap((name) =>
    readdirSync(`${packages}${name}/dist`).map((file) => `${packages}${name}/dist/${file}`),
  );
}

describe('the API key never leaks', () => {
  it('into any error or log line, whatever the failure', async () => {
    const logged: string[] = [];
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        logged.push(args.map(String).join(' '));
      });
    }
    const answers = [
      () =>
        Response.json(
          { error: 'VALIDATION_ERROR', description: `bad Bearer ${KEY}`, data: [KEY] },
          { status: 400 },
        ),
      () => new Response(`<pre>Authorization: Bearer ${KEY}</pre>`, { status: 503 }),
      () => Promise.reject(new TypeError(`connect ECONNREFUSED (${KEY})`)),
    ];
    try {
      for (const answer of answers) {
        const wazzup = createWazzup({
          apiKey: KEY,
          fetch: async () => answer(),
          maxRetries: 1,
          timeoutMs: 500,
        });
        const error = await wazzup.messages
          .send({
            channelId: 'e0629e11-0f67-4567-92a9-2237e91ec1b9',
            chatType: 'whatsapp',
            chatId: '79011112233',
            text: 'Hi',
          })
          .catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(WazzupError);
        const seen = [
          String(error),
          JSON.stringify(error),
          (error as Error).stack,
          String((error as Error).cause),
        ];
        for (const text of seen) expect(text).not.toContain(KEY);
      }
    } finally {
      vi.restoreAllMocks();
    }
    for (const line of logged) expect(line).not.toContain(KEY);
  });

  it('into any built package a browser or Worker loads', () => {
    const files = builtFiles();
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      expect(text.match(/sk-live-|demo-api-key|process\.env\.WAZZUP_API_KEY/), file).toBeNull();
    }
  });

  it('into the example page’s bundle, built the way the Worker serves it', async () => {
    const result = await build({
      entryPoints: [fileURLToPath(new URL('../../../apps/browser/src/main.ts', import.meta.url))],
      bundle: true,
      write: false,
      minify: true,
      format: 'esm',
      platform: 'browser',
    });
    const bundle = result.outputFiles[0]?.text ?? '';
    expect(bundle.includes('/api/send')).toBe(true);
    // Compared as match results, so a failure names the leak instead of printing the bundle.
    expect(bundle.match(/demo-api-key|WAZZUP_API_KEY|sk-live-/)).toBeNull();
  });
});
