// Keeps README.md, CONTRIBUTING.md, the guides in docs/ and the packages' READMEs honest:
// - the README's test command is the one .ci/run runs;
// - generated blocks (the channel table, the bench history's charts) match what they are made from
//   (`--write` rewrites them);
// - every code block marked `<!-- example: path -->` is made of lines the named example app runs;
// - every relative link names a file of the repository, and shell lines name commands that exist
//   (a root script run as `pnpm docs` runs pnpm's own `docs` command instead);
// every other TypeScript snippet is compiled by tools/docs after the build.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { benchCharts, END as CHARTS_END, START as CHARTS_START } from './bench-chart';
import { channelTable, END, START } from './channel-table';
import { markdownFiles } from './markdown-files';

const write = process.argv.includes('--write');
const problems: string[] = [];
const files = markdownFiles();
const guides = files.filter((file) => file.startsWith('docs/'));

// Generated blocks. Biome pads a table's columns, so blocks are compared with runs of spaces and
// dashes made one.
const flat = (text: string) => text.replace(/ {2,}/g, ' ').replace(/-{3,}/g, '---');
const generated = [
  {
    file: 'docs/sending.md',
    start: START,
    end: END,
    make: () => `${START}\n${channelTable()}\n${END}`,
  },
  { file: 'docs/performance.md', start: CHARTS_START, end: CHARTS_END, make: () => benchCharts() },
];
for (const { file, start, end, make } of generated) {
  const text = readFileSync(file, 'utf8');
  const block = new RegExp(`${start}[\\s\\S]*?${end}`);
  const current = block.exec(text)?.[0];
  const wanted = make();
  if (current === undefined) problems.push(`${file} has no block ${start}`);
  else if (flat(current) !== flat(wanted)) {
    if (write) {
      writeFileSync(
        file,
        text.replace(block, () => wanted),
      );
      execFileSync('node_modules/.bin/biome', ['format', '--write', file]);
    } else
      problems.push(`${file}: a generated block is stale; run tsx scripts/check-readme.ts --write`);
  }
}

const readme = readFileSync('README.md', 'utf8');
const commands = [...readme.matchAll(/```sh\n(.+)\n```/g)].map((match) => match[1] ?? '');
const testCommand = commands[1];
if (!testCommand || !readFileSync('.ci/run', 'utf8').includes(testCommand)) {
  problems.push(`.ci/run does not run the README's test command: ${testCommand}`);
}
const readmeLines = readme.split('\n').length;
if (readmeLines > 220) problems.push(`README.md has ${readmeLines} lines; keep it to 220`);

// Compare without whitespace, `await` or trailing punctuation, so an excerpt may drop a wrapper.
const normalize = (code: string) =>
  code
    .replace(/\bawait\b|\s+/g, '')
    .replace(/,([}\])])/g, '$1')
    .replace(/[;,]+$/, '');

const rootScripts = Object.keys(
  (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts,
);
// pnpm's own commands, which win over a script of the same name unless it is run as `pnpm run`
// (`pnpm test` and `pnpm install` run the script, so they are not here).
const PNPM_COMMANDS = new Set(['docs', 'add', 'update', 'publish', 'pack', 'exec']);
const cliCommands = (
  /subCommands: \{([^}]*)\}/.exec(readFileSync('packages/cli/src/main.ts', 'utf8'))?.[1] ?? ''
)
  .split(',')
  .map((entry) => entry.split(':')[0]?.trim())
  .filter(Boolean);

let examples = 0;
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  for (const [, path = '', block = ''] of text.matchAll(
    /<!-- example: (\S+) -->\n```ts\n([\s\S]*?)```/g,
  )) {
    examples++;
    const source = normalize(readFileSync(path, 'utf8'));
    for (const line of block.split('\n')) {
      const code = normalize(line.replace(/\/\/.*$/, ''));
      if (code && !source.includes(code))
        problems.push(`${file}: ${path} does not run: ${line.trim()}`);
    }
  }
  for (const [, block = ''] of text.matchAll(/```sh\n([\s\S]*?)```/g)) {
    for (const line of block.split('\n')) {
      for (const [, word = ''] of line.matchAll(
        /(?:^|&& |; )(?:npx -y )?pnpm(?:@[\d.]+)? ([a-z-]+)/g,
      )) {
        if (rootScripts.includes(word) && PNPM_COMMANDS.has(word))
          problems.push(
            `${file}: \`pnpm ${word}\` runs pnpm's own command; write \`pnpm run ${word}\``,
          );
      }
      for (const [, word = ''] of line.matchAll(
        /(?:^|\s)(?:wazzup|npx @wazzup-sdk\/cli) ([a-z-]+)/g,
      )) {
        if (!cliCommands.includes(word))
          problems.push(`${file}: wazzup has no command ${word}: ${line}`);
      }
    }
  }
  for (const [, target = ''] of text.matchAll(/\]\(([^)\s#]+)(?:#[^)]*)?\)/g)) {
    if (/^[a-z]+:/.test(target)) continue;
    if (!existsSync(join(dirname(file), target)))
      problems.push(`${file}: the link ${target} names no file of the repository`);
  }
}
if (examples < 5) problems.push(`expected an example per runtime in the guides, found ${examples}`);

if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(
  `README.md and ${guides.length} guides: test command, generated blocks, links, commands and ${examples} examples match`,
);
