// The Node versions `pnpm bench` measures on: this one (20) and 22 and 24 from the `node` npm
// package, installed once into node_modules/.cache.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { installNode, OTHER_NODES } from '../../../scripts/node-versions';

const cache = fileURLToPath(new URL('../../../node_modules/.cache/wazzup-bench/', import.meta.url));

/** Each Node version's major and binary, this process's first. */
export async function benchNodes(): Promise<{ major: string; binary: string }[]> {
  const others = await Promise.all(
    Object.entries(OTHER_NODES).map(async ([major, version]) => ({
      major,
      binary: await installNode(version, `${cache}node${major}`),
    })),
  );
  return [
    { major: process.versions.node.split('.')[0] ?? '', binary: process.execPath },
    ...others,
  ];
}

const benchDir = fileURLToPath(new URL('..', import.meta.url));

/**
 * Runs one of the bench's scripts (`src/<script>`) in a fresh process of `node`, through tsx, and
 * hands back what it printed: every measurement that needs a process of its own goes through here.
 */
export async function runScript(
  node: string,
  script: string,
  args: string[] = [],
  nodeFlags: string[] = [],
): Promise<string> {
  const { stdout } = await promisify(execFile)(
    node,
    [...nodeFlags, '--import', 'tsx', `src/${script}`, ...args],
    { cwd: benchDir, maxBuffer: 16 * 1024 * 1024 },
  );
  return stdout;
}
