// Runs the per-send overhead contenders under whichever Node runs this file, and prints every
// round as JSON: `pnpm bench` starts it once per Node version (20, and 22 and 24 from npm).
import { measureOverhead } from './overhead';

const rounds = Number(process.argv[2] ?? 11);
process.stdout.write(JSON.stringify(await measureOverhead(10_000, rounds)));
