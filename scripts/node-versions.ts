// The Node versions besides the one that runs everything (20, the machine's): the ecosystem run
// installs each package under them, and `pnpm bench` measures on them. Both take them from the
// `node` npm package, the one source of other Node versions this machine has.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

/** Node 22 and 24, exact versions. */
export const OTHER_NODES = { '22': '22.23.3', '24': '24.9.0' } as const;

/** Installs `node@version` into `dir` with npm, unless it is there already, and returns its binary. */
export async function installNode(version: string, dir: string): Promise<string> {
  const binary = join(dir, 'node_modules/.bin/node');
  if (existsSync(binary)) return binary;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), '{"private":true}');
  await promisify(execFile)(
    'npm',
    ['install', '--no-audit', '--no-fund', '--loglevel=error', `node@${version}`],
    { cwd: dir },
  );
  return binary;
}
