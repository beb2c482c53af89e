// `pnpm demo`: runs every example app on its own runtime (Node, Deno, Bun, workerd, Chromium, the
// Queues outbox in workerd, and the durable outbox on Redis and on Deno KV, the latter on Deno and
// on Node through @deno/kv), then prints one table of what each sent, what came back and how
// long it took. Exits non-zero if any app fails or any send ends other than expected. Each app
// uses the fake Wazzup API unless WAZZUP_API_KEY is set.
import { spawn } from 'node:child_process';
import { cliLoop } from './demo-cli';

const APPS = [
  { runtime: 'node', filter: '@wazzup-sdk/example-node' },
  { runtime: 'deno', filter: '@wazzup-sdk/example-deno' },
  { runtime: 'bun', filter: '@wazzup-sdk/example-bun' },
  { runtime: 'workerd', filter: '@wazzup-sdk/example-worker' },
  { runtime: 'chromium', filter: '@wazzup-sdk/example-browser' },
  { runtime: 'queues', filter: '@wazzup-sdk/example-outbox' },
  { runtime: 'node + redis', filter: '@wazzup-sdk/example-outbox-redis' },
  { runtime: 'deno + kv', filter: '@wazzup-sdk/example-outbox-kv' },
  { runtime: 'node + kv', filter: '@wazzup-sdk/example-outbox-kv-node' },
];

interface Row {
  runtime: string;
  what: string;
  result: string;
  ms: string;
  ok: boolean;
}

/** Runs an app's `start` script through the pnpm that runs this script, capturing its output. */
function start(filter: string): Promise<{ code: number | null; output: string }> {
  // Under `pnpm demo` this is the pnpm running us; run directly, fetch the pinned one.
  const pnpm = process.env.npm_execpath?.includes('pnpm') ? process.env.npm_execpath : undefined;
  const [command, args] = pnpm ? [process.execPath, [pnpm]] : ['npx', ['-y', 'pnpm@10.34.9']];
  return new Promise((resolve) => {
    const child = spawn(command, [...args, '--silent', '--filter', filter, 'start'], {
      env: { ...process.env, DENO_NO_UPDATE_CHECK: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => resolve({ code, output }));
  });
}

const rows: Row[] = [];
const received: string[] = [];
const notes: string[] = [];
let failed = false;
for (const { runtime, filter } of APPS) {
  const { code, output } = await start(filter);
  const found = [...output.matchAll(/^([✔✘]) (.+?) → (.+) \((\d+) ms\)$/gm)].map(
    ([, mark, what = '', result = '', ms = '']) => ({
      runtime,
      what,
      result,
      ms: `${ms} ms`,
      ok: mark === '✔',
    }),
  );
  rows.push(...found);
  // What an app says besides its sends: the channels it found, and what came back by webhook
  // (the incoming message its auto-reply answered, then the reply's status timeline).
  for (const [line] of output.matchAll(/^(channels|webhook): .+$/gm))
    notes.push(`${runtime.padEnd(8)}  ${line}`);
  // What the fake API received, as each app reports it: the message bodies that went out.
  const delivered = /^delivered: (.*)$/m.exec(output)?.[1];
  for (const body of delivered ? (JSON.parse(delivered) as Record<string, unknown>[]) : []) {
    const { crmMessageId: _, channelId: __, ...shown } = body;
    received.push(`${runtime.padEnd(8)}  ${JSON.stringify(shown)}`);
  }
  if (code !== 0 || found.length === 0 || found.some((row) => !row.ok)) {
    failed = true;
    console.error(`\n${runtime} failed (exit ${code}):\n${output}`);
  }
}

const header: Row = { runtime: 'runtime', what: 'sent', result: 'result', ms: 'time', ok: true };
const columns = ['runtime', 'what', 'result', 'ms'] as const;
const width = (column: (typeof columns)[number]) =>
  Math.max(...[header, ...rows].map((row) => row[column].length));
const line = (row: Row) => columns.map((column) => row[column].padEnd(width(column))).join('  ');
console.log(`\n${line(header)}\n${columns.map((column) => '─'.repeat(width(column))).join('  ')}`);
for (const row of rows) console.log(line(row));
if (notes.length > 0) console.log(`\n${notes.join('\n')}`);
if (received.length > 0) {
  console.log(
    `\nWhat the fake Wazzup API received (channelId and crmMessageId left out):\n${received.join('\n')}`,
  );
}
console.log(
  `\n${failed ? '✘ some examples failed' : `✔ ${rows.length} sends from ${APPS.length} example apps`}`,
);
process.exitCode = failed ? 1 : 0;

// The command line, last: the fake API, a webhook listener and one send, on loopback.
try {
  console.log(`\nThe wazzup CLI: mock + listen + send\n${(await cliLoop()).join('\n')}`);
} catch (error) {
  failed = true;
  console.error(`\nthe CLI loop failed: ${(error as Error).message}`);
}
process.exitCode = failed ? 1 : process.exitCode;
