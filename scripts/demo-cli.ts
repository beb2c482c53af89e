// The CLI's part of `pnpm demo`: `wazzup mock` + `wazzup listen` + `wazzup send`, the whole loop
// on one machine, as the README's first screen shows it: returns the lines to print.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const BIN = fileURLToPath(new URL('../packages/cli/bin/wazzup.js', import.meta.url));

/** Starts a long-running `wazzup` command and waits for a line of its output. */
function start(args: string[]): {
  child: ChildProcess;
  line(pattern: RegExp): Promise<string>;
  text(): string;
} {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  return {
    child,
    text: () => text,
    async line(pattern) {
      for (let waited = 0; waited < 10_000; waited += 25) {
        const found = text.split('\n').find((line) => pattern.test(line));
        if (found) return found;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      throw new Error(`wazzup ${args[0]} printed no line like ${pattern}:\n${text}`);
    },
  };
}

/** Runs the loop and gives back what a person would see in the three terminals. */
export async function cliLoop(): Promise<string[]> {
  const listener = start(['listen', '--port', '0']);
  try {
    const address = (await listener.line(/^listening at /)).replace('listening at ', '');
    const mock = start(['mock', '--port', '0', '--webhooks', address, '--json']);
    try {
      const { url, apiKey, channels } = JSON.parse(await mock.line(/"url"/)) as {
        url: string;
        apiKey: string;
        channels: { id: string; transport: string }[];
      };
      const env = { ...process.env, WAZZUP_API_KEY: apiKey, WAZZUP_BASE_URL: url, NO_COLOR: '1' };
      const run = (args: string[]) =>
        promisify(execFile)(process.execPath, [BIN, ...args], { env });
      const whatsapp = channels.find((channel) => channel.transport === 'whatsapp')?.id ?? '';
      const send = [
        'send',
        '--channel',
        whatsapp,
        '--chat-type',
        'whatsapp',
        '--chat-id',
        '79011112233',
        '--text',
        'Hello from wazzup send',
      ];
      const sent = await run(send);
      const messageId = /^sent (\S+)/m.exec(sent.stdout)?.[1] ?? '';
      await listener.line(new RegExp(`^status\\s+${messageId} read`));
      return [
        `$ wazzup mock --webhooks ${address.replace(/token=[^&]+/, 'token=…')}`,
        `$ wazzup ${send.join(' ')}`,
        `  ${sent.stdout.trim()}`,
        '$ wazzup listen',
        ...listener
          .text()
          .split('\n')
          .filter((line) => line.includes(messageId))
          .map((line) => `  ${line}`),
      ];
    } finally {
      mock.child.kill();
    }
  } finally {
    listener.child.kill();
  }
}
