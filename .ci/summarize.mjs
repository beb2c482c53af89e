// Sums every test runner's report into one closing "N passed, N failed" line: vitest
// ("Tests  2 failed | 40 passed"), deno test ("ok | 5 passed | 0 failed") and bun test
// (" 5 pass" / " 0 fail" on lines of their own) and the ecosystem run ("Ecosystem: 11 passed, 0 failed").
import { readFileSync } from 'node:fs';

const ansiColour = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
const text = readFileSync(process.argv[2], 'utf8').replace(ansiColour, '');
let passed = 0;
let failed = 0;
const count = (line, word) => Number(new RegExp(`(\\d+) ${word}`).exec(line)?.[1] ?? 0);
for (const line of text.split('\n')) {
  if (/\bTests\s+.*\d+ (passed|failed)/.test(line) || /\b(ok|FAILED) \| \d+ passed/.test(line)) {
    passed += count(line, 'passed');
    failed += count(line, 'failed');
  } else if (/^Ecosystem: \d+ passed, \d+ failed$/.test(line)) {
    passed += count(line, 'passed');
    failed += count(line, 'failed');
  } else if (/^(\S+: )?\s*\d+ pass$/.test(line)) {
    passed += count(line, 'pass');
  } else if (/^(\S+: )?\s*\d+ fail$/.test(line)) {
    failed += count(line, 'fail');
  }
}
console.log(`${passed} passed, ${failed} failed`);
if (passed === 0) process.exit(1);
