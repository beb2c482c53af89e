// Ecosystem tests: pack every published package, install the tarballs into a scratch project as a
// user would, and run one program (consumer/program.mjs) against the mock from each kind of
// consumer: Node 20, 22 and 24 as ESM and CJS, Deno, Bun, a Worker in workerd and a page built by
// Vite in Chromium; besides, TypeScript under `bundler` and `node16`, the CLI, and the Queues
// outbox in workerd.
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startWorker } from '@wazzup-sdk/worker-bundle';
import { installNode, OTHER_NODES } from '../scripts/node-versions';

const run = promisify(execFile);
const root = fileURLToPath(new URL('..', import.meta.url));
const PUBLISHED = ['core', 'mock', 'deno', 'bun', 'cloudflare', 'browser', 'cli'];
const VITE = '7.3.8';
const work = mkdtempSync(join(tmpdir(), 'wazzup-ecosystem-'));
const app = join(work, 'app');
const pnpm = process.env.npm_execpath?.includes('pnpm')
  ? [process.execPath, process.env.npm_execpath]
  : ['npx', '-y', 'pnpm@10.34.9'];

async function step(
  what: string,
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
) {
  try {
    return (await run(command, args, { ...options, maxBuffer: 16 * 1024 * 1024 })).stdout;
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`${what} failed:\n${stdout}${stderr}`);
  }
}

// 1. The tarballs, as `pnpm publish` would make them.
const tarballs = join(work, 'tarballs');
for (const name of PUBLISHED) {
  await step(
    `pack ${name}`,
    pnpm[0] as string,
    [...pnpm.slice(1), 'pack', '--pack-destination', tarballs],
    { cwd: join(root, 'packages', name) },
  );
}
const packed = Object.fromEntries(
  readdirSync(tarballs).map((file) => [
    `@wazzup-sdk/${file.replace(/^wazzup-sdk-(.+)-\d+\.\d+\.\d+\.tgz$/, '$1')}`,
    `file:${join(tarballs, file)}`,
  ]),
);

// 2. A scratch project that installs them with npm, and Node 22 and 24 from the `node` package.
cpSync(fileURLToPath(new URL('./consumer', import.meta.url)), app, { recursive: true });
writeFileSync(
  join(app, 'package.json'),
  JSON.stringify(
    {
      name: 'consumer',
      private: true,
      dependencies: packed,
      devDependencies: { vite: VITE },
      overrides: packed,
    },
    null,
    2,
  ),
);
writeFileSync(join(app, 'deno.json'), JSON.stringify({ nodeModulesDir: 'manual', lock: false }));
const tsconfig = (module: string, moduleResolution: string) =>
  JSON.stringify({
    compilerOptions: {
      strict: true,
      noEmit: true,
      skipLibCheck: false,
      target: 'ES2022',
      lib: ['ES2022', 'DOM'],
      types: [],
      module,
      moduleResolution,
    },
    files: ['types.ts'],
  });
writeFileSync(join(app, 'tsconfig.bundler.json'), tsconfig('ESNext', 'Bundler'));
writeFileSync(join(app, 'tsconfig.node16.json'), tsconfig('Node16', 'Node16'));
await step('npm install', 'npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], {
  cwd: app,
});
for (const [major, version] of Object.entries(OTHER_NODES)) {
  await installNode(version, join(work, `node${major}`));
}

// 3. The fake API, from the installed `wazzup` bin.
const mock = spawn(
  join(app, 'node_modules/.bin/wazzup'),
  ['mock', '--json', '--no-rate-limit', '--cors'],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
const [chunk] = (await once(mock.stdout, 'data')) as [Buffer];
const env = {
  ...process.env,
  WAZZUP_API_KEY: 'demo-api-key',
  WAZZUP_BASE_URL: (JSON.parse(chunk.toString()) as { url: string }).url,
  DENO_NO_UPDATE_CHECK: '1',
};

// 4. Every consumer. A check throws when it fails; one that sends must say so in its output.
const sends = (consumer: () => Promise<string>) => async () => {
  const output = await consumer();
  if (!/\bsent \S/.test(output) || /^failed|Error/m.test(output)) {
    throw new Error(`no message sent:\n${output}`);
  }
  console.log(`  ${output.trim()}`);
};
const fromPackage = (pkg: string, bin: string) =>
  join(root, 'packages', pkg, 'node_modules/.bin', bin);
const typeChecks = (config: string) => async () => {
  await step(config, join(root, 'node_modules/.bin/tsc'), ['-p', config], { cwd: app });
};
const checks: [string, () => Promise<void>][] = [
  [
    'Node 20, ESM import',
    sends(() => step('node20 esm', process.execPath, ['esm.mjs'], { cwd: app, env })),
  ],
  [
    'Node 20, CJS require',
    sends(() => step('node20 cjs', process.execPath, ['cjs.cjs'], { cwd: app, env })),
  ],
  ...Object.keys(OTHER_NODES).flatMap((major): [string, () => Promise<void>][] => {
    const node = join(work, `node${major}`, 'node_modules/.bin/node');
    return [
      [
        `Node ${major}, ESM import`,
        sends(() => step(`node${major} esm`, node, ['esm.mjs'], { cwd: app, env })),
      ],
      [
        `Node ${major}, CJS require`,
        sends(() => step(`node${major} cjs`, node, ['cjs.cjs'], { cwd: app, env })),
      ],
    ];
  }),
  [
    'CLI from its tarball: wazzup channels --json',
    async () => {
      const bin = join(app, 'node_modules/.bin/wazzup');
      const output = await step('wazzup channels', bin, ['channels', '--json'], { cwd: app, env });
      const channels = JSON.parse(output) as { canSend: boolean }[];
      if (!channels.some((channel) => channel.canSend))
        throw new Error(`no channel can send: ${output}`);
    },
  ],
  ['TypeScript, moduleResolution bundler', typeChecks('tsconfig.bundler.json')],
  ['TypeScript, moduleResolution node16', typeChecks('tsconfig.node16.json')],
  [
    'Deno',
    sends(() =>
      step(
        'deno',
        fromPackage('deno', 'deno'),
        ['run', '--quiet', '--allow-net', '--allow-env', '--allow-read', 'deno.ts'],
        { cwd: app, env },
      ),
    ),
  ],
  [
    'Bun',
    sends(() => step('bun', fromPackage('bun', 'bun'), ['run', 'bun.ts'], { cwd: app, env })),
  ],
  ['Worker (esbuild bundle) in workerd', sends(() => inWorkerd('worker.ts', {}))],
  [
    'Outbox Worker (Queues + Durable Object) in workerd',
    sends(() =>
      inWorkerd('outbox-worker.ts', {
        queueProducers: { WAZZUP_QUEUE: 'outbox' },
        queueConsumers: { outbox: { maxBatchTimeout: 0 } },
        durableObjects: { WAZZUP_OUTBOX: 'WazzupOutbox' },
      }),
    ),
  ],
  [
    'Browser page (Vite build) in Chromium',
    sends(async () => {
      await step(
        'vite build',
        join(app, 'node_modules/.bin/vite'),
        ['build', '--logLevel', 'error'],
        { cwd: app },
      );
      const page = await serveStatic(join(app, 'dist'));
      const { chromium } = createRequire(join(root, 'apps/browser/package.json'))(
        'playwright-core',
      ) as typeof import('playwright-core');
      const { CHROMIUM_LAUNCH_OPTIONS } = await import('../scripts/chromium');
      const browser = await chromium.launch({ ...CHROMIUM_LAUNCH_OPTIONS, headless: true });
      try {
        const tab = await browser.newPage();
        await tab.goto(`${page.url}/?api=${encodeURIComponent(env.WAZZUP_BASE_URL)}`);
        await tab.waitForFunction(
          () => document.querySelector('#result')?.textContent !== 'pending',
          undefined,
          { timeout: 15_000 },
        );
        return (await tab.textContent('#result')) ?? '';
      } finally {
        await browser.close();
        page.close();
      }
    }),
  ],
];

/** Bundles a Worker from the installed packages as wrangler does, runs it in workerd, fetches `/`. */
async function inWorkerd(entry: string, bindings: Record<string, unknown>): Promise<string> {
  const worker = await startWorker(
    join(app, entry),
    { WAZZUP_API_KEY: env.WAZZUP_API_KEY, WAZZUP_BASE_URL: env.WAZZUP_BASE_URL },
    bindings,
  );
  try {
    return await (await worker.dispatchFetch('http://worker/')).text();
  } finally {
    await worker.dispose();
  }
}

/** Serves a folder on loopback, for the built page. */
async function serveStatic(dir: string): Promise<{ url: string; close(): void }> {
  const { createServer } = await import('node:http');
  const { readFile } = await import('node:fs/promises');
  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    try {
      const file = await readFile(join(dir, path === '/' ? 'index.html' : path));
      res.setHeader('content-type', path.endsWith('.js') ? 'text/javascript' : 'text/html');
      res.end(file);
    } catch {
      res.statusCode = 404;
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    close: () => server.close(),
  };
}

let failed = 0;
for (const [name, check] of checks) {
  try {
    await check();
    console.log(`✔ ${name}`);
  } catch (error) {
    failed++;
    console.log(`✘ ${name}\n${(error as Error).message}`);
  }
}
mock.kill();
if (!failed || !process.env.KEEP_ECOSYSTEM) rmSync(work, { recursive: true, force: true });
else console.log(`kept ${work}`);
console.log(`Ecosystem: ${checks.length - failed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
