// Compiles every TypeScript snippet of README.md, CONTRIBUTING.md, docs/*.md and the packages'
// READMEs against the built
// packages, so a guide cannot show code that does not compile. A snippet marked
// `<!-- example: path -->` is an excerpt of an example app, which its own tests run (check-readme
// holds the excerpt to the app's lines); every other one is compiled here as a module of its own,
// with the names a guide's prose introduces declared in prelude.d.ts.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { markdownFiles } from '../../../scripts/markdown-files';

const here = fileURLToPath(new URL('..', import.meta.url));
const root = join(here, '../..');
const out = join(here, '.snippets');

const prelude = readFileSync(join(here, 'src/prelude.d.ts'), 'utf8');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
/** Where each snippet file came from: the markdown file and the line its code starts on. */
const origins = new Map<string, { file: string; line: number }>();
/** Snippets for Deno (they use `Deno.`): checked by Deno itself, with its own types. */
const forDeno: string[] = [];
for (const file of markdownFiles(root)) {
  const text = readFileSync(join(root, file), 'utf8');
  for (const match of text.matchAll(/(<!-- example: \S+ -->\n)?```ts\n([\s\S]*?)```/g)) {
    if (match[1]) continue;
    const code = match[2] ?? '';
    const line = text.slice(0, match.index).split('\n').length + 1;
    const name = `${file.replace(/[/.]/g, '_')}_${line}.ts`;
    origins.set(name, { file, line });
    if (/\bDeno\./.test(code)) forDeno.push(name);
    writeFileSync(join(out, name), `${code}\nexport {};\n${forDeno.includes(name) ? prelude : ''}`);
  }
}
const forTsc = [...origins.keys()].filter((name) => !forDeno.includes(name));
writeFileSync(
  join(out, 'tsconfig.json'),
  JSON.stringify({
    extends: '../../../tsconfig.base.json',
    compilerOptions: { types: ['node'], isolatedDeclarations: false, declaration: false },
    files: [...forTsc, '../src/prelude.d.ts', '../src/prelude-worker.d.ts'],
  }),
);

/** A compiler's report with each snippet's place turned into its place in the markdown. */
const located = (report: string) =>
  report.replace(/(?:\S*\/)?(\w+_md_\d+\.ts)(?:\((\d+),\d+\)|:(\d+):\d+)/g, (whole, name, a, b) => {
    const origin = origins.get(name);
    return origin ? `${origin.file}:${origin.line + Number(a ?? b) - 1}` : whole;
  });
let failed = false;
const compile = (command: string, args: string[]) => {
  try {
    execFileSync(command, args, { cwd: here, encoding: 'utf8', stdio: 'pipe' });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    console.error(located(`${stdout}${stderr}`));
    failed = true;
  }
};
compile(join(here, 'node_modules/.bin/tsc'), ['-p', join(out, 'tsconfig.json')]);
// One at a time: each carries the prelude's globals, which two files would both declare.
const deno = join(root, 'packages/deno/node_modules/.bin/deno');
for (const name of forDeno) compile(deno, ['check', '--quiet', '--unstable-kv', join(out, name)]);
if (failed) process.exit(1);
console.log(
  `${origins.size} snippets of README.md, CONTRIBUTING.md, docs/ and the packages' READMEs compile (${forDeno.length} by Deno)`,
);
