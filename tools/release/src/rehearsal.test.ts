// The release, rehearsed on a real registry: Verdaccio on loopback, `changeset version` and
// `changeset publish` run on a copy of the workspace, then scratch consumers install the packages
// from it with npm, pnpm and Deno (`npm:`), send to the fake API, and pick up a patch release.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_API_KEY, DEMO_CHANNELS } from '@wazzup-sdk/mock';
import { type ServedWazzupMock, serveWazzupMock } from '@wazzup-sdk/mock/node';
import { freePort } from '@wazzup-sdk/worker-bundle';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const bin = (name: string) => join(root, 'tools/release/node_modules/.bin', name);
const DENO = join(root, 'packages/deno/node_modules/.bin/deno');
const PNPM = ['-y', 'pnpm@10.34.9'];
const work = mkdtempSync(join(tmpdir(), 'wazzup-release-'));
const workspace = join(work, 'workspace');

/** Runs a command to its end; throws with its output when it fails. */
function run(
  command: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv = {},
): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      { cwd, env: { ...process.env, ...env }, timeout: 300_000, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`${command} ${args.join(' ')} failed:\n${stdout}\n${stderr}`));
        else resolve(stdout);
      },
    );
  });
}

let verdaccio: ChildProcess;
let registry: string;
let token: string;
let served: ServedWazzupMock;

beforeAll(async () => {
  const port = await freePort();
  registry = `http://127.0.0.1:${port}/`;
  const config = join(work, 'verdaccio.yaml');
  writeFileSync(
    config,
    [
      `storage: ${join(work, 'storage')}`,
      'auth:',
      `  htpasswd: { file: ${join(work, 'htpasswd')}, max_users: 10 }`,
      'uplinks: {}',
      'packages:',
      "  '@wazzup-sdk/*': { access: $all, publish: $authenticated }",
      "  '**': { access: $all }",
      'log: { type: stdout, format: pretty, level: warn }',
    ].join('\n'),
  );
  verdaccio = spawn(bin('verdaccio'), ['--config', config, '--listen', `127.0.0.1:${port}`], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  // Bounded: Verdaccio answers its ping within seconds, or the rehearsal fails here.
  for (let tries = 0; ; tries++) {
    const ok = await fetch(`${registry}-/ping`).then(
      (answer) => answer.ok,
      () => false,
    );
    if (ok) break;
    if (tries > 300) throw new Error('Verdaccio did not start');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const user = await fetch(`${registry}-/user/org.couchdb.user:rehearsal`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'rehearsal', password: 'rehearsal-password-1' }),
  });
  ({ token } = (await user.json()) as { token: string });

  // The workspace as the release reads it: the built packages, the pending changesets, the root's
  // config; node_modules shared with the repository (changesets and its changelog come from it).
  // The private apps and tools only by their package.json, which pnpm needs to resolve
  // `workspace:` ranges.
  for (const folder of ['packages', 'apps', 'tools']) {
    for (const name of readdirSync(join(root, folder))) {
      const from = join(root, folder, name);
      if (!existsSync(join(from, 'package.json'))) continue;
      const to = join(workspace, folder, name);
      if (folder !== 'packages') {
        mkdirSync(to, { recursive: true });
        cpSync(join(from, 'package.json'), join(to, 'package.json'));
        continue;
      }
      cpSync(from, to, {
        recursive: true,
        filter: (path) => !/\/(node_modules|\.turbo)$/.test(path),
      });
    }
  }
  cpSync(join(root, '.changeset'), join(workspace, '.changeset'), { recursive: true });
  for (const file of ['package.json', 'pnpm-workspace.yaml', 'tsconfig.base.json']) {
    cpSync(join(root, file), join(workspace, file));
  }
  writeFileSync(
    join(workspace, '.npmrc'),
    `@wazzup-sdk:registry=${registry}\n//127.0.0.1:${port}/:_authToken=${token}\n`,
  );
  symlinkSync(join(root, 'node_modules'), join(workspace, 'node_modules'));
  linkWorkspaceDependencies();
  // changeset publish tags what it published, so the copy is a repository of its own.
  const git = (...args: string[]) => run('git', args, workspace);
  await git('init', '-q', '-b', 'main');
  await git('add', '-A');
  await git('-c', 'user.name=r', '-c', 'user.email=r@localhost', 'commit', '-qm', 'release');

  served = await serveWazzupMock({ apiKeys: [DEMO_API_KEY], channels: DEMO_CHANNELS });
}, 300_000);

/**
 * What `pnpm install` would link and `pnpm publish` reads to turn `workspace:` ranges into
 * versions: each package's workspace dependencies, pointing at the copy (whose versions the release
 * changes), not at the repository.
 */
function linkWorkspaceDependencies(): void {
  const where = new Map<string, string>();
  for (const folder of ['packages', 'apps', 'tools']) {
    for (const name of readdirSync(join(workspace, folder))) {
      const dir = join(workspace, folder, name);
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name: string };
      where.set(pkg.name, dir);
    }
  }
  for (const name of readdirSync(join(workspace, 'packages'))) {
    const dir = join(workspace, 'packages', name);
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    for (const field of ['dependencies', 'devDependencies', 'peerDependencies']) {
      for (const [dep, range] of Object.entries((pkg[field] ?? {}) as Record<string, string>)) {
        // A dependency may be named twice (a peer and a dev dependency): linked once.
        if (!range.startsWith('workspace:') || existsSync(join(dir, 'node_modules', dep))) continue;
        mkdirSync(join(dir, 'node_modules/@wazzup-sdk'), { recursive: true });
        symlinkSync(where.get(dep) as string, join(dir, 'node_modules', dep));
      }
    }
  }
}

afterAll(async () => {
  verdaccio?.kill();
  await served?.close();
  // KEEP_REHEARSAL=1 keeps the registry's storage, the tarballs and the consumers to look at.
  if (!process.env.KEEP_REHEARSAL) rmSync(work, { recursive: true, force: true });
});

const publisherEnv = () => ({
  npm_config_registry: registry,
  NPM_CONFIG_USERCONFIG: join(workspace, '.npmrc'),
});

/** `changeset version` then `changeset publish`, as the release does. */
async function release(): Promise<string> {
  await run(bin('changeset'), ['version'], workspace, publisherEnv());
  await run(bin('changeset'), ['publish'], workspace, publisherEnv());
  return (
    JSON.parse(readFileSync(join(workspace, 'packages/core/package.json'), 'utf8')) as {
      version: string;
    }
  ).version;
}

/** What the registry holds of a package: its versions and the tarball of `version`. */
async function packument(name: string) {
  const answer = await fetch(`${registry}${name.replace('/', '%2f')}`);
  return (await answer.json()) as {
    versions: Record<string, { dist: { tarball: string } }>;
    'dist-tags': { latest: string };
  };
}

/** A JSON value with every object's keys in order. */
const sorted = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(sorted)
    : value && typeof value === 'object'
      ? Object.fromEntries(
          Object.entries(value)
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([key, each]) => [key, sorted(each)]),
        )
      : value;

/**
 * Every file of an extracted tarball, by path, as a hash of its bytes; package.json by its content,
 * since pnpm writes the `workspace:` ranges it replaces in an order that varies from run to run.
 */
function hashes(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) {
        walk(path);
        continue;
      }
      const bytes = readFileSync(path);
      const content =
        entry.name === 'package.json' ? JSON.stringify(sorted(JSON.parse(`${bytes}`))) : bytes;
      out[relative(dir, path)] = createHash('sha256').update(content).digest('hex');
    }
  };
  walk(dir);
  return out;
}

/** A scratch consumer that takes @wazzup-sdk from the registry and everything else from npm. */
function consumer(name: string, dependencies: Record<string, string>): string {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, '.npmrc'), `@wazzup-sdk:registry=${registry}\n`);
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name, private: true, type: 'module', dependencies }, null, 2),
  );
  writeFileSync(
    join(dir, 'program.mjs'),
    `import { createWazzup } from '@wazzup-sdk/core';
import { createSender } from '@wazzup-sdk/cloudflare';
const message = { channelId: process.env.CHANNEL, chatType: 'whatsapp', chatId: '79011112233', text: 'Hi' };
const env = { WAZZUP_API_KEY: process.env.WAZZUP_API_KEY, WAZZUP_BASE_URL: process.env.WAZZUP_BASE_URL };
const a = await createWazzup().messages.send(message);
const b = await createSender({ env }).messages.send(message);
console.log(JSON.stringify([a.status, b.status]));
`,
  );
  return dir;
}

const installed = (dir: string, name: string) =>
  JSON.parse(readFileSync(join(dir, 'node_modules', name, 'package.json'), 'utf8')) as {
    version: string;
  };

describe('the release on a real registry (Verdaccio on loopback)', () => {
  const sendEnv = () => ({
    WAZZUP_API_KEY: DEMO_API_KEY,
    WAZZUP_BASE_URL: served.url,
    CHANNEL: DEMO_CHANNELS[0]?.id,
  });
  /** Runs a consumer's program: it sends through core and through the runtime package. */
  const sendsFrom = async (app: string) => {
    const sent = await run(process.execPath, ['program.mjs'], app, sendEnv());
    expect(JSON.parse(sent)).toEqual(['sent', 'sent']);
  };
  let first = '';
  let npmApp = '';
  let pnpmApp = '';

  it('versions and publishes every package, and publishes the files pnpm packs', async () => {
    first = await release();
    expect(first).not.toBe('0.1.0');
    // The pending changesets became the users' changelog, and were used up.
    const changelog = readFileSync(join(workspace, 'packages/core/CHANGELOG.md'), 'utf8');
    expect(changelog).toContain(`## ${first}`);
    expect(
      readdirSync(join(workspace, '.changeset')).filter((name) => name.endsWith('.md')),
    ).toEqual(['README.md']);
    const published = readdirSync(join(workspace, 'packages'))
      .map((dir) => join(workspace, 'packages', dir))
      .map((dir) => ({ dir, pkg: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) }))
      .filter(({ pkg }) => !pkg.private);
    expect(published.map(({ pkg }) => pkg.name)).toContain('@wazzup-sdk/cloudflare');
    for (const { dir, pkg } of published) {
      const held = await packument(pkg.name);
      expect(held['dist-tags'].latest, pkg.name).toBe(pkg.version);
      // The tarball in the registry, and the one pnpm packs now: the same files, byte for byte.
      const fromRegistry = join(work, 'unpacked', 'registry', pkg.name);
      const fromPack = join(work, 'unpacked', 'packed', pkg.name);
      mkdirSync(fromRegistry, { recursive: true });
      mkdirSync(fromPack, { recursive: true });
      const tarball = held.versions[pkg.version]?.dist.tarball as string;
      const downloaded = join(fromRegistry, '..', `${pkg.name.split('/')[1]}.tgz`);
      writeFileSync(downloaded, new Uint8Array(await (await fetch(tarball)).arrayBuffer()));
      await run('tar', ['-xzf', downloaded], fromRegistry);
      const packed = join(work, 'packs', pkg.name);
      await run('npx', [...PNPM, 'pack', '--pack-destination', packed], dir);
      const [file] = readdirSync(packed);
      await run('tar', ['-xzf', join(packed, file as string)], fromPack);
      const files = hashes(fromRegistry);
      expect(files, pkg.name).toEqual(hashes(fromPack));
      expect(Object.keys(files).length).toBeGreaterThan(2);
    }
  });

  it('npm installs core and a runtime package by caret range, and sends', async () => {
    npmApp = consumer('npm-app', {
      '@wazzup-sdk/core': `^${first}`,
      '@wazzup-sdk/cloudflare': `^${first}`,
    });
    await run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], npmApp);
    expect(installed(npmApp, '@wazzup-sdk/core').version).toBe(first);
    await sendsFrom(npmApp);
  });

  it('pnpm does the same', async () => {
    pnpmApp = consumer('pnpm-app', {
      '@wazzup-sdk/core': `^${first}`,
      '@wazzup-sdk/cloudflare': `^${first}`,
    });
    await run('npx', [...PNPM, 'install', '--config.confirmModulesPurge=false'], pnpmApp);
    expect(installed(pnpmApp, '@wazzup-sdk/core').version).toBe(first);
    await sendsFrom(pnpmApp);
  });

  it('Deno imports the Deno package through npm: from the same registry, and sends', async () => {
    const dir = join(work, 'deno-app');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, '.npmrc'), `@wazzup-sdk:registry=${registry}\n`);
    writeFileSync(join(dir, 'deno.json'), '{}\n');
    writeFileSync(
      join(dir, 'main.ts'),
      `import { createWazzup } from 'npm:@wazzup-sdk/deno@^${first}';
const result = await createWazzup().messages.send({
  channelId: Deno.env.get('CHANNEL')!, chatType: 'whatsapp', chatId: '79011112233', text: 'Hi',
});
console.log(JSON.stringify(result.status));
`,
    );
    // Deno holds back versions published in the last 24 hours unless told otherwise.
    const flags = ['--minimum-dependency-age=0', '--allow-net=127.0.0.1', '--allow-env'];
    const sent = await run(DENO, ['run', ...flags, 'main.ts'], dir, {
      ...sendEnv(),
      DENO_DIR: join(work, 'deno-dir'),
      DENO_NO_UPDATE_CHECK: '1',
    });
    expect(JSON.parse(sent)).toBe('sent');
  });

  it('a patch release reaches the consumers through npm update and pnpm update', async () => {
    const marker = 'Rehearsal patch: this line came with the patch release.';
    writeFileSync(
      join(workspace, '.changeset/rehearsal-patch.md'),
      `---\n"@wazzup-sdk/core": patch\n---\n\n${marker}\n`,
    );
    const readme = join(workspace, 'packages/core/README.md');
    writeFileSync(readme, `${readFileSync(readme, 'utf8')}\n${marker}\n`);
    const patch = await release();
    expect(patch).not.toBe(first);
    expect(patch.split('.').slice(0, 2)).toEqual(first.split('.').slice(0, 2));

    await run('npm', ['update', '--no-audit', '--no-fund', '--loglevel=error'], npmApp);
    await run('npx', [...PNPM, 'update'], pnpmApp);
    for (const app of [npmApp, pnpmApp]) {
      expect(installed(app, '@wazzup-sdk/core').version).toBe(patch);
      expect(installed(app, '@wazzup-sdk/cloudflare').version).toBe(patch);
      expect(readFileSync(join(app, 'node_modules/@wazzup-sdk/core/README.md'), 'utf8')).toContain(
        marker,
      );
      await sendsFrom(app);
    }
  });
});
