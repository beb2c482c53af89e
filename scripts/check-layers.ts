// Holds core's layers in place: each folder of packages/core/src imports only from the folders
// below it, so no import runs back up (answers are read below errors, the engine below the
// resources, the façade above them all). The entry points (what package.json exports) sit on top
// and may import any layer. Run by `pnpm test`; prints each import that runs back up and fails.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const SRC = resolve('packages/core/src');
/** Lowest first: a file may import its own layer and the ones before it. */
const LAYERS = ['schemas', 'errors', 'core', 'internal', 'resources', 'webhooks', 'outbox'];
/** The entry points' source files, on top of every layer. */
const ENTRIES = [
  'index.ts',
  'client.ts',
  'all-schemas.ts',
  'internal/index.ts',
  'webhooks/index.ts',
  'outbox/index.ts',
];

function* sources(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sources(path);
    else if (/\.ts$/.test(entry.name) && !/\.test(-d)?\.ts$/.test(entry.name)) yield path;
  }
}

/** The layer of a file under src, by its folder; entries are above them all. */
function layerOf(file: string): number {
  const path = relative(SRC, file).split('\\').join('/');
  if (ENTRIES.includes(path)) return LAYERS.length;
  const layer = LAYERS.indexOf(path.split('/')[0] ?? '');
  if (layer < 0) throw new Error(`${path} is in no layer: add its folder to LAYERS`);
  return layer;
}

const problems: string[] = [];
for (const file of sources(SRC)) {
  const text = readFileSync(file, 'utf8');
  for (const [, specifier] of text.matchAll(/^(?:import|export)[^'"]*from '(\.[^']+)'/gm)) {
    const target = resolve(dirname(file), specifier as string);
    const candidates = [`${target}.ts`, join(target, 'index.ts')];
    const imported = candidates.find((candidate) => {
      try {
        readFileSync(candidate);
        return true;
      } catch {
        return false;
      }
    });
    if (!imported) {
      problems.push(`${relative(SRC, file)} imports ${specifier}, which is no file`);
      continue;
    }
    if (layerOf(imported) > layerOf(file)) {
      problems.push(`${relative(SRC, file)} imports ${relative(SRC, imported)}: up a layer`);
    }
  }
}
if (problems.length > 0) {
  console.error(`core's layers (${LAYERS.join(' ← ')} ← entries):\n${problems.join('\n')}`);
  process.exit(1);
}
console.log(`core's layers hold: ${LAYERS.join(' ← ')} ← entries`);
