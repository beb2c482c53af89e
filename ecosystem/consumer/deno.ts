// Deno importing the installed @wazzup-sdk/deno: the shared program, with the key and address
// read from Deno.env.
import { createWazzup } from '@wazzup-sdk/deno';
import { program } from './program.mjs';

console.log(await program(createWazzup, {}, `Deno ${Deno.version.deno}`));
