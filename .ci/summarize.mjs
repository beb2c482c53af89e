// Sums the "Tests  N failed | M passed" lines every vitest run prints into one closing line.
import { readFileSync } from 'node:fs';

const ansiColour = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
const text = readFileSync(process.argv[2], 'utf8').replace(ansiColour, '');
let passed = 0;
let failed = 0;
for (const line of text.split('\n')) {
  const match = /\bTests\s+(.*\d+ (?:passed|failed).*)$/.exec(line);
  if (!match) continue;
  passed += Number(/(\d+) passed/.exec(match[1])?.[1] ?? 0);
  failed += Number(/(\d+) failed/.exec(match[1])?.[1] ?? 0);
}
console.log(`${passed} passed, ${failed} failed`);
if (passed === 0) process.exit(1);
