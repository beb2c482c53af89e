import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const FIXTURE = fileURLToPath(new URL('./fixtures/campaign.ts', import.meta.url));

/** The runtimes a replica runs on: Node through tsx, or Bun from its npm package. */
export type Runtime = 'node' | 'bun';

/** What a campaign process reported. */
export interface CampaignReport {
  sent: number;
  failed: number;
  codes: Record<string, number>;
}

/** A campaign process, its progress, and how it ended. */
export interface Campaign {
  child: ChildProcess;
  /** Answers so far, from its progress lines. */
  progress(): number;
  /** Its last line once it exits (rejects if it exited without one, unless killed). */
  done: Promise<CampaignReport | undefined>;
}

function command(runtime: Runtime): [string, string[]] {
  if (runtime === 'bun') return [require.resolve('bun/bin/bun.exe'), [FIXTURE]];
  return [process.execPath, ['--import', 'tsx', FIXTURE]];
}

/** Starts one replica's campaign with these variables (see fixtures/campaign.ts). */
export function startCampaign(runtime: Runtime, env: Record<string, string | number>): Campaign {
  const [file, args] = command(runtime);
  const child = spawn(file, args, {
    env: {
      ...process.env,
      ...Object.fromEntries(Object.entries(env).map(([k, v]) => [k, String(v)])),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let progress = 0;
  let last: CampaignReport | undefined;
  let stderr = '';
  let buffered = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) {
      const parsed = JSON.parse(line) as { progress?: number } & Partial<CampaignReport>;
      if (parsed.progress !== undefined) progress = parsed.progress;
      else last = parsed as CampaignReport;
    }
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const done = new Promise<CampaignReport | undefined>((resolve, reject) => {
    child.once('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(undefined);
      else if (code === 0 && last) resolve(last);
      else reject(new Error(`${runtime} campaign exited ${code}: ${stderr}`));
    });
  });
  return { child, progress: () => progress, done };
}

/** The most requests that reached the server in any window of `windowMs`. */
export function busiestWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while ((sorted[end] as number) - (sorted[start] as number) >= windowMs) start++;
    most = Math.max(most, end - start + 1);
  }
  return most;
}
