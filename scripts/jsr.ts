// JSR publishing for the packages Deno users import as source (core and deno).
//   tsx scripts/jsr.ts sync   copies versions from package.json into jsr.json (after `changeset version`)
//   tsx scripts/jsr.ts        checks they agree, then runs `deno publish --dry-run` of both
// The dry run happens in a scratch Deno workspace, because that is how the deno package's
// `jsr:@wazzup-sdk/core` resolves to the unpublished core here; npm: imports come from the registry.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

interface Manifest {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
  imports?: Record<string, string>;
}

const PACKAGES = ['core', 'deno'];
const read = (path: string): Manifest => JSON.parse(readFileSync(path, 'utf8'));
const npmVersion = (name: string) =>
  read(`packages/core/node_modules/${name}/package.json`).version;

/** What each jsr.json must say, derived from the npm side. */
function expected(dir: string, jsr: Manifest): Manifest {
  const { version } = read(`packages/${dir}/package.json`);
  const imports: Record<string, string> = {};
  for (const name of Object.keys(jsr.imports ?? {})) {
    imports[name] = name.startsWith('@wazzup-sdk/')
      ? `jsr:${name}@^${read(`packages/${name.slice('@wazzup-sdk/'.length)}/package.json`).version}`
      : `npm:${name}@${npmVersion(name)}`;
  }
  return { ...jsr, version, ...(jsr.imports ? { imports } : {}) };
}

const problems: string[] = [];
for (const dir of PACKAGES) {
  const path = `packages/${dir}/jsr.json`;
  const jsr = read(path);
  const want = expected(dir, jsr);
  if (process.argv[2] === 'sync') writeFileSync(path, `${JSON.stringify(want, null, 2)}\n`);
  else if (JSON.stringify(want) !== JSON.stringify(jsr)) {
    problems.push(`${path} disagrees with package.json: run \`tsx scripts/jsr.ts sync\``);
  }
}
if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}
if (process.argv[2] !== 'sync') {
  const scratch = mkdtempSync(join(tmpdir(), 'wazzup-jsr-'));
  try {
    for (const dir of PACKAGES) {
      for (const file of ['src', 'jsr.json', 'README.md']) {
        cpSync(`packages/${dir}/${file}`, join(scratch, dir, file), { recursive: true });
      }
    }
    // Source imports omit extensions (tsup and tsc resolve them); deno publish rewrites them.
    writeFileSync(
      join(scratch, 'deno.json'),
      JSON.stringify({
        workspace: PACKAGES.map((dir) => `./${dir}`),
        unstable: ['sloppy-imports'],
      }),
    );
    execFileSync(
      resolve('packages/deno/node_modules/.bin/deno'),
      ['publish', '--dry-run', '--allow-dirty', '--quiet'],
      { cwd: scratch, stdio: 'inherit' },
    );
    console.log(
      `JSR: ${PACKAGES.map((dir) => read(`packages/${dir}/jsr.json`).name).join(', ')} pass deno publish --dry-run`,
    );
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
