// Runs the receive-path contenders under whichever Node runs this file, and prints every round as
// JSON: `pnpm bench` starts it once per Node version.
import { measureReceive } from './receive';

process.stdout.write(JSON.stringify(await measureReceive(50_000, Number(process.argv[2] ?? 7))));
