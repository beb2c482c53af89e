// Bun importing the installed @wazzup-sdk/bun: the shared program, with the key and address read
// from Bun.env.
import { createWazzup } from '@wazzup-sdk/bun';
import { program } from './program.mjs';

console.log(await program(createWazzup, {}, `Bun ${Bun.version}`));
