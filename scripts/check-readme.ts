// Keeps README.md honest: its test command is the one .ci/run runs, and every code block marked
// `<!-- example: path -->` is made of lines that the named example app really runs.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { channelTable, END, START } from './channel-table';

let readme = readFileSync('README.md', 'utf8');
const problems: string[] = [];

// The channel table is generated from core's table of chat-type facts. Biome pads a table's
// columns, so the two are compared with runs of spaces and dashes made one.
const table = `${START}\n${channelTable()}\n${END}`;
const generated = new RegExp(`${START}[\\s\\S]*?${END}`);
const flat = (text: string) => text.replace(/ {2,}/g, ' ').replace(/-{3,}/g, '---');
const current = generated.exec(readme)?.[0];
if (current === undefined) problems.push(`README.md has no channel table (${START})`);
else if (flat(current) !== flat(table)) {
  if (process.argv.includes('--write')) {
    readme = readme.replace(generated, table);
    writeFileSync('README.md', readme);
    execFileSync('node_modules/.bin/biome', ['format', '--write', 'README.md']);
  } else
    problems.push(
      'README.md: the channel table differs from core; run tsx scripts/check-readme.ts --write',
    );
}

const commands = [...readme.matchAll(/```sh\n(.+)\n```/g)].map((match) => match[1] ?? '');
const testCommand = commands[1];
if (!testCommand || !readFileSync('.ci/run', 'utf8').includes(testCommand)) {
  problems.push(`.ci/run does not run the README's test command: ${testCommand}`);
}

// Compare without whitespace, `await` or trailing punctuation, so an excerpt may drop a wrapper.
const normalize = (code: string) =>
  code
    .replace(/\bawait\b|\s+/g, '')
    .replace(/,([}\])])/g, '$1')
    .replace(/[;,]+$/, '');
let examples = 0;
for (const [, path = '', block = ''] of readme.matchAll(
  /<!-- example: (\S+) -->\n```ts\n([\s\S]*?)```/g,
)) {
  examples++;
  const source = normalize(readFileSync(path, 'utf8'));
  for (const line of block.split('\n')) {
    const code = normalize(line.replace(/\/\/.*$/, ''));
    if (code && !source.includes(code)) problems.push(`${path} does not run: ${line.trim()}`);
  }
}
if (examples < 5) problems.push(`expected an example per runtime in README.md, found ${examples}`);

if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(`README.md: test command and ${examples} examples match the code`);
