// Runs the loopback throughput contenders under whichever Node runs this file, and prints every
// round as JSON: `pnpm bench` starts it once per Node version it measures throughput on.
import { measureThroughput } from './throughput';

const rounds = Number(process.argv[2] ?? 7);
process.stdout.write(JSON.stringify(await measureThroughput(8000, 32, rounds)));
