import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const app = fileURLToPath(new URL('..', import.meta.url));

describe('the Worker example, run in workerd', () => {
  it('sends every demo message from inside the Worker and exits 0', async () => {
    const env = { ...process.env };
    delete env.WAZZUP_API_KEY;
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'src/run.ts'], {
      cwd: app,
      env,
    });
    expect(stdout).toMatch(
      /^Cloudflare-Workers \(workerd\) → fake Wazzup API at http:\/\/127\.0\.0\.1:\d+$/m,
    );
    expect(stdout).toMatch(/^✔ WhatsApp text → sent [0-9a-f-]{36} \(\d+ ms\)$/m);
    expect(stdout).toMatch(/^✔ Telegram by username → sent [0-9a-f-]{36} \(\d+ ms\)$/m);
    expect(stdout).toMatch(/^✔ Template with buttons → sent [0-9a-f-]{36} \(\d+ ms\)$/m);
    expect(stdout).toMatch(
      /^✔ Invalid number \(caught\) → error CHAT_INCORRECT_CHAT_ID_WHATSAPP \(\d+ ms\)$/m,
    );
    const delivered = JSON.parse(/^delivered: (.*)$/m.exec(stdout)?.[1] ?? '[]') as {
      text?: string;
    }[];
    expect(delivered.map((body) => body.text ?? 'template')).toEqual([
      'Your order #1042 has shipped 📦',
      'Hello from a Worker',
      'template',
    ]);
  });
});
