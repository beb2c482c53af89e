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
    expect(stdout).toContain('the fake Wazzup API at http://127.0.0.1:');
    expect(stdout).toMatch(
      /✔ WhatsApp text .*\n\s+message:\s+\{"channelId".*"text":"Your order #1042 has shipped 📦"\}\n\s+answered: sent [0-9a-f-]{36}/,
    );
    expect(stdout).toMatch(/✔ Telegram by username[\s\S]*?answered: sent /);
    expect(stdout).toMatch(/✔ Template with buttons[\s\S]*?answered: sent /);
    expect(stdout).toContain('refused locally: CHAT_INCORRECT_CHAT_ID_WHATSAPP (chatId)');
    expect(stdout).toContain('recorded 3 delivered message(s)');
    expect(stdout).not.toContain('✘');
  });
});
