import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const app = fileURLToPath(new URL('..', import.meta.url));

describe('the Node example', () => {
  it('sends every demo message to the fake API and exits 0', async () => {
    const env = { ...process.env };
    delete env.WAZZUP_API_KEY;
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: app,
      env,
    });
    expect(stdout).toMatch(/^node v\d+.* → fake Wazzup API at http:\/\/127\.0\.0\.1:\d+$/m);
    expect(stdout).toMatch(/^✔ WhatsApp text → sent [0-9a-f-]{36} \(\d+ ms\)$/m);
    expect(stdout).toMatch(/^✔ Telegram by username → sent [0-9a-f-]{36} \(\d+ ms\)$/m);
    expect(stdout).toMatch(/^✔ Template with buttons → sent [0-9a-f-]{36} \(\d+ ms\)$/m);
    expect(stdout).toMatch(
      /^✔ Invalid number \(caught\) → error CHAT_INCORRECT_CHAT_ID_WHATSAPP \(\d+ ms\)$/m,
    );
    const delivered = JSON.parse(/^delivered: (.*)$/m.exec(stdout)?.[1] ?? '[]') as {
      text?: string;
      username?: string;
    }[];
    expect(delivered.map((body) => body.text ?? body.username ?? 'template')).toEqual([
      'Your order #1042 has shipped 📦',
      'Hello from Node',
      'template',
    ]);
    expect(stdout).not.toContain('✘');
  });
});
