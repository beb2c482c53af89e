// The Node versions `pnpm bench` measures on: this one (20) and 22 and 24 from the `node` npm
// package, installed once into node_modules/.cache.
import { fileURLToPath } from 'node:url';
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
