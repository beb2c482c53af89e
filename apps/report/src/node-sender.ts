// Starting an example's sending process on Node: the Redis outbox's and the KV outbox's on Node.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import type { SenderProcess } from './outbox-program';

/**
 * Starts `sender` (a TypeScript file, through tsx) with `phase` as its argument and `env` added to
 * this process's environment; resolves once it says it is sending.
 */
export async function spawnSender(
  sender: string,
  phase: 'queue' | 'resume',
  env: Record<string, string>,
): Promise<SenderProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', sender, phase], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await once(child.stdout, 'data');
  const ended = once(child, 'exit');
  ended.catch(() => {}); // an 'error' is seen where it is awaited
  return {
    async kill() {
      child.kill('SIGKILL');
      await ended;
    },
    async stop() {
      child.kill('SIGTERM');
      await ended;
    },
  };
}
